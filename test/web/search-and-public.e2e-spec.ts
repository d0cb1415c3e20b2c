import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import ar from '../../apps/web/src/i18n/ar.json';
import en from '../../apps/web/src/i18n/en.json';
import es from '../../apps/web/src/i18n/es.json';
import fr from '../../apps/web/src/i18n/fr.json';
import ru from '../../apps/web/src/i18n/ru.json';
import zh from '../../apps/web/src/i18n/zh.json';
import { apiPost, ensureWebBuilt, launchChromium, signedIn, USERS } from './web-support';

jest.setTimeout(240_000);

let t: TestApp;
let off: TestApp;
let browser: Browser;
let base: string;
let offBase: string;

const RESTRICTED = 'Beekeeping cooperatives integrity review';
const OPEN = 'Open contracting portal for municipalities';
const OFFER = 'Peer review of open contracting portals';

const requestBody = (title: string, restricted: boolean) => ({
  country: 'KE',
  title: { en: title },
  description: { en: `${title}: support needed.` },
  suggestedArticles: ['art-9'],
  suggestedTaTypes: ['c2-capacity-building'],
  beneficiaryInstitution: 'Public Procurement Regulatory Authority',
  preferredLanguages: ['en'],
  restricted,
  statePriority: 'medium',
  contactPerson: { name: 'Wanjiku Kamau', email: 'wanjiku@example.go.ke' },
});

beforeAll(async () => {
  ensureWebBuilt();
  [t, off] = await Promise.all([startTestApp({ PUBLIC_VIEW: 'on' }), startTestApp({ PUBLIC_VIEW: 'off' })]);
  base = (await t.app.getUrl()).replace('[::1]', 'localhost');
  offBase = (await off.app.getUrl()).replace('[::1]', 'localhost');
  browser = await launchChromium();
  for (const [title, restricted] of [[RESTRICTED, true], [OPEN, false]] as const) {
    const r = await apiPost(base, '/requests', 'state', requestBody(title, restricted));
    await apiPost(base, `/requests/${r.id}/triage`, 'secretariat', { articles: ['art-9'], taTypes: ['c2-capacity-building'], priority: 'high' });
  }
  await apiPost(base, '/offers', 'donor', {
    providerId: 'donor-giz',
    providerKind: 'bilateral',
    taTypes: ['c2-capacity-building'],
    articles: ['art-9'],
    eligibleCountries: ['KE'],
    eligibleRegions: [],
    languages: ['en'],
    modality: 'remote',
    capacity: { kind: 'expert_days', days: 30 },
    availability: { from: '2020-01-01', to: '2099-12-31' },
    title: { en: OFFER },
    description: { en: 'Experts who built such portals review yours.' },
  });
  // The public view has no read-your-writes and its page reads once: wait until the triage and
  // the offer are projected, so that the page shows them on its first read.
  const until = Date.now() + 20_000;
  for (;;) {
    const [requests, offers] = await Promise.all(['/public/requests', '/public/offers'].map(async (path) => JSON.stringify(await (await fetch(`${base}${path}`)).json())));
    if (requests!.includes(OPEN) && offers!.includes(OFFER)) break;
    if (Date.now() > until) throw new Error('the open request and the offer were not in the public view within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([t?.close(), off?.close()]);
});

describe('the public view and search in the web app', () => {
  it('shows open needs without signing in, in each of the six languages, without the restricted request or anything personal', async () => {
    const context = await browser.newContext({ baseURL: base, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/app/sign-in');
    await page.getByRole('link', { name: en['public.link'] }).click();
    await page.locator('.public-view[data-ready="true"]').waitFor();
    await page.locator('[data-testid="public-requests-table"]').getByText(OPEN, { exact: true }).waitFor();
    await page.locator('[data-testid="public-offers-table"]').getByText(OFFER, { exact: true }).waitFor();
    const text = await page.locator('main').innerText();
    for (const hidden of [RESTRICTED, 'Beekeeping', 'Wanjiku', 'wanjiku@', 'fp-ke']) expect(text).not.toContain(hidden);
    for (const [lang, dict] of [['ar', ar], ['zh', zh], ['ru', ru], ['es', es], ['fr', fr], ['en', en]] as const) {
      await page.locator('#lang').selectOption(lang);
      await page.getByRole('heading', { level: 1, name: dict['public.title'] }).waitFor();
      await page.getByRole('heading', { level: 2, name: dict['public.requests'] }).waitFor();
    }
    await context.close();
  });

  it('says so when the deployment does not publish a public view', async () => {
    const context = await browser.newContext({ baseURL: offBase, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/app/public');
    await page.locator('[data-testid="public-off"]').waitFor();
    await expect(page.locator('[data-testid="public-off"]').innerText()).resolves.toBe(en['public.off']);
    await context.close();
  });

  it('the header search box finds what the reader may see: the restricted request for its State, not for a donor', async () => {
    const state = await signedIn(browser, base, USERS.state);
    await state.page.locator('#search-q').fill('beekeeping');
    await state.page.locator('form[role="search"] button').click();
    await state.page.waitForURL(/\/app\/search\?q=beekeeping/);
    const stateHits = state.page.locator('[data-testid="search-hits"] li[data-kind="request"]');
    await stateHits.getByText(RESTRICTED, { exact: true }).waitFor();
    await expect(state.page.locator('[data-testid="search-hits"]').innerText()).resolves.toContain('support needed');

    const donor = await signedIn(browser, base, USERS.donor);
    await donor.page.locator('#search-q').fill('beekeeping');
    await donor.page.locator('form[role="search"] button').click();
    await donor.page.locator('main [data-ready="true"]').waitFor();
    await donor.page.getByText(en['search.none']).waitFor();
    await expect(donor.page.locator('main').innerText()).resolves.not.toContain(RESTRICTED);
    // The open request and the offer are found by a word of theirs; the kind filter narrows.
    await donor.page.goto('/app/search?q=contracting');
    await donor.page.locator('[data-testid="search-hits"] li[data-kind="offer"]').getByText(OFFER, { exact: true }).waitFor();
    await donor.page.locator('[data-testid="search-hits"] li[data-kind="request"]').getByText(OPEN, { exact: true }).waitFor();
    await donor.page.getByRole('radio', { name: en['search.kind.offer'] }).check();
    await donor.page.waitForURL(/kinds=offer/);
    await donor.page.locator('main [data-ready="true"]').waitFor();
    await expect(donor.page.locator('[data-testid="search-hits"] li').count()).resolves.toBe(1);
    // The lists' filters: a country the offer is not eligible for leaves nothing, the kind kept.
    await donor.page.locator('#search-country').selectOption('UG');
    await donor.page.waitForURL(/country=UG/);
    await donor.page.getByText(en['search.none']).waitFor();
    expect(donor.page.url()).toContain('kinds=offer');
    await donor.page.locator('#search-country').selectOption('KE');
    await donor.page.locator('[data-testid="search-hits"] li[data-kind="offer"]').getByText(OFFER, { exact: true }).waitFor();
    await state.context.close();
    await donor.context.close();
  });
});
