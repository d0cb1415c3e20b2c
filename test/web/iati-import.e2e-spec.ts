import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { countEvents, eventually } from '../support/case-api';
import { headersOf, signedIn, USERS, useWebApp } from './web-support';

jest.setTimeout(180_000);

const FILE = join(__dirname, '../../libs/iati/test/fixtures/donor-activities.xml');
const expected = JSON.parse(readFileSync(join(__dirname, '../../libs/iati/test/fixtures/donor-activities.expected.json'), 'utf8')) as {
  activities: { identifier: string; offer?: unknown; reported?: { disbursements: number } }[];
};
const offers = expected.activities.filter((a) => a.offer).length;
const reported = expected.activities.filter((a) => a.reported);
const disbursements = reported.reduce((n, a) => n + a.reported!.disbursements, 0);

const web = useWebApp({}, async (web) => {
  const res = await fetch(`${web.base}/directory/organisations/donor-giz/details`, {
    method: 'POST',
    headers: headersOf(USERS.secretariat),
    body: JSON.stringify({ names: { en: 'GIZ' }, addresses: [], iatiIdentifier: 'XI-IATI-TEST-GIZ' }),
  });
  expect(res.status).toBe(200);
  await eventually(async () => (await web.t.db.pool.query("SELECT iati_identifier FROM directory.organisations WHERE id = 'donor-giz'")).rows[0]?.iati_identifier, (v) => v === 'XI-IATI-TEST-GIZ');
});

describe('the IATI import page', () => {
  it('a donor uploads its file, sees the preview (nothing recorded), then confirms', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.donor);
    await page.getByRole('link', { name: 'Import IATI activities' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Import IATI activities' }).waitFor();
    await page.locator('#iati-file').setInputFiles(FILE);
    const before = await countEvents(web.t.db.pool);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('[data-testid="iati-preview"] [role="status"]', { hasText: `300 activities (IATI 2.03): ${offers} offers to create, 0 to update, ${reported.length} reported activities to record` }).waitFor();
    await page.getByRole('cell', { name: 'Record a reported activity' }).first().waitFor();
    await page.getByRole('cell', { name: 'Does not concern preventing corruption' }).first().waitFor();
    expect(await countEvents(web.t.db.pool)).toBe(before);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);

    await page.getByRole('button', { name: `Import (${offers + reported.length} change(s))` }).click();
    await page.locator('[data-testid="iati-result"]', { hasText: `Imported: ${offers} offers created, ${reported.length} reported activities recorded, 0 updated, 0 refused.` }).waitFor({ timeout: 120_000 });
    expect((await countEvents(web.t.db.pool)) - before).toBe(offers + reported.length + disbursements);
    await context.close();
  });

  it('the reported activities are listed, by provider and country, and said not to be engagements; in every language, at 1280 and 390 px, axe finds nothing', async () => {
    for (const lang of ['en', 'ar', 'es', 'fr', 'ru', 'zh'] as const) {
      const { context, page } = await signedIn(web.browser, web.base, USERS.state, lang);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/app/iati/reported-activities?provider=donor-giz');
        await page.locator('[data-ready="true"] [data-testid="list-count"]').waitFor();
        expect(Number(await page.getByTestId('list-count').getAttribute('data-count'))).toBe(reported.length);
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
        const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${lang} ${width}: ${v.id}`)).toEqual([]);
      }
      if (lang === 'en') {
        await page.getByText('These are not engagements of the platform').waitFor();
        const country = 'KE';
        await page.goto(`/app/iati/reported-activities?country=${country}`);
        await page.locator('[data-ready="true"] [data-testid="list-count"]').waitFor();
        const rows = await page.locator('tbody tr').count();
        const want = (await web.t.db.pool.query("SELECT count(*) AS n FROM iati.reported_activities WHERE 'KE' = ANY(recipient_countries)")).rows[0].n;
        expect(rows).toBe(Number(want));
      }
      await context.close();
    }
  }, 600_000);

  it('in French, a hostile file is refused with the reason in French', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.donor, 'fr');
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
