import type { Page } from 'playwright-core';
import { apiPost, headersOf, signedIn, USERS, useWebApp } from './web-support';

// "My work" in a browser: a State, a donor and a Secretariat officer each take their part of a
// case from what awaits them, choosing rows by the case's title and the other party's name,
// never typing a code or reading an id.

jest.setTimeout(240_000);

const web = useWebApp();

const TITLE = 'Training for asset declaration verifiers';
const GIZ = 'Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)';

/** Opens "My work" and waits for it. */
async function myWork(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'My work' }).first().click();
  await page.locator('div[data-ready="true"] #work-awaiting').waitFor();
}

/** The queue's row of a kind of step on our case (waits for it: the read models follow the commands). */
function task(page: Page, kind: string) {
  return page.locator(`[data-testid="tasks-table"] tr[data-task="${kind}"]`).filter({ hasText: TITLE });
}

/** Reloads "My work" until the row shows (a command's effect reaches the lists a moment later). */
async function awaitTask(page: Page, kind: string) {
  for (let i = 0; i < 20; i++) {
    await myWork(page);
    if ((await task(page, kind).count()) > 0) return task(page, kind);
    await page.waitForTimeout(250);
  }
  throw new Error(`no "${kind}" row on My work:\n${await page.locator('main').innerText()}`);
}

/**
 * The header's count of what awaits the actor (on every page) is the number of rows of its
 * queue, and the link is named with it ("My work, 2 awaiting your action").
 */
async function headerCountsTheQueue(page: Page): Promise<number> {
  await myWork(page);
  const rows = await page.locator('[data-testid="tasks-table"] tr[data-task]').count();
  const counted = () => page.locator('[data-testid="work-count"]').evaluateAll((els) => Number(els[0]?.getAttribute('data-count') ?? 0));
  for (let i = 0; i < 80 && (await counted()) !== rows; i++) await page.waitForTimeout(125);
  expect(await counted()).toBe(rows);
  if (rows > 0) await page.getByRole('link', { name: `My work, ${rows} awaiting your action` }).waitFor();
  // The same count on another page, opened afresh (read once that page has loaded).
  await page.goto('/app/directory');
  if (rows > 0) await page.locator(`[data-testid="work-count"][data-count="${rows}"]`).waitFor();
  else expect(await counted()).toBe(0);
  await myWork(page);
  return rows;
}

describe('My work in the browser', () => {
  it('each role finishes its part of a case from what awaits it, by titles and names', async () => {
    await apiPost(web.base, '/requests', 'state', {
      country: 'KE',
      title: { en: TITLE },
      description: { en: 'Training of the commission verifiers in risk-based verification.' },
      suggestedArticles: ['art-8'],
      suggestedTaTypes: ['c2-capacity-building'],
      beneficiaryInstitution: 'Ethics and Anti-Corruption Commission',
      preferredLanguages: ['en'],
      restricted: false,
      statePriority: 'high',
    });
    await apiPost(web.base, '/offers', 'donor', {
      providerId: 'donor-giz',
      providerKind: 'bilateral',
      taTypes: ['c2-capacity-building'],
      articles: ['art-8'],
      eligibleCountries: ['KE'],
      eligibleRegions: [],
      languages: ['en'],
      modality: 'hybrid',
      capacity: { kind: 'money', amount: '80000.00', currency: 'EUR' },
      availability: { from: '2020-01-01', to: '2099-12-31' },
      title: { en: 'Verification training' },
      description: { en: 'Trainers and materials.' },
    });
    const state = await signedIn(web.browser, web.base, USERS.state);
    const secretariat = await signedIn(web.browser, web.base, USERS.secretariat);
    const donor = await signedIn(web.browser, web.base, USERS.donor);
    const s = state.page;
    const sec = secretariat.page;
    const d = donor.page;

    // The Secretariat: one request to triage, counted, with the requesting State named.
    const triage = await awaitTask(sec, 'triage');
    await sec.locator('[data-counter="triage"][data-count="1"]').waitFor();
    await triage.getByText('Kenya').waitFor();
    await triage.locator('[data-age="0"]').waitFor();
    expect(await headerCountsTheQueue(sec)).toBeGreaterThan(0);
    await triage.getByRole('link', { name: TITLE }).click();
    await sec.getByRole('button', { name: 'Classify and open for offers' }).click();
    await sec.locator('.badge-open_for_offers').first().waitFor();
    // ... then to find it an offer.
    await (await awaitTask(sec, 'match')).getByRole('link', { name: TITLE }).click();
    await sec.getByRole('link', { name: 'Propose a match' }).click();
    await sec.locator('li.candidate').first().getByRole('button', { name: 'Propose this match' }).click();
    await sec.getByRole('heading', { level: 1, name: `Engagement · ${TITLE}` }).waitFor();
    // The match reasons in words, as the match page showed them.
    await sec.locator('li[data-reason="country"]').getByText('Country eligibility: Kenya is eligible').waitFor();
    await sec.locator('li[data-reason="articles"]').getByText('UNCAC articles: Art. 8 (1 of 1)').waitFor();

    // The donor and the State each accept, the State seeing the provider by name.
    await (await awaitTask(d, 'accept')).getByRole('link', { name: TITLE }).click();
    await d.getByRole('button', { name: 'Accept' }).click();
    await d.getByText('Accepted by').locator('xpath=following-sibling::dd[1]').getByText('the provider').waitFor();
    const accept = await awaitTask(s, 'accept');
    await accept.getByText(GIZ).waitFor();
    await accept.getByRole('link', { name: TITLE }).click();
    await s.getByRole('button', { name: 'Accept' }).click();
    await s.locator('.badge-active').waitFor();

    // The donor plans a milestone (a date in the past, or outside the offer's window, is warned
    // about), then reports it.
    await (await awaitTask(d, 'plan')).getByRole('link', { name: TITLE }).click();
    await d.getByRole('button', { name: 'Add the milestone' }).click();
    await d.locator('.field-error[data-path="/title"]').getByText('This is required.').waitFor();
    await d.locator('.field-error[data-path="/dueDate"]').getByText('This is required.').waitFor();
    await expect(d.locator('#plan-due').getAttribute('aria-invalid')).resolves.toBe('true');
    await d.locator('#plan-title').fill('Verifiers trained');
    await d.locator('#plan-due').fill('2020-03-31');
    await d.locator('[data-testid="plan-past"]').waitFor();
    await expect(d.locator('[data-testid="plan-outside"]').count()).resolves.toBe(0);
    // ... and one after the offer's window (it ends on 31 Dec 2099).
    await d.locator('#plan-due').fill('2100-01-31');
    await d.locator('[data-testid="plan-outside"]').getByText(/^This date is outside the offer's window \(\D*1\D*2020 – \D*31\D*2099\)/).waitFor();
    await expect(d.locator('[data-testid="plan-past"]').count()).resolves.toBe(0);
    await d.locator('#plan-due').fill('2099-03-31');
    await expect(d.locator('[data-testid="plan-past"]').count()).resolves.toBe(0);
    await expect(d.locator('[data-testid="plan-outside"]').count()).resolves.toBe(0);
    await d.getByRole('button', { name: 'Add the milestone' }).click();
    const report = await awaitTask(d, 'report');
    await report.getByText('Verifiers trained').waitFor();
    await report.locator('[data-deadline="2099-03-31"]').waitFor();
    await report.getByRole('link', { name: TITLE }).click();
    await d.getByRole('button', { name: 'Report as done' }).click();
    await d.locator('li.milestone[data-status="reported"]').waitFor();

    // The State disputes it from its queue; the Secretariat sees the dispute and reschedules.
    const confirm = await awaitTask(s, 'confirm');
    expect(await headerCountsTheQueue(s)).toBeGreaterThan(0);
    await confirm.getByText('Verifiers trained').waitFor();
    await confirm.getByText(GIZ).waitFor();
    await confirm.getByRole('link', { name: TITLE }).click();
    await s.getByRole('textbox', { name: 'Reason' }).fill('Only half of the verifiers attended');
    await s.getByRole('button', { name: 'Dispute' }).click();
    await s.locator('li.milestone[data-status="disputed"]').waitFor();
    const dispute = await awaitTask(sec, 'resolveDispute');
    await dispute.getByText(GIZ).waitFor();
    await dispute.getByRole('link', { name: TITLE }).click();
    await sec.locator('li.milestone').getByText('Only half of the verifiers attended').first().waitFor();
    // What settles it is said, and the provider is told how to answer.
    await sec.locator('[data-testid^="dispute-next-"]').getByText(/To settle it, move its due date with "Reschedule"/).waitFor();
    await d.goto(sec.url().replace(/^.*\/app\//, '/app/'));
    await d.locator('[data-testid^="dispute-next-"]').getByText(/Answer it: once the work is done, report it again/).waitFor();
    await sec.locator('li.milestone summary', { hasText: 'Reschedule' }).click();
    await sec.getByRole('button', { name: 'Reschedule the milestone' }).click();
    // Every error at once, beside its field.
    await sec.locator('.field-error[data-path="/dueDate"]').waitFor();
    await sec.locator('.field-error[data-path="/reason"]').waitFor();
    await sec.getByLabel(/New due date/).fill('2099-06-30');
    await sec.locator('li.milestone').getByRole('textbox', { name: 'Reason' }).fill('A second session for the other half');
    await sec.getByRole('button', { name: 'Reschedule the milestone' }).click();
    await sec.locator('li.milestone[data-status="rescheduled"]').waitFor();

    // The donor reports again; the State confirms; the donor completes; the State acknowledges
    // and records the follow-up: each from its queue.
    const again = await awaitTask(d, 'report');
    await again.locator('[data-deadline="2099-06-30"]').waitFor();
    await again.getByRole('link', { name: TITLE }).click();
    await d.getByRole('button', { name: 'Report as done' }).click();
    await d.locator('li.milestone[data-status="reported"]').waitFor();
    await (await awaitTask(s, 'confirm')).getByRole('link', { name: TITLE }).click();
    await s.getByRole('button', { name: 'Confirm delivery' }).click();
    await s.locator('li.milestone[data-status="confirmed"]').waitFor();
    await (await awaitTask(d, 'complete')).getByRole('link', { name: TITLE }).click();
    await d.getByRole('button', { name: 'Complete the engagement' }).click();
    await d.locator('.badge-completed').waitFor();
    await (await awaitTask(s, 'acknowledge')).getByRole('link', { name: TITLE }).click();
    await s.getByRole('button', { name: 'Acknowledge the completion' }).click();
    await s.locator('.badge-acknowledged').waitFor();
    await (await awaitTask(s, 'followUp')).getByRole('link', { name: TITLE }).click();
    await s.locator('#followup-comment').fill('All verifiers now apply the risk model.');
    await s.getByRole('button', { name: 'Record the follow-up' }).click();
    await s.locator('.badge-follow_up_recorded').first().waitFor();
    // The history says what the platform did on its own, not a process's id.
    const timeline = s.locator('[data-testid="timeline"]');
    await timeline.locator('li[data-event="RequestMatched"]').getByText('by the platform, on its own').waitFor();
    await expect(timeline.innerText()).resolves.not.toContain('process:');

    // Nothing on this case awaits anyone any more but, for the State and the provider, the
    // invitation to record what worked and what did not (the delivered engagement's lesson).
    for (const page of [s, sec, d]) {
      await myWork(page);
      const rows = page.locator('[data-testid="tasks-table"] tr[data-task]').filter({ hasText: TITLE });
      await expect(rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task')))).resolves.toEqual(page === sec ? [] : ['recordLesson']);
      await headerCountsTheQueue(page);
    }
    for (const x of [state, secretariat, donor]) await x.context.close();
  });

  it('tells a donor of an offer about to expire; the donor withdraws it from there, by name', async () => {
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    await apiPost(web.base, '/offers', 'donor', {
      providerId: 'donor-giz',
      providerKind: 'bilateral',
      taTypes: ['c2-capacity-building'],
      articles: ['art-9'],
      eligibleCountries: ['KE'],
      eligibleRegions: [],
      languages: ['en'],
      modality: 'remote',
      capacity: { kind: 'money', amount: '5000.00', currency: 'EUR' },
      availability: { from: day(-30), to: day(10) },
      title: { en: 'Procurement audit clinic' },
      description: { en: 'Two days of clinics.' },
    });
    const { context, page } = await signedIn(web.browser, web.base, USERS.donor);
    await myWork(page);
    const row = page.locator('[data-testid="tasks-table"] tr[data-task="offerExpiring"]').filter({ hasText: 'Procurement audit clinic' });
    await row.locator(`[data-deadline="${day(10)}"]`).waitFor();
    await row.getByRole('link', { name: 'Procurement audit clinic' }).click();
    await page.getByText(GIZ).first().waitFor();
    await page.getByRole('textbox', { name: 'Reason' }).fill('The trainers are no longer available');
    await page.getByRole('button', { name: 'Withdraw the offer' }).click();
    await page.locator('.badge-withdrawn').waitFor();
    await myWork(page);
    await expect(page.locator('[data-testid="tasks-table"] tr[data-task="offerExpiring"]').filter({ hasText: 'Procurement audit clinic' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('takes an amount as the donor writes it ("450,000"), regions and a currency by name, and the offer page shows them by name', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.donor);
    await page.getByRole('link', { name: 'Register an offer' }).first().click();
    await page.getByText('As you write amounts, e.g. 250,000.00').waitFor();
    await page.locator('#off-title').fill('Asset recovery mentoring');
    await page.locator('#off-description').fill('Mentoring of financial investigators.');
    await page.getByLabel('Art. 8 Codes of conduct').check();
    await page.getByLabel('Capacity-building', { exact: true }).check();
    // Countries by their names: added from the list, shown by name, removable; a code still works.
    await page.locator('#off-countries').fill('Uganda');
    await page.getByTestId('off-countries-add').click();
    await page.locator('.chips li[data-code="UG"]').getByText('Uganda').waitFor();
    await page.locator('#off-countries').fill('United Republic of Tanzania');
    await page.locator('#off-countries').press('Enter');
    await page.locator('.chips li[data-code="TZ"]').waitFor();
    await page.getByRole('button', { name: 'Remove Uganda' }).click();
    await expect(page.locator('.chips li[data-code="UG"]').count()).resolves.toBe(0);
    await page.locator('#off-countries').fill('KE');
    // Regions and currencies picked by name, not typed as codes.
    await page.getByLabel('Eastern Africa (014)').check();
    await expect(page.locator('#off-currency option[value="KES"]').textContent()).resolves.toBe('KES – Kenyan Shilling');
    await page.locator('#off-currency').selectOption('USD');
    await page.locator('#off-amount').fill('450,000');
    await page.locator('#off-to').fill('2099-12-31');
    await page.getByRole('button', { name: 'Register the offer' }).click();
    await page.locator('#donor-offers').getByRole('link', { name: 'Asset recovery mentoring' }).click();
    await page.getByText('$450,000.00').first().waitFor();
    // The offer page says what the offer covers, by names.
    await page.locator('[data-testid="offer-regions"]').getByText('Eastern Africa (014)').waitFor();
    await page.locator('[data-testid="offer-countries"]').getByRole('link', { name: 'United Republic of Tanzania' }).waitFor();
    await page.locator('[data-testid="offer-countries"]').getByRole('link', { name: 'Kenya' }).waitFor();
    await page.locator('[data-testid="offer-articles"]').getByText('Codes of conduct').waitFor();
    const offers = await (await fetch(`${web.base}/offers?donor=donor-giz&limit=100`, { headers: headersOf(USERS.donor) })).json() as { items: Array<{ title: { en?: string }; eligibleCountries: string[]; eligibleRegions: string[]; currency: string }> };
    const mine = offers.items.find((o) => o.title.en === 'Asset recovery mentoring');
    expect(mine?.eligibleCountries.sort()).toEqual(['KE', 'TZ']);
    expect(mine?.eligibleRegions).toEqual(['014']);
    expect(mine?.currency).toBe('USD');
    await context.close();
  });

  it('shows the queue in Arabic: the step in the reader\'s language, the English title isolated with its own lang and direction', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat, 'ar');
    await apiPost(web.base, '/requests', 'state', {
      country: 'KE',
      title: { en: 'Whistle-blower protection (phase 2).' },
      description: { en: 'Second phase.' },
      suggestedArticles: ['art-33'],
      suggestedTaTypes: ['c2-capacity-building'],
      beneficiaryInstitution: 'Ethics and Anti-Corruption Commission',
      preferredLanguages: ['en'],
      restricted: false,
      statePriority: 'medium',
    });
    await page.goto('/app/work');
    const row = page.locator('[data-testid="tasks-table"] tr[data-task="triage"]').filter({ hasText: 'Whistle-blower protection (phase 2).' });
    await row.waitFor();
    await row.getByText('فرز الطلب').waitFor();
    const bdi = row.locator('bdi[lang="en"]');
    await expect(bdi.getAttribute('dir')).resolves.toBe('auto');
    await expect(bdi.textContent()).resolves.toBe('Whistle-blower protection (phase 2).');
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await context.close();
  });
});
