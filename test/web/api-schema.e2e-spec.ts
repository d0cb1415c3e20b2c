import { readFileSync, writeFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../support/app';
import { API_SCHEMA_FILE, apiSchemaSource, firstDifference } from './api-schema';

/**
 * The web app's API types (apps/web/src/lib/api-schema.d.ts) are generated from the OpenAPI
 * document the running API serves. A change to an answer's shape, a status or a route without
 * regenerating them fails here. `npm run web:types` runs this file with WEB_TYPES=write, which
 * writes the generated file instead of comparing.
 */

let t: TestApp;
let generated: string;

beforeAll(async () => {
  // Every route the web app may call, those of the public view (PUBLIC_VIEW=on) included.
  t = await startTestApp({ PUBLIC_VIEW: 'on' });
  const res = await fetch(`${t.url}/docs/openapi.json`);
  expect(res.status).toBe(200);
  generated = apiSchemaSource(await res.json());
  if (process.env.WEB_TYPES === 'write') writeFileSync(API_SCHEMA_FILE, generated);
});
afterAll(() => t.close());

it("the committed API types are those of the running API's OpenAPI document (else: npm run web:types)", () => {
  const committed = readFileSync(API_SCHEMA_FILE, 'utf8');
  if (committed !== generated) {
    throw new Error(`apps/web/src/lib/api-schema.d.ts differs from the API's OpenAPI document; run npm run web:types.\nFirst difference at ${firstDifference(committed, generated)}`);
  }
});

it('the generated types carry the enums the web app takes its codes from', () => {
  // The app's status lists are checked against these unions (apps/web/src/lib/codes.ts).
  expect(generated).toMatch(/RequestView: \{[^]*?status: "submitted" \| "returned_for_clarification"/);
  expect(generated).toMatch(/EngagementView: \{[^]*?status: "proposed" \| "agreed"/);
  expect(generated).not.toMatch(/^\s*(export )?(const|let|var|function|enum|class) /m);
});
