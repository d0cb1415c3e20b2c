import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { countEvents, eventually } from '../support/case-api';
import { ensureWebBuilt, headersOf, launchChromium, signedIn, USERS } from './web-support';

jest.setTimeout(180_000);

const FILE = join(__dirname, '../../libs/iati/test/fixtures/donor-activities.xml');
const expected = JSON.parse(readFileSync(join(__dirname, '../../libs/iati/test/fixtures/donor-activities.expected.json'), 'utf8')) as { activities: { offer?: unknown }[] };
const offers = expected.activities.filter((a) => a.offer).length;

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ensureWebBuilt();
  t = await startTestApp();
  base = (await t.app.getUrl()).replace('[::1]', 'localhost');
  browser = await launchChromium();
  const res = await fetch(`${base}/directory/organisations/donor-giz/details`, {
    method: 'POST',
    headers: headersOf(USERS.secretariat),
    body: JSON.stringify({ names: { en: 'GIZ' }, addresses: [], iatiIdentifier: 'XI-IATI-TEST-GIZ' }),
  });
  expect(res.status).toBe(200);
  await eventually(async () => (await t.db.pool.query("SELECT iati_identifier FROM directory.organisations WHERE id = 'donor-giz'")).rows[0]?.iati_identifier, (v) => v === 'XI-IATI-TEST-GIZ');
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the IATI import page', () => {
  it('a donor uploads its file, sees the preview (nothing recorded), then confirms', async () => {
    const { context, page } = await signedIn(browser, base, USERS.donor);
    await page.getByRole('link', { name: 'Import IATI activities' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Import IATI activities' }).waitFor();
    await page.locator('#iati-file').setInputFiles(FILE);
    const before = await countEvents(t.db.pool);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('[data-testid="iati-preview"] [role="status"]', { hasText: `300 activities (IATI 2.03): ${offers} to create` }).waitFor();
    await page.getByRole('cell', { name: 'Does not concern preventing corruption' }).first().waitFor();
    expect(await countEvents(t.db.pool)).toBe(before);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);

    await page.getByRole('button', { name: `Import (${offers} change(s))` }).click();
    await page.locator('[data-testid="iati-result"]', { hasText: `Imported: ${offers} created, 0 updated, 0 refused.` }).waitFor();
    expect((await countEvents(t.db.pool)) - before).toBe(offers);
    await context.close();
  });

  it('in French, a hostile file is refused with the reason in French', async () => {
    const { context, page } = await signedIn(browser, base, USERS.donor, 'fr');
    await page.goto('/app/iati/import');
    await page.locator('#iati-file').setInputFiles({
      name: 'lol.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa">]><iati-activities version="2.03"/>'),
    });
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.locator('.error-summary[data-code="iati.hostile_xml"]', { hasText: 'Le fichier est refusé' }).waitFor();
    await context.close();
  });
});
