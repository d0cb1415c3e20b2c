import { readFileSync } from 'node:fs';
import request from 'supertest';
import { ExpectedVersion } from '@ta/event-store';
import { fixtureId, toNewEvent, wholeCase } from '../../libs/coordination/test/case-fixtures';
import { ACTORS } from '../support/case-api';
import { signedIn, USERS, useWebApp } from './web-support';

jest.setTimeout(180_000);

const web = useWebApp({}, async (web) => {
  let last = 0;
  for (const x of Array.from({ length: 3 }, (_, i) => wholeCase(i, { ids: fixtureId })).flat()) {
    last = (await web.t.infra.eventStore.store.append(x.streamId, [toNewEvent(x)], ExpectedVersion.any)).lastGlobalPosition;
  }
  await request(web.t.server).get(`/requests?minPosition=${last}`).set(ACTORS.secretariat).expect(200);
});

describe('exports and reports in the web app', () => {
  it("a view's download button gives its CSV, labels in the reader's language", async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat, 'fr');
    await page.goto('/app/');
    await page.locator('.overview[data-ready="true"]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#coverage').getByRole('button', { name: 'Télécharger en CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^coverage-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.split('\r\n')[0]).toContain('Article de la CNUCC');
    await context.close();
  });

  it('the report page makes a report and downloads it as PDF, in Arabic', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat, 'ar');
    await page.goto('/app/reports');
    await page.locator('#report-from').fill('2024-01-01');
    await page.locator('#report-to').fill('2026-01-01');
    await page.locator('#report-lang').selectOption('ar');
    await page.getByRole('button', { name: 'إعداد التقرير' }).click();
    const hash = page.locator('#report-made code');
    await hash.waitFor();
    expect(await hash.textContent()).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#report-made').getByRole('button', { name: 'تنزيل PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('report-2024-01-01-2026-01-01-ar.pdf');
    expect(readFileSync((await download.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await context.close();
  });
});
