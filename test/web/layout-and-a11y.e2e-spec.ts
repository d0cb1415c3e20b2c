import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ExpectedVersion } from '@ta/event-store';
import { f, fixtureId, toNewEvent, wholeCase } from '../../libs/coordination/test/case-fixtures';
import { headersOf, signedIn, USERS, useWebApp } from './web-support';

// Every main page, in the six languages, on a wide screen (1280 px) and a phone (390 px):
// nothing scrolls sideways, and axe-core finds no serious or critical violation (run once per
// page and language, at 1280 px). One API, one browser, one signed-in context per language.
// WEB_LAYOUT_SCREENS=1 saves a screenshot of each in dist/screens/<lang>-<width>-<page>.png.

jest.setTimeout(600_000);

const LANGS = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;
const WIDTHS = [1280, 390] as const;
const SCREENS = resolve(__dirname, '../../dist/screens');
/** WEB_LAYOUT_SCREENS=1: a screenshot of each page, language and width in dist/screens. */
const SHOTS = process.env.WEB_LAYOUT_SCREENS === '1';
const id = fixtureId;

/** The main pages, with what shows they are ready (their data loaded). */
const PAGES: ReadonlyArray<{ name: string; path: string }> = [
  { name: 'overview', path: '/app/' },
  { name: 'work', path: '/app/work' },
  { name: 'search', path: '/app/search?q=workshop' },
  { name: 'case', path: `/app/requests/${id('req-0')}` },
  { name: 'offer', path: `/app/offers/${id('off-0')}` },
  { name: 'engagement', path: `/app/engagements/${id('eng-0')}` },
  { name: 'country', path: '/app/countries/KE' },
  { name: 'donor', path: '/app/donors/donor-0' },
  { name: 'directory', path: '/app/directory' },
  { name: 'new-request', path: '/app/requests/new' },
  { name: 'new-offer', path: '/app/offers/new' },
  { name: 'practices', path: '/app/practices' },
  { name: 'new-practice', path: '/app/practices/new' },
  { name: 'requests', path: '/app/requests?status=in_delivery' },
  { name: 'engagements', path: '/app/engagements?status=active' },
  { name: 'offers', path: '/app/offers?status=open' },
  { name: 'notifications', path: '/app/notifications' },
  // Filtered: the overview (every section under the filter, its form open) and the lists it opens.
  { name: 'overview-filtered', path: '/app/?region=002&from=2025-01-01&to=2026-01-01&article=art-9&sourceKind=review-report' },
  { name: 'requests-filtered', path: '/app/requests?region=002&article=art-9&donor=donor-0&submittedFrom=2025-01-01&submittedTo=2026-01-01' },
  { name: 'engagements-filtered', path: '/app/engagements?region=002&currency=USD&committed=true&article=art-9&proposedFrom=2025-01-01' },
  { name: 'offers-filtered', path: '/app/offers?region=002&registeredFrom=2025-01-01&registeredTo=2026-01-01' },
  { name: 'iati-import', path: '/app/iati/import' },
  { name: 'reported-activities', path: '/app/iati/reported-activities' },
];

const web = useWebApp({}, async (web) => {
  // A few whole cases (every engagement and milestone status), long titles included.
  const fixtures = [
    ...Array.from({ length: 3 }, (_, i) => wholeCase(i, { ids: id })).flat(),
    f.submitted(id('req-long'), '2025-01-02T00:00:00Z', {
      country: 'KE',
      institution: 'Ethics and Anti-Corruption Commission, Directorate of Preventive Services and Integrity Verification of Asset Declarations',
    }),
  ];
  let last = 0;
  for (const x of fixtures) last = (await web.t.infra.eventStore.store.append(x.streamId, [toNewEvent(x)], ExpectedVersion.any)).lastGlobalPosition;
  const seen = await fetch(`${web.base}/coordination/summary?minPosition=${last}`, { headers: headersOf(USERS.secretariat) });
  expect(seen.status).toBe(200);
  if (SHOTS) mkdirSync(SCREENS, { recursive: true });
});

/** Waits until the page's data has loaded: no "Loading" left in main, the overview's sections all ready. */
async function settled(page: Page): Promise<void> {
  await page.locator('main').waitFor();
  // Polled with evaluate: waitForFunction's polling evaluates a string in a way the app's
  // Content-Security-Policy (no 'unsafe-eval') refuses.
  const ready = `!document.querySelector('main .loading') && !document.querySelector('.overview[data-ready="false"]') && (document.querySelector('main')?.textContent ?? '').trim().length > 0`;
  const until = Date.now() + 20_000;
  while (!(await page.evaluate(ready))) {
    if (Date.now() > until) throw new Error(`page not settled within 20 s: ${page.url()}`);
    await page.waitForTimeout(100);
  }
}

/** How far the page scrolls sideways, and the widest elements sticking out (for the message). */
const OVERFLOW = `(() => {
  const root = document.scrollingElement;
  const width = root.clientWidth;
  const out = [...document.querySelectorAll('body *')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > width + 1 || r.left < -1); })
    .filter((el) => !el.closest('[role="region"][tabindex="0"]') || el.matches('[role="region"][tabindex="0"]'))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''));
  return { overflow: root.scrollWidth - width, out };
})()`;

describe.each(LANGS)('%s', (lang) => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await signedIn(web.browser, web.base, USERS.secretariat, lang));
  });
  afterAll(() => context?.close());

  it.each(PAGES.map((p) => [p.name, p.path] as const))('%s: nothing scrolls sideways at 1280 and 390 px; axe finds nothing serious or critical', async (name, path) => {
    {
      const found: Array<{ width: number; overflow: number; out: string[] }> = [];
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(path);
        await settled(page);
        if (name.startsWith('overview')) await page.locator('[data-testid="world-map"] a[data-country="KE"]').waitFor();
        if (SHOTS) await page.screenshot({ path: join(SCREENS, `${lang}-${width}-${name}.png`) });
        const o = (await page.evaluate(OVERFLOW)) as { overflow: number; out: string[] };
        if (o.overflow > 0) found.push({ width, ...o });
        if (width === 1280) {
          const dir = await page.locator('html').getAttribute('dir');
          expect(dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');
          const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
          const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          expect(bad.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))).toEqual([]);
        }
      }
      expect(found).toEqual([]);
    }
  });
});

/** The list page's count once loaded (the figures it was reached from must match it). */
async function listCount(page: Page): Promise<number> {
  await page.locator('div[data-ready="true"] [data-testid="list-count"]').waitFor();
  return Number(await page.locator('[data-testid="list-count"]').getAttribute('data-count'));
}

/** GET from the API as the Secretariat. */
async function apiGet<T>(path: string): Promise<T> {
  return (await (await fetch(`${web.base}${path}`, { headers: headersOf(USERS.secretariat) })).json()) as T;
}

describe('the overview leads somewhere', () => {
  it('every figure opens the list behind it, its filters kept in the URL; sections fold; charts are laid out at a phone\'s width', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat, 'en');
    try {
      await page.goto('/app/');
      await settled(page);
      // A stage of the pipeline: its count opens the requests in that stage.
      const stageRow = page.locator('[data-testid="pipeline-requests-chart-table"] tr[data-stage]').filter({ has: page.locator('a') }).first();
      const stageLink = stageRow.locator('a');
      const stage = (await stageRow.getAttribute('data-stage'))!;
      const stageCount = Number(await stageLink.textContent());
      expect(stageCount).toBeGreaterThan(0);
      await stageLink.click();
      await page.waitForURL(`**/app/requests?status=${stage}`);
      expect(await listCount(page)).toBe(stageCount);
      await expect(page.locator(`[data-testid="requests-table"] .badge-${stage}`).count()).resolves.toBe(stageCount);
      // A filter more: in the URL, answered as the API answers it, still there after a reload.
      await page.locator('#filter-country').selectOption('KE');
      await page.waitForURL(`**/app/requests?status=${stage}&country=KE`);
      const inKenya = await apiGet<{ items: unknown[] }>(`/requests?status=${stage}&country=KE&limit=100`);
      expect(await listCount(page)).toBe(inKenya.items.length);
      await page.reload();
      await expect(page.locator('#filter-country').inputValue()).resolves.toBe('KE');
      expect(await listCount(page)).toBe(inKenya.items.length);
      // A key figure: the active engagements.
      await page.goto('/app/');
      await settled(page);
      const active = Number(await page.locator('[data-kpi="active"] .kpi-value').getAttribute('data-value'));
      await page.locator('[data-kpi="active"] a').click();
      await page.waitForURL('**/app/engagements?status=active');
      expect(await listCount(page)).toBe(active);
      // All offers, and a currency's pledges: the offers in it.
      await page.goto('/app/');
      await settled(page);
      const offers = Number(await page.locator('[data-kpi="offers"] .kpi-value').getAttribute('data-value'));
      await page.locator('[data-kpi="offers"] a').click();
      await page.waitForURL('**/app/offers');
      expect(await listCount(page)).toBe(offers);
      await page.goto('/app/');
      await settled(page);
      await page.locator('#funding table a[href$="/offers?currency=USD"]').click();
      await page.waitForURL('**/app/offers?currency=USD');
      const inUsd = await apiGet<{ items: unknown[] }>('/offers?currency=USD&limit=100');
      expect(inUsd.items.length).toBeGreaterThan(0);
      expect(await listCount(page)).toBe(inUsd.items.length);
      // A coverage figure: the requests of that article and type of assistance.
      await page.goto('/app/');
      await settled(page);
      const cell = page.locator('#coverage table a').first();
      const cellCount = Number(await cell.textContent());
      await cell.click();
      await page.waitForURL(/\/app\/requests\?(status=open_for_offers&)?article=art-\d+&taType=/);
      expect(await listCount(page)).toBe(cellCount);
      // A quarter of the trends: the requests submitted in it.
      await page.goto('/app/');
      await settled(page);
      const quarter = page.locator('[data-testid="trends-requests"] a').first();
      const quarterCount = Number(await quarter.textContent());
      await quarter.click();
      await page.waitForURL(/\/app\/requests\?submittedFrom=\d{4}-\d{2}-01&submittedTo=\d{4}-\d{2}-01$/);
      expect(await listCount(page)).toBe(quarterCount);
      // A section folds, and stays folded when the page is opened again.
      await page.goto('/app/');
      await settled(page);
      await page.locator('#coverage-h button').click();
      await expect(page.locator('#coverage-h button').getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(page.locator('#coverage-body').isHidden()).resolves.toBe(true);
      await page.reload();
      await settled(page);
      await expect(page.locator('#coverage-body').isHidden()).resolves.toBe(true);
      await page.locator('#coverage-h button').click();
      await expect(page.locator('#coverage-body').isVisible()).resolves.toBe(true);
      // On a phone, a chart is laid out at its width (drawn at scale 1), not scaled down.
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto('/app/');
      await settled(page);
      const scale = await page.locator('#pipeline-requests svg.chart').evaluate((svg) => svg.getBoundingClientRect().width / Number(svg.getAttribute('viewBox')!.split(' ')[2]));
      expect(scale).toBeGreaterThan(0.98);
      expect(scale).toBeLessThan(1.02);
    } finally {
      await context.close();
    }
  });

  it('a filtered overview: the filter in the URL, every section under it, each figure opening the list behind it with the same filter', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat, 'en');
    try {
      await page.goto('/app/');
      await settled(page);
      const all = Number(await page.locator('[data-kpi="requests"] .kpi-value').getAttribute('data-value'));
      // Africa (002): Kenya's requests only here (Peru and Viet Nam are elsewhere).
      await page.locator('#filter-region').selectOption('002');
      await page.waitForURL('**/app/?region=002');
      await settled(page);
      const summary = await apiGet<{ requests: { total: number }; engagements: { byStatus: Record<string, number> }; funding: Array<{ currency: string | null; committed: number }> }>(
        '/coordination/summary?region=002',
      );
      const requests = Number(await page.locator('[data-kpi="requests"] .kpi-value').getAttribute('data-value'));
      expect(requests).toBe(summary.requests.total);
      expect(requests).toBeGreaterThan(0);
      expect(requests).toBeLessThan(all);
      // The map and its table: only the region's countries.
      const countries = await page.locator('[data-testid="world-map"] a[data-country]').evaluateAll((as) => as.map((a) => a.getAttribute('data-country')));
      expect(countries).toEqual(['KE']);
      // Key figures open their lists under the same filter.
      await page.locator('[data-kpi="requests"] a').click();
      await page.waitForURL('**/app/requests?region=002');
      expect(await listCount(page)).toBe(requests);
      await expect(page.locator('#filter-region').inputValue()).resolves.toBe('002');
      await page.goBack();
      await settled(page);
      const active = Number(await page.locator('[data-kpi="active"] .kpi-value').getAttribute('data-value'));
      expect(active).toBe(summary.engagements.byStatus.active ?? 0);
      await page.locator('[data-kpi="active"] a').click();
      await page.waitForURL('**/app/engagements?region=002&status=active');
      expect(await listCount(page)).toBe(active);
      // A stage of the pipeline.
      await page.goto('/app/?region=002');
      await settled(page);
      const stageRow = page.locator('[data-testid="pipeline-requests-chart-table"] tr[data-stage]').filter({ has: page.locator('a') }).first();
      const stage = (await stageRow.getAttribute('data-stage'))!;
      const stageCount = Number(await stageRow.locator('a').textContent());
      await stageRow.locator('a').click();
      await page.waitForURL(`**/app/requests?region=002&status=${stage}`);
      expect(await listCount(page)).toBe(stageCount);
      // A quarter of the trends: the region's requests submitted in it.
      await page.goto('/app/?region=002');
      await settled(page);
      const quarter = page.locator('[data-testid="trends-requests"] a').first();
      const quarterCount = Number(await quarter.textContent());
      await quarter.click();
      await page.waitForURL(/\/app\/requests\?region=002&submittedFrom=\d{4}-\d{2}-01&submittedTo=\d{4}-\d{2}-01$/);
      expect(await listCount(page)).toBe(quarterCount);
      // What is committed in US dollars: the engagements whose amounts make it.
      await page.goto('/app/?region=002');
      await settled(page);
      await page.locator('#funding table a[href$="/engagements?region=002&currency=USD&committed=true"]').click();
      await page.waitForURL('**/app/engagements?region=002&currency=USD&committed=true');
      const committed = await apiGet<{ items: Array<{ amount: number }> }>('/engagements?region=002&currency=USD&committed=true&limit=200');
      expect(await listCount(page)).toBe(committed.items.length);
      expect(committed.items.reduce((n, e) => n + e.amount, 0)).toBe(summary.funding.find((l) => l.currency === 'USD')!.committed);
      // A period with nothing in it: every figure is zero.
      await page.goto('/app/?region=002&from=2030-01-01');
      await settled(page);
      await expect(page.locator('[data-kpi="requests"] .kpi-value').getAttribute('data-value')).resolves.toBe('0');
      await expect(page.locator('#filter-from').inputValue()).resolves.toBe('2030-01-01');
    } finally {
      await context.close();
    }
  });

  it('the map shades countries with requests, each a link to its page; the UN disclaimer under it; figures link to their lists; overdue split by whose move', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat, 'fr');
    try {
      await page.goto('/app/');
      await page.locator('.overview[data-ready="true"]').waitFor();
      const map = page.locator('[data-testid="world-map"]');
      await map.locator('a[data-country="KE"]').waitFor();
      const summary = (await (await fetch(`${web.base}/coordination/summary`, { headers: headersOf(USERS.secretariat) })).json()) as {
        requests: { total: number };
        milestones: { overdueAwaitingReport: number; overdueAwaitingConfirmation: number };
      };
      const countries = (await (await fetch(`${web.base}/coordination/countries`, { headers: headersOf(USERS.secretariat) })).json()) as { items: Array<{ country: string; requests: number }> };
      // Shaded: exactly the countries with requests (those drawn at 1:110m), with their figure.
      const shaded = await map.locator('a[data-country]').evaluateAll((as) => as.map((a) => [a.getAttribute('data-country'), Number(a.getAttribute('data-value'))]));
      expect(Object.fromEntries(shaded)).toEqual(Object.fromEntries(countries.items.map((c) => [c.country, c.requests])));
      await expect(page.locator('[data-testid="map-disclaimer"]').textContent()).resolves.toContain('Organisation des Nations Unies');
      // The other figure: the map shows open needs instead.
      await page.getByLabel('Ouvertes aux offres').check();
      await expect(map.locator('title').first().textContent()).resolves.toContain('Ouvertes aux offres');
      // Overdue: the two figures the summary gives, each leading to the overdue lists.
      await expect(page.locator('[data-kpi="overdueReport"] .kpi-value').getAttribute('data-value')).resolves.toBe(String(summary.milestones.overdueAwaitingReport));
      await expect(page.locator('[data-kpi="overdueConfirmation"] .kpi-value').getAttribute('data-value')).resolves.toBe(String(summary.milestones.overdueAwaitingConfirmation));
      await expect(page.locator('[data-kpi="overdueReport"] a').getAttribute('href')).resolves.toBe('#overdue');
      // Here no reported milestone is overdue: the provider's list has them all, the State's says none waits.
      expect(summary.milestones).toMatchObject({ overdueAwaitingConfirmation: 0 });
      expect(summary.milestones.overdueAwaitingReport).toBeGreaterThan(0);
      await page.locator('[data-testid="milestones-overdue-report"]').waitFor();
      await page.locator('#overdue').getByText("Aucun jalon signalé n'attend la confirmation de l'État.").waitFor();
      // A country on the map opens its page (back to requests: every country with one is shaded).
      await page.getByLabel('Demandes', { exact: true }).check();
      await map.locator('a[data-country="KE"]').click();
      await page.waitForURL('**/app/countries/KE');
      await page.locator('h1').getByText('Kenya').waitFor();
    } finally {
      await context.close();
    }
  });
});
