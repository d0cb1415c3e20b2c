import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { SCHEMA_FILES_DIR } from '@ta/contracts';
import { startTestApp, type TestApp } from '../support/app';

// The Kafka contracts' JSON Schemas over HTTP, without sign-in: the same bytes as the files
// under version control (libs/contracts/schemas), which the contracts' own spec keeps current.
const files = join(__dirname, '..', '..', SCHEMA_FILES_DIR);
const file = (path: string) => readFileSync(join(files, path), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GET /contracts/schemas', () => {
  it('serves the index without a token, listing every topic with its key, headers and duplicate advice', async () => {
    const res = await request(t.server).get('/contracts/schemas').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toBe(file('index.json'));
    expect(res.body.duplicates).toMatch(/event id/);
    expect(Object.keys(res.body.headers)).toEqual(['event-id', 'event-type', 'schema-version', 'correlation-id', 'content-type']);
    expect(res.body.topics.map((x: { name: string }) => x.name)).toEqual(['ta.case.requests', 'ta.case.offers', 'ta.audit.seals', 'ta.directory.organisations']);
  });

  it('serves every file the index names, byte for byte the file under version control', async () => {
    const index = JSON.parse(file('index.json')) as { topics: Array<{ key: { file: string }; events: Array<{ file: string; $id: string }> }> };
    const paths = index.topics.flatMap((x) => [x.key.file, ...x.events.map((e) => e.file)]);
    expect(paths.length).toBeGreaterThan(50);
    for (const path of paths) {
      const res = await request(t.server).get(`/contracts/schemas/${path}`).expect(200);
      expect({ path, text: res.text }).toEqual({ path, text: file(path) });
    }
    const one = await request(t.server).get('/contracts/schemas/ta.case.offers/OfferRegistered.v1.json').expect(200);
    expect(one.body.$id).toBe('urn:uncac-ta:contracts:ta.case.offers:OfferRegistered:v1');
  });

  it('answers an unknown schema with the 404 problem contracts.schema_not_found', async () => {
    for (const path of ['ta.case.offers/OfferRegistered.v9.json', 'ta.nothing/key.json', 'ta.case.offers/..%2F..%2Fpackage.json']) {
      const res = await request(t.server).get(`/contracts/schemas/${path}`);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
      if (!path.includes('%2F')) expect(res.body.code).toBe('contracts.schema_not_found');
    }
  });
});
