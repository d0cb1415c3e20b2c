import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { apiPost, signedIn, USERS, useWebApp } from './web-support';

jest.setTimeout(240_000);

const web = useWebApp();

const kpi = (page: Page, name: string) => page.locator(`[data-kpi="${name}"] .kpi-value`);
const stageCount = (page: Page, table: string, stage: string) => page.locator(`[data-testid="${table}-table"] tr[data-stage="${stage}"] td[data-count]`);

/** What a browser shows of the page's data tables (evaluated in the page). */
const TABLES_SEEN = `({
  pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  tables: [...document.querySelectorAll('main table')].map((table) => {
    const region = table.parentElement;
    const caption = table.querySelector('caption');
    return {
      caption: caption ? caption.textContent.trim() : '',
      region: region.getAttribute('role'),
      tabindex: region.getAttribute('tabindex'),
      labelledByCaption: Boolean(caption && caption.id) && region.getAttribute('aria-labelledby') === caption.id,
      colHeaders: [...table.querySelectorAll('thead th')].map((th) => th.getAttribute('scope')),
      rowHeaders: [...table.querySelectorAll('tbody th')].map((th) => th.getAttribute('scope')),
      overflows: region.scrollWidth > region.clientWidth,
    };
  }),
})`;
interface TablesSeen {
  pageOverflow: number;
  tables: Array<{ caption: string; region: string | null; tabindex: string | null; labelledByCaption: boolean; colHeaders: Array<string | null>; rowHeaders: Array<string | null>; overflows: boolean }>;
}

describe('the web app', () => {
  it('serves the app under /app/ with a fallback for its routes, next to the API', async () => {
    const index = await fetch(`${web.base}/app/requests/123`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    expect((await fetch(`${web.base}/health/live`)).status).toBe(200);
    const unknown = await fetch(`${web.base}/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a whole case lifecycle through the UI by a State, the Secretariat and a donor, the overview updating live in a fourth browser', async () => {
    const watcher = await signedIn(web.browser, web.base, USERS.secretariat);
    const state = await signedIn(web.browser, web.base, USERS.state);
    const secretariat = await signedIn(web.browser, web.base, USERS.secretariat);
    const donor = await signedIn(web.browser, web.base, USERS.donor);
    const w = watcher.page;
    await w.goto('/app/');
    await w.locator('.overview[data-ready="true"]').waitFor();
    await expect(kpi(w, 'requests').getAttribute('data-value')).resolves.toBe('0');
    await w.locator('[data-live="live"]').waitFor();

    // The State submits a request; an empty title is refused next to its field, and so is the
    // lack of a choice of visibility and of priority: nothing is chosen for the State.
    const s = state.page;
    await s.getByRole('link', { name: 'Submit a request' }).first().click();
    await expect(s.locator('#req-consent input[type="radio"]:checked').count()).resolves.toBe(0);
    await expect(s.locator('#req-priority input[type="radio"]:checked').count()).resolves.toBe(0);
    await s.locator('#req-institution').fill('Ethics and Anti-Corruption Commission');
    await s.getByRole('button', { name: 'Submit the request' }).click();
    await s.locator('.field-error[data-path="/restricted"]').getByText('Choose one.').waitFor();
    await s.locator('.field-error[data-path="/statePriority"]').waitFor();
    await s.locator('#req-priority').getByLabel('High').check();
    await s.locator('#req-consent').getByRole('radio', { name: /Open:/ }).check();
    await s.getByRole('button', { name: 'Submit the request' }).click();
    await s.locator('.field-error[data-path="/title"]').waitFor();
    await s.locator('#req-title').fill('Verification of asset declarations');
    await s.locator('#req-description').fill('Risk-based verification of the asset declarations of public officials.');
    await s.getByLabel('Art. 8 Codes of conduct').check();
    await s.getByLabel('Capacity-building', { exact: true }).check();
    // the need traced to its source: a first-cycle self-assessment on article 9
    await s.getByRole('button', { name: 'Add a source' }).click();
    await s.locator('#req-source-0-kind').selectOption('self-assessment');
    await s.locator('#req-source-0-round').fill('2010-2011');
    await s.locator('#req-source-0-cycle').selectOption('1');
    await s.locator('#req-source-0-article').selectOption('art-9');
    await s.locator('#req-source-0-paragraph').fill('1 (b)');
    await s.locator('#req-source-0-need').fill('Objective criteria for procurement decisions.');
    await s.getByRole('button', { name: 'Submit the request' }).click();
    await s.getByRole('heading', { level: 1, name: 'Verification of asset declarations' }).waitFor();
    const requestId = s.url().split('/').pop()!;
    await s.locator('[data-fact="statePriority"]').getByText('High').waitFor();
    const source = s.locator('#case-sources li[data-kind="self-assessment"]');
    await source.getByText('Self-assessment checklist · 2010-2011 · First review cycle (chapters III and IV) · Art. 9 Procurement and public finance, para. 1 (b)').waitFor();
    await source.getByText('Objective criteria for procurement decisions.').waitFor();

    // ... and the watcher's overview follows without a reload.
    await w.locator('[data-kpi="requests"] .kpi-value[data-value="1"]').waitFor();
    await stageCount(w, 'pipeline-requests-chart', 'submitted').and(w.locator('[data-count="1"]')).waitFor();

    // The Secretariat triages it from its work list.
    const sec = secretariat.page;
    await sec.getByRole('link', { name: 'My work' }).click();
    await sec.locator('#work-awaiting').getByRole('link', { name: 'Verification of asset declarations' }).click();
    await sec.getByRole('button', { name: 'Classify and open for offers' }).click();
    await sec.locator('.badge-open_for_offers').first().waitFor();

    // The donor registers an offer; a malformed amount is refused next to its field.
    const d = donor.page;
    await d.getByRole('link', { name: 'Register an offer' }).first().click();
    await d.locator('#off-title').fill('Asset declaration systems support');
    await d.locator('#off-description').fill('Peer advice and training.');
    await d.getByLabel('Art. 8 Codes of conduct').check();
    await d.getByLabel('Capacity-building', { exact: true }).check();
    await d.locator('#off-countries').fill('KE, UG');
    await d.locator('#off-amount').fill('12,5');
    await d.locator('#off-to').fill('2099-12-31');
    await d.getByRole('button', { name: 'Register the offer' }).click();
    await d.locator('.field-error[data-path="/capacity/amount"]').waitFor();
    await expect(d.locator('#off-amount').getAttribute('aria-invalid')).resolves.toBe('true');
    await d.locator('#off-amount').fill('50000.00');
    await d.getByRole('button', { name: 'Register the offer' }).click();
    await d.getByRole('heading', { level: 1, name: 'Provider: Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)' }).waitFor();
    await d.locator('#donor-offers').getByText('Asset declaration systems support').waitFor();

    // Its page says when it expires on its own; the donor extends the window.
    await d.locator('#donor-offers').getByRole('link', { name: 'Asset declaration systems support' }).click();
    await d.locator('[data-testid="offer-expires"][data-date="2100-01-01"]').waitFor();
    await d.locator('#extend-to').fill('2100-06-30');
    await d.getByRole('button', { name: 'Extend the offer' }).click();
    await d.locator('[data-testid="offer-expires"][data-date="2100-07-01"]').waitFor();

    // The Secretariat proposes the match: candidates ranked, with their reasons.
    await sec.getByRole('link', { name: 'Propose a match' }).click();
    const candidate = sec.locator('li.candidate').first();
    await candidate.waitFor();
    await expect(candidate.locator('.score').getAttribute('data-score')).resolves.toBe('1');
    await candidate.getByText('Kenya is eligible').waitFor();
    await candidate.getByRole('button', { name: 'Propose this match' }).click();
    await sec.getByRole('heading', { level: 1, name: 'Engagement' }).waitFor();
    const engagementUrl = new URL(sec.url()).pathname;

    // Both parties accept, in either order.
    await d.goto(engagementUrl);
    await d.getByRole('button', { name: 'Accept' }).click();
    await d.getByText('Accepted by').locator('xpath=following-sibling::dd[1]').getByText('the provider').waitFor();
    await s.goto(engagementUrl);
    await s.getByRole('button', { name: 'Accept' }).click();
    await s.locator('.badge-active').waitFor().catch(async (e: unknown) => {
      const ev = await web.t.db.pool.query("SELECT stream_id, event_type, metadata->>'actorId' AS a FROM event_store.events ORDER BY global_position");
      const cons = await web.t.db.pool.query('SELECT * FROM event_store.consumers');
      throw new Error(`${String(e)}\n${JSON.stringify(ev.rows)}\n${JSON.stringify(cons.rows)}\nState page:\n${await s.locator('main').innerText()}\nDonor page:\n${await d.locator('main').innerText()}`);
    });

    // Delivery: the donor plans and reports a milestone; the State disputes, then confirms.
    await d.reload();
    await d.locator('#plan-title').fill('Risk model delivered');
    await d.locator('#plan-due').fill('2099-03-31');
    await d.getByRole('button', { name: 'Add the milestone' }).click();
    await d.getByRole('button', { name: 'Report as done' }).click();
    await s.locator('li.milestone[data-status="reported"]').waitFor(); // live, no reload
    await s.getByRole('textbox', { name: 'Reason' }).fill('The model does not cover county governments');
    await s.getByRole('button', { name: 'Dispute' }).click();
    await w.locator('[data-kpi="disputed"] .kpi-value[data-value="1"]').waitFor();
    await w.locator('[data-testid="milestones-disputed"]').getByText('Risk model delivered').waitFor();
    await d.locator('li.milestone[data-status="disputed"]').waitFor();
    await d.getByRole('button', { name: 'Report as done' }).click();
    await s.getByRole('button', { name: 'Confirm delivery' }).click();
    await s.locator('li.milestone[data-status="confirmed"]').waitFor();

    // The Secretariat completes; the State contests, then acknowledges the second completion;
    // the State records the follow-up; the Secretariat closes.
    await sec.reload();
    await sec.getByRole('button', { name: 'Complete the engagement' }).click();
    await sec.locator('.badge-completed').waitFor();
    await w.locator('[data-kpi="awaitingAcknowledgement"] .kpi-value[data-value="1"]').waitFor();
    await s.locator('[data-testid="completion-awaiting"]').waitFor();
    await s.getByRole('textbox', { name: 'Reason' }).fill('The final report is missing');
    await s.getByRole('button', { name: 'Contest', exact: true }).click();
    await sec.locator('[data-testid="completion-contested"]').getByText('The final report is missing').waitFor();
    await sec.getByRole('button', { name: 'Complete the engagement' }).click();
    await s.getByRole('button', { name: 'Acknowledge the completion' }).click();
    await s.locator('.badge-acknowledged').waitFor();
    await s.locator('[data-testid="completion-acknowledged"]').waitFor();
    await w.locator('[data-kpi="awaitingAcknowledgement"] .kpi-value[data-value="0"]').waitFor();
    await s.goto(`/app/requests/${requestId}`);
    await s.locator('.badge-delivered').first().waitFor();
    await s.locator('#followup-comment').fill('Verification now covers 12,000 declarations a year.');
    await s.getByRole('button', { name: 'Record the follow-up' }).click();
    await sec.goto(`/app/requests/${requestId}`);
    await sec.getByRole('button', { name: 'Close the case' }).click();
    await sec.locator('.badge-closed').first().waitFor();

    // The history: who did what, in which role, and why.
    const timeline = sec.locator('[data-testid="timeline"]');
    await timeline.locator('li[data-event="RequestClosed"]').waitFor();
    await timeline.locator('li[data-event="RequestSubmitted"]').getByText('by fp-ke (State)').waitFor();
    await timeline.locator('li[data-event="RequestTriaged"]').getByText('by unodc-officer-1 (Secretariat)').waitFor();
    await timeline.locator('li[data-event="MilestoneDisputed"]').getByText('The model does not cover county governments').waitFor();
    await timeline.locator('li[data-event="CompletionContested"]').getByText('Completion contested by the State').waitFor();
    await timeline.locator('li[data-event="CompletionContested"]').getByText('The final report is missing').waitFor();
    await timeline.locator('li[data-event="CompletionAcknowledged"]').getByText('by fp-ke (State)').waitFor();

    // The watcher saw it all happen.
    await stageCount(w, 'pipeline-engagements-chart', 'acknowledged').and(w.locator('[data-count="1"]')).waitFor();
    await stageCount(w, 'pipeline-requests-chart', 'closed').and(w.locator('[data-count="1"]')).waitFor();
    await w.locator('[data-kpi="disputed"] .kpi-value[data-value="0"]').waitFor();
    for (const x of [watcher, state, secretariat, donor]) await x.context.close();
  });

  it("a donor's browser never shows another State's restricted request", async () => {
    const restricted = await apiPost(web.base, '/requests', 'otherState', {
      country: 'UG',
      title: { en: 'Restricted: whistle-blower protection review' },
      description: { en: 'Confidential.' },
      suggestedArticles: ['art-13'],
      suggestedTaTypes: ['c2-policymaking'],
      beneficiaryInstitution: 'Inspectorate of Government',
      preferredLanguages: ['en'],
      restricted: true,
      statePriority: 'medium',
    });
    await apiPost(web.base, '/requests', 'otherState', {
      country: 'UG',
      title: { en: 'Open: procurement audit training' },
      description: { en: 'Public.' },
      suggestedArticles: ['art-9'],
      suggestedTaTypes: ['c2-capacity-building'],
      beneficiaryInstitution: 'PPDA',
      preferredLanguages: ['en'],
      restricted: false,
      statePriority: 'medium',
    });
    const donor = await signedIn(web.browser, web.base, USERS.donor);
    const ug = await signedIn(web.browser, web.base, USERS.otherState);
    const d = donor.page;
    // Its own State sees it (the test would pass vacuously otherwise).
    await ug.page.goto('/app/countries/UG');
    await ug.page.getByText('Restricted: whistle-blower protection review').waitFor();

    await d.goto('/app/countries/UG');
    await d.getByText('Open: procurement audit training').waitFor();
    await expect(d.getByText('Restricted: whistle-blower protection review').count()).resolves.toBe(0);
    await d.goto('/app/');
    await d.locator('.overview[data-ready="true"]').waitFor();
    await expect(d.locator('body').innerText()).resolves.not.toContain('whistle-blower');
    await d.goto(`/app/requests/${restricted.id}`);
    await d.locator('.problem[data-code="coordination.request_not_found"]').waitFor();
    await expect(d.locator('body').innerText()).resolves.not.toContain('whistle-blower');
    await donor.context.close();
    await ug.context.close();
  });

  it('the State restricts its request from the case page, and opens it again; another browser follows, and the history says who and why', async () => {
    const opened = await apiPost(web.base, '/requests', 'otherState', {
      country: 'UG',
      title: { en: 'Asset recovery desk: consent test' },
      description: { en: 'Set up an asset recovery desk.' },
      suggestedArticles: ['art-9'],
      suggestedTaTypes: ['c2-institution-building'],
      beneficiaryInstitution: 'Inspectorate of Government',
      preferredLanguages: ['en'],
      restricted: false,
      statePriority: 'low',
    });
    const ug = await signedIn(web.browser, web.base, USERS.otherState);
    const donor = await signedIn(web.browser, web.base, USERS.donor);
    const u = ug.page;
    const d = donor.page;
    await d.goto(`/app/requests/${opened.id}`);
    await d.getByRole('heading', { level: 1, name: 'Asset recovery desk: consent test' }).waitFor();
    // a donor has no consent action
    await expect(d.getByRole('button', { name: 'Restrict', exact: true }).count()).resolves.toBe(0);

    await u.goto(`/app/requests/${opened.id}`);
    await u.locator('[data-fact="restricted"]').getByText(/^Open:/).waitFor();
    await u.locator('#restrict-reason').fill('The ministry asked for confidentiality.');
    await u.getByRole('button', { name: 'Restrict', exact: true }).click();
    await u.locator('.badge-restricted').waitFor();
    await u.getByRole('button', { name: 'Open', exact: true }).waitFor();

    // the donor, not engaged on it, no longer sees it
    await d.goto(`/app/requests/${opened.id}`);
    await d.locator('.problem[data-code="coordination.request_not_found"]').waitFor();

    await u.locator('#open-reason').fill('Cleared for publication.');
    await u.getByRole('button', { name: 'Open', exact: true }).click();
    await u.getByRole('button', { name: 'Restrict', exact: true }).waitFor();
    await d.goto(`/app/requests/${opened.id}`);
    await d.getByRole('heading', { level: 1, name: 'Asset recovery desk: consent test' }).waitFor();
    const changes = d.locator('[data-testid="timeline"] li[data-event="RequestAccessChanged"]');
    await expect(changes.count()).resolves.toBe(2);
    await changes.first().getByText('The ministry asked for confidentiality.').waitFor();
    await changes.first().getByText('restricted', { exact: true }).waitFor();
    await changes.last().getByText('open to everyone').waitFor();
    await ug.context.close();
    await donor.context.close();
  });

  it('on a phone-width screen every data table scrolls inside its own captioned, focusable region, never the page; a sortable header reorders the rows', async () => {
    for (const title of ['Zeta: integrity testing of customs officers', 'Alpha: conflict-of-interest rules for judges']) {
      await apiPost(web.base, '/requests', 'state', {
        country: 'KE',
        title: { en: title },
        description: { en: 'Needed.' },
        suggestedArticles: ['art-7'],
        suggestedTaTypes: ['c2-capacity-building'],
        beneficiaryInstitution: 'Public Service Commission',
        preferredLanguages: ['en'],
        restricted: false,
        statePriority: 'medium',
      });
    }
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat);
    await page.setViewportSize({ width: 360, height: 740 });
    const overflowing: string[] = [];
    for (const path of ['/app/', '/app/countries/KE', '/app/work']) {
      await page.goto(path);
      await page.locator('main [data-ready="true"]').waitFor();
      const seen = (await page.evaluate(TABLES_SEEN)) as TablesSeen;
      expect(seen.pageOverflow).toBeLessThanOrEqual(0);
      expect(seen.tables.length).toBeGreaterThan(0);
      for (const table of seen.tables) {
        expect(table).toMatchObject({ region: 'region', tabindex: '0', labelledByCaption: true });
        expect(table.caption).not.toBe('');
        expect(new Set(table.colHeaders)).toEqual(new Set(['col']));
        for (const scope of table.rowHeaders) expect(scope).toBe('row');
        if (table.overflows) overflowing.push(`${path}: ${table.caption}`);
      }
    }
    // The requests tables are wider than the screen: they scroll, by keyboard too.
    expect(overflowing).toContain('/app/countries/KE: Requests of this country');
    await page.goto('/app/countries/KE');
    await page.locator('main [data-ready="true"]').waitFor();
    const region = page.locator('#country-list').getByRole('region', { name: 'Requests of this country' });
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((e) => e !== null && Math.abs((e as { scrollLeft: number }).scrollLeft) > 0, await region.elementHandle(), { timeout: 5_000 });

    // Rows keep the API's order until a sortable header is chosen; choosing it again reverses.
    const titles = () => page.locator('[data-testid="requests-table"] tbody tr td:first-child a').allTextContents();
    const header = (sort: string) => page.locator(`[data-testid="requests-table"] th[aria-sort="${sort}"]:has(button[data-column="request"])`);
    await page.locator('[data-testid="requests-table"]').getByRole('button', { name: 'Request', exact: true }).click();
    await header('ascending').waitFor();
    const ascending = await titles();
    expect(ascending.length).toBeGreaterThanOrEqual(2);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, 'en')));
    expect(ascending[0]).toBe('Alpha: conflict-of-interest rules for judges');
    await header('ascending').getByRole('button').click();
    await header('descending').waitFor();
    await expect(titles()).resolves.toEqual([...ascending].reverse());
    await context.close();
  });

  it('the Arabic view renders right to left, and every language can be chosen at any time', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat);
    await page.goto('/app/');
    await page.locator('.overview[data-ready="true"]').waitFor();
    // WEB_SCREENSHOTS=1: the README's pictures (docs/screenshots).
    const shots = process.env.WEB_SCREENSHOTS === '1' ? join(__dirname, '../../docs/screenshots') : null;
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, 'overview-en.png'), fullPage: true });
      // The same on a phone, and the Secretariat's queue with its count in the header.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(shots, 'overview-phone-en.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole('link', { name: 'My work' }).first().click();
      await page.locator('div[data-ready="true"] #work-awaiting').waitFor();
      await page.locator('[data-testid="work-count"]').waitFor();
      await page.screenshot({ path: join(shots, 'work-en.png'), fullPage: true });
      await page.getByRole('link', { name: 'Overview' }).first().click();
      await page.locator('.overview[data-ready="true"]').waitFor();
    }
    await page.locator('#lang').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'العرض المنسق' }).waitFor();
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ar');
    // laid out right to left: the brand is at the right edge, the tools at the left
    const brand = (await page.locator('.brand').boundingBox())!;
    const tools = (await page.locator('.tools').boundingBox())!;
    expect(brand.x).toBeGreaterThan(tools.x);
    await expect(page.evaluate('getComputedStyle(document.querySelector("main h1")).direction')).resolves.toBe('rtl');
    if (shots) await page.screenshot({ path: join(shots, 'overview-ar.png'), fullPage: true });
    for (const [lang, title] of [['zh', '协调视图'], ['ru', 'Сводная картина'], ['es', 'Vista coordinada'], ['fr', 'Vue coordonnée'], ['en', 'Coordinated view']] as const) {
      await page.locator('#lang').selectOption(lang);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await expect(page.locator('html').getAttribute('dir')).resolves.toBe('ltr');
    }
    await context.close();
  });
});
