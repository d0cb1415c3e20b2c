import { randomUUID } from 'node:crypto';
import { eventually, offerBody, requestBody, triageBody } from '../support/case-api';
import { startTestApp } from '../support/app';
import { apiPost, headersOf, signedIn, USERS, useWebApp } from './web-support';

jest.setTimeout(180_000);

const web = useWebApp();

describe('the directory in the web app', () => {
  it('a State notifies an authority through the form; everyone finds it, the contact point only signed in', async () => {
    const id = `ke-web-${randomUUID().slice(0, 6)}`;
    const { context, page: s } = await signedIn(web.browser, web.base, USERS.state);
    await s.getByRole('link', { name: 'Directory' }).first().click();
    await s.getByRole('heading', { level: 1, name: 'Directory of organizations and national authorities' }).waitFor();
    await s.getByRole('link', { name: 'Notify a national authority' }).click();
    // Nothing filled in: refused next to the fields.
    await s.getByRole('button', { name: 'Notify the authority' }).click();
    await s.locator('.field-error[data-path="/organisationId"]').waitFor();
    await s.locator('#auth-id').fill(id);
    await s.locator('#auth-name').fill('Public Procurement Regulatory Authority');
    await s.locator('#auth-address').fill('National Bank Building, Nairobi');
    await s.getByLabel('Art. 6 Prevention bodies').check();
    await s.getByLabel('Art. 9 Procurement and public finance').check();
    await s.getByLabel('Capacity-building', { exact: true }).check();
    await s.locator('#auth-contact-name').fill('Wanjiru Kamau');
    await s.locator('#auth-contact-email').fill('wanjiru.kamau@example.go.ke');
    await s.getByRole('button', { name: 'Notify the authority' }).click();
    await s.getByRole('heading', { level: 1, name: 'Public Procurement Regulatory Authority' }).waitFor();
    await s.locator('[data-testid="entry-contact"]', { hasText: 'wanjiru.kamau@example.go.ke' }).waitFor();
    await s.locator('[data-testid="entry-articles"]', { hasText: 'Art. 9' }).waitFor();
    // It maintains the entry: a later notification drops article 6.
    await s.getByRole('link', { name: 'Notify a change' }).click();
    await s.getByLabel('Art. 6 Prevention bodies').uncheck();
    await s.getByRole('button', { name: 'Notify the change' }).click();
    await s.getByRole('heading', { level: 1, name: 'Public Procurement Regulatory Authority' }).waitFor();
    await s.locator('[data-testid="entry-articles"]', { hasNotText: 'Art. 6' }).waitFor();
    await expect(s.locator('[data-testid="entry-articles"]').textContent()).resolves.toBe('Art. 9 Procurement and public finance');
    await context.close();

    // A donor finds it in the directory (filtered to national authorities) and sees its contact point, signed in.
    const { context: dc, page: d } = await signedIn(web.browser, web.base, USERS.donor);
    await d.goto('/app/directory');
    await d.locator('#dir-kind').selectOption('national_authority');
    await d.locator(`[data-testid="directory"] [data-id="${id}"]`).waitFor();
    await expect(d.getByRole('link', { name: 'Notify a national authority' }).count()).resolves.toBe(0);
    await d.getByRole('link', { name: 'Public Procurement Regulatory Authority' }).click();
    await d.locator('[data-testid="entry-contact"]').waitFor();
    await dc.close();
  });

  it('the Secretariat verifies a proposed organisation from its entry', async () => {
    const id = `donor-web-${randomUUID().slice(0, 6)}`;
    const res = await fetch(`${web.base}/directory/organisations`, {
      method: 'POST',
      headers: headersOf(USERS.secretariat),
      body: JSON.stringify({ organisationId: id, kind: 'donor_agency', names: { en: 'Norwegian Agency for Development Cooperation', fr: 'Agence norvégienne de coopération pour le développement' }, country: 'NO', addresses: [], website: null }),
    });
    expect(res.status).toBe(201);
    // The page reads once: wait until the directory's read model has the entry.
    await eventually(() => fetch(`${web.base}/directory/organisations/${id}`, { headers: headersOf(USERS.secretariat) }).then((r) => r.status), (status) => status === 200);
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat, 'fr');
    await page.goto(`/app/directory/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Agence norvégienne de coopération pour le développement' }).waitFor();
    await page.locator('.badge-proposed').waitFor();
    await page.getByRole('button', { name: "Vérifier l'organisation" }).click();
    await page.locator('.badge-verified').waitFor();
    await context.close();
  });

  it("an engagement shows its funder and its implementer by the directory's names", async () => {
    const requestId = (await apiPost(web.base, '/requests', 'state', requestBody())).id;
    await apiPost(web.base, `/requests/${requestId}/triage`, 'secretariat', triageBody);
    const offerId = (await apiPost(web.base, '/offers', 'donor', offerBody())).id;
    const engagementId = (await apiPost(web.base, '/engagements', 'secretariat', { requestId, offerId, amount: '1000.00', score: 0.8, reasons: ['fit'], implementerId: 'unodc' })).id;
    await eventually(() => fetch(`${web.base}/engagements/${engagementId}`, { headers: headersOf(USERS.state) }).then((r) => r.status), (status) => status === 200);
    const { context, page } = await signedIn(web.browser, web.base, USERS.state);
    await page.goto(`/app/engagements/${engagementId}`);
    await page.locator('[data-testid="implementer"]', { hasText: 'United Nations Office on Drugs and Crime' }).waitFor();
    await page.getByRole('link', { name: 'Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)' }).waitFor();
    await context.close();
  });

  it('reads in Arabic, right to left', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat, 'ar');
    await page.goto('/app/directory');
    await page.getByRole('heading', { level: 1, name: 'دليل المنظمات والسلطات الوطنية' }).waitFor();
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await page.locator('[data-testid="directory"] [data-id="unodc"]').waitFor();
    await context.close();
  });
});

describe('the public directory page', () => {
  it('without signing in: where the deployment keeps the public view off, it says so', async () => {
    const context = await web.browser.newContext({ baseURL: web.base });
    const page = await context.newPage();
    await page.goto('/app/public/directory');
    await page.getByRole('heading', { level: 1, name: 'Public directory of national prevention authorities' }).waitFor();
    await page.locator('[data-testid="public-off"]').waitFor();
    await context.close();
  });

  it('without signing in, where it is on: the authorities by State with their areas, no contact point, and the CSV', async () => {
    const open = await startTestApp({ PUBLIC_VIEW: 'on' });
    try {
      const openBase = (await open.app.getUrl()).replace('[::1]', 'localhost');
      // The seed was entered at start: wait until the directory projector has it (the page reads once).
      await eventually(
        () => fetch(`${openBase}/public/directory/authorities`).then((r) => r.json() as Promise<{ items: Array<{ id: string }> }>),
        (b) => b.items.some((a) => a.id === 'authority-ke-eacc'),
      );
      const context = await web.browser.newContext({ baseURL: openBase, locale: 'fr-FR' });
      await context.addInitScript(`localStorage.setItem('ta.lang', 'fr')`);
      const page = await context.newPage();
      await page.goto('/app/public/directory');
      await page.getByRole('heading', { level: 1, name: 'Répertoire public des autorités nationales de prévention' }).waitFor();
      const row = page.locator('[data-testid="public-directory"] tr', { has: page.locator('[data-id="authority-ke-eacc"]') });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain('Kenya');
      await expect(page.locator('main').textContent()).resolves.not.toMatch(/@/);
      await expect(page.locator('[data-testid="public-csv"]').getAttribute('href')).resolves.toBe('/public/directory/authorities.csv?lang=fr');
      await context.close();
    } finally {
      await open.close();
    }
  });
});
