import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { offerDecider, type OfferState } from '@ta/case';
import { ValidationError } from '@ta/core';
import { reportedActivityDecider, type ReportedActivityState } from '../domain';
import { importedOfferId, planActivity, reportedActivityId, type ActivityPlan, type ImportingProvider, type PlanContext } from './iati-import-plan';
import { readIatiActivities, type IatiReadLimits } from './iati-reader';
import { schemaErrors, SCHEMAS_ABSENT, SCHEMAS_PRESENT } from '../../test/iati-schema';

// The import's pure parts: the streaming reader (hostile files refused) and the plan of each
// activity, against the committed donor file and what its generator meant each activity to be.

const FIXTURES = join(__dirname, '../../test/fixtures');
const provider: ImportingProvider = { organisationId: 'donor-giz', iatiIdentifier: 'XI-IATI-TEST-GIZ', kind: 'bilateral' };
const ctx: PlanContext = { provider, today: '2026-12-07', at: '2026-12-07T10:00:00.000Z' };

async function* chunks(text: string, size = 997): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function planAll(
  xml: string,
  existing: (offerId: string) => OfferState = () => ({ status: 'empty' }),
  limits?: Partial<IatiReadLimits>,
  reported: (activityId: string) => ReportedActivityState = () => ({ status: 'empty' }),
): Promise<ActivityPlan[]> {
  const plans: ActivityPlan[] = [];
  for await (const { activity, position } of readIatiActivities(chunks(xml), limits ? { limits } : {})) {
    const id = activity.children.find((c) => c.name === 'iati-identifier')?.text ?? '';
    plans.push(planActivity(activity, position, ctx, existing(importedOfferId(provider.organisationId, id)), reported(reportedActivityId(provider.organisationId, id))));
  }
  return plans;
}

/** The state of what each plan would record (offers and reported activities), as the second import finds it. */
function recordedBy(plans: readonly ActivityPlan[]): { offers: Map<string, OfferState>; reported: Map<string, ReportedActivityState> } {
  const offers = new Map<string, OfferState>();
  const reported = new Map<string, ReportedActivityState>();
  for (const p of plans) {
    if (p.action === 'create') offers.set(p.offer.offerId, offerDecider.decide(p.commands[0]!, { status: 'empty' }).reduce(offerDecider.evolve, offerDecider.initialState()));
    if (p.action === 'record') {
      reported.set(p.reported.activityId, reportedActivityDecider.decide(p.commands[0]!, { status: 'empty' }).reduce(reportedActivityDecider.evolve, reportedActivityDecider.initialState()));
    }
  }
  return { offers, reported };
}

async function refusal(xml: string, limits?: Partial<IatiReadLimits>): Promise<ValidationError> {
  try {
    await planAll(xml, undefined, limits);
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('the file was not refused');
}

const activity = (body: string, attrs = 'default-currency="EUR"') => `<iati-activity ${attrs}>
  <iati-identifier>XI-IATI-TEST-GIZ-1</iati-identifier>
  <reporting-org ref="XI-IATI-TEST-GIZ" type="10"><narrative>GIZ</narrative></reporting-org>
  <title><narrative>Support to the anti-corruption agency</narrative><narrative xml:lang="fr">Appui à l'agence anticorruption</narrative></title>
  ${body}
</iati-activity>`;
const file = (activities: string, version = '2.03') => `<?xml version="1.0" encoding="UTF-8"?><iati-activities version="${version}">${activities}</iati-activities>`;
/** In the pipeline, pledged: an offer. */
const OPEN = `<activity-status code="1"/><activity-date type="1" iso-date="2026-03-01"/><activity-date type="3" iso-date="2028-02-28"/>
  <recipient-country code="KE" percentage="100"/><sector vocabulary="1" code="15113" percentage="100"/>
  <transaction><transaction-type code="12"/><transaction-date iso-date="2026-03-01"/><value value-date="2026-03-01">250000.50</value></transaction>`;
/** Under way, committed and disbursed to a country: a reported activity. */
const DELIVERED = `<activity-status code="2"/><activity-date type="1" iso-date="2026-03-01"/><activity-date type="2" iso-date="2026-03-15"/><activity-date type="3" iso-date="2028-02-28"/>
  <recipient-country code="KE" percentage="100"/><sector vocabulary="1" code="15113" percentage="100"/>
  <transaction><transaction-type code="2"/><transaction-date iso-date="2026-03-01"/><value value-date="2026-03-01">250000.50</value></transaction>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2026-06-01"/><value value-date="2026-06-01">50000</value></transaction>`;

describe('the donor file of 300 activities', () => {
  const xml = readFileSync(join(FIXTURES, 'donor-activities.xml'), 'utf8');
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'donor-activities.expected.json'), 'utf8')) as {
    activities: {
      identifier: string;
      skip?: string;
      offer?: { country: string; amount: string; currency: string; from: string; to: string; articles: string[]; languages: string[] };
      reported?: {
        country: string;
        status: string;
        commitment: string;
        currency: string;
        disbursed: string | null;
        disbursements: number;
        plannedStart: string;
        plannedEnd: string;
        actualStart: string;
        actualEnd: string | null;
        articles: string[];
      };
    }[];
  };

  it('becomes the offers and reported activities its generator meant, and skips the others with the reason it meant', async () => {
    const plans = await planAll(xml);
    expect(plans).toHaveLength(expected.activities.length);
    for (const [i, want] of expected.activities.entries()) {
      const plan = plans[i]!;
      expect(plan.identifier).toBe(want.identifier);
      if (want.skip) {
        expect({ id: plan.identifier, action: plan.action, reason: plan.action === 'skip' ? plan.reason : undefined }).toEqual({ id: want.identifier, action: 'skip', reason: want.skip });
        continue;
      }
      if (want.reported) {
        if (plan.action !== 'record') throw new Error(`${plan.identifier}: ${plan.action} ${plan.action === 'skip' ? plan.detail : ''}`);
        const r = want.reported;
        expect(plan.reported).toMatchObject({
          recipientCountries: [r.country],
          activityStatus: r.status,
          commitment: r.commitment,
          currency: r.currency,
          disbursed: r.disbursed,
          disbursements: r.disbursements,
          plannedStart: r.plannedStart,
          plannedEnd: r.plannedEnd,
          actualStart: r.actualStart,
          actualEnd: r.actualEnd,
          articles: r.articles,
        });
        expect(plan.commands.map((c) => c.type)).toEqual(['ReportActivity']);
        continue;
      }
      if (plan.action !== 'create') throw new Error(`${plan.identifier}: ${plan.action} ${plan.action === 'skip' ? plan.detail : ''}`);
      const o = want.offer!;
      expect(plan.offer).toMatchObject({ eligibleCountries: [o.country], eligibleRegions: [], amount: o.amount, currency: o.currency, availability: { from: o.from, to: o.to }, articles: o.articles });
      expect([...plan.offer.languages].sort()).toEqual([...o.languages].sort());
      expect(plan.commands.map((c) => c.type)).toEqual(['RegisterOffer']);
    }
  });

  (SCHEMAS_PRESENT ? it : it.skip)('validates against the IATI 2.03 activity schema', async () => {
    expect(await schemaErrors(xml, 'activities')).toEqual([]);
  });
  if (!SCHEMAS_PRESENT) console.warn(SCHEMAS_ABSENT);

  it('against what the first import recorded, plans nothing', async () => {
    const first = await planAll(xml);
    const { offers, reported } = recordedBy(first);
    expect(offers.size).toBe(expected.activities.filter((a) => a.offer).length);
    expect(reported.size).toBe(expected.activities.filter((a) => a.reported).length);
    const second = await planAll(xml, (id) => offers.get(id) ?? { status: 'empty' }, undefined, (id) => reported.get(id) ?? { status: 'empty' });
    expect(second.filter((p) => p.action !== 'skip' && p.action !== 'unchanged')).toEqual([]);
    expect(second.filter((p) => p.action === 'unchanged')).toHaveLength(offers.size + reported.size);
  });
});

describe('an activity', () => {
  it('in the pipeline gives an offer of its pledges, keeps its UN-language titles', async () => {
    const [plan] = await planAll(file(activity(OPEN)));
    if (plan?.action !== 'create') throw new Error(JSON.stringify(plan));
    expect(plan.offer).toMatchObject({ amount: '250000.50', currency: 'EUR', eligibleCountries: ['KE'], articles: ['art-6'], title: { en: 'Support to the anti-corruption agency', fr: "Appui à l'agence anticorruption" } });
    expect(plan.notes.join(' ')).toContain('amount from the outgoing pledges');
    expect(plan.summary.sectors).toEqual(['15113']);
  });

  it('under way to a country, committed and disbursed, is a reported activity with its commitment, disbursements and dates', async () => {
    const [plan] = await planAll(file(activity(DELIVERED)));
    if (plan?.action !== 'record') throw new Error(JSON.stringify(plan));
    expect(plan.reported).toMatchObject({
      activityId: reportedActivityId('donor-giz', 'XI-IATI-TEST-GIZ-1'),
      activityStatus: '2',
      recipientCountries: ['KE'],
      commitment: '250000.50',
      currency: 'EUR',
      disbursed: '50000.00',
      disbursements: 1,
      plannedStart: '2026-03-01',
      plannedEnd: '2028-02-28',
      actualStart: '2026-03-15',
      actualEnd: null,
      articles: ['art-6'],
    });
    expect(plan.commands[0]!.disbursements).toEqual([{ key: '2026-06-01|5000000|EUR|1', date: '2026-06-01', amount: 5_000_000, currency: 'EUR' }]);
  });

  it('closed with a commitment, and one whose end has passed, is still a reported activity (delivered, not offered)', async () => {
    const closed = DELIVERED.replace('<activity-status code="2"/>', '<activity-status code="4"/>')
      .replace(/2026-/g, '2022-')
      .replace('2028-02-28', '2024-02-28')
      .replace('<recipient-country', '<activity-date type="4" iso-date="2024-03-31"/><recipient-country');
    const [plan] = await planAll(file(activity(closed)));
    expect(plan).toMatchObject({ action: 'record', reported: { activityStatus: '4', actualEnd: '2024-03-31' } });
  });

  it('cancelled without a disbursement is skipped; to a region only, it stays an offer', async () => {
    const [cancelled] = await planAll(file(activity(DELIVERED.replace('<activity-status code="2"/>', '<activity-status code="5"/>').replace(/<transaction><transaction-type code="3"\/>.*<\/transaction>/, ''))));
    expect(cancelled).toMatchObject({ action: 'skip', reason: 'not_open' });
    const [regional] = await planAll(file(activity(DELIVERED.replace('<recipient-country code="KE" percentage="100"/>', '<recipient-region code="002" vocabulary="2" percentage="100"/>'))));
    expect(regional).toMatchObject({ action: 'create', offer: { eligibleRegions: ['002'] } });
  });

  describe('reported before', () => {
    async function recorded(xml = DELIVERED): Promise<ReportedActivityState> {
      const [plan] = await planAll(file(activity(xml)));
      if (plan?.action !== 'record') throw new Error('not recorded');
      return reportedActivityDecider.decide(plan.commands[0]!, { status: 'empty' }).reduce(reportedActivityDecider.evolve, reportedActivityDecider.initialState());
    }

    it('as it was, is unchanged and sends nothing', async () => {
      const existing = await recorded();
      const [plan] = await planAll(file(activity(DELIVERED)), undefined, undefined, () => existing);
      expect(plan).toMatchObject({ action: 'unchanged', target: 'reported', commands: [], changes: [] });
    });

    it('changed, updates the changed fields and records the new disbursement', async () => {
      const existing = await recorded();
      const more = DELIVERED.replace('<activity-status code="2"/>', '<activity-status code="3"/>') + '<transaction><transaction-type code="3"/><transaction-date iso-date="2026-09-01"/><value>20000</value></transaction>';
      const [plan] = await planAll(file(activity(more)), undefined, undefined, () => existing);
      expect(plan).toMatchObject({ action: 'update_record', changes: ['activity status', 'disbursement 20000.00 EUR on 2026-09-01'] });
      if (plan?.action !== 'update_record') throw new Error('no update');
      const events = reportedActivityDecider.decide(plan.commands[0]!, existing);
      expect(events.map((e) => e.type)).toEqual(['ReportedActivityUpdated', 'ReportedDisbursementRecorded']);
      expect(events[0]!.data).toEqual({ activityId: plan.reported.activityId, at: ctx.at, activityStatus: '3' });
    });
  });

  it('with thousands of pretty-printed transactions is read (the white space between them is no text)', async () => {
    const many = Array.from({ length: 5000 }, () => '\n    <transaction>\n      <transaction-type code="12"/>\n      <transaction-date iso-date="2026-03-01"/>\n      <value>10</value>\n    </transaction>').join('');
    const [plan] = await planAll(file(activity(OPEN + many)));
    expect(plan?.action === 'create' && plan.offer.amount).toBe('300000.50');
  });

  it('of a 2.01 file is read as well', async () => {
    const [plan] = await planAll(file(activity(OPEN), '2.01'));
    expect(plan?.action).toBe('create');
  });

  it('names the element it cannot read', async () => {
    const [plan] = await planAll(file(activity(OPEN.replace('iso-date="2028-02-28"', 'iso-date="2028-02-30"'))));
    expect(plan).toMatchObject({ action: 'skip', reason: 'invalid', identifier: 'XI-IATI-TEST-GIZ-1', element: 'activity-date[@type=3]' });
  });

  it('of another organisation is skipped', async () => {
    const [plan] = await planAll(file(activity(OPEN).replace(/ref="XI-IATI-TEST-GIZ"/, 'ref="XI-IATI-TEST-OTHER"')));
    expect(plan).toMatchObject({ action: 'skip', reason: 'not_this_provider' });
  });

  it('in several currencies is skipped with the element named', async () => {
    const usd = '<transaction><transaction-type code="12"/><transaction-date iso-date="2026-04-01"/><value currency="USD" value-date="2026-04-01">1000</value></transaction>';
    const [plan] = await planAll(file(activity(OPEN + usd)));
    expect(plan).toMatchObject({ action: 'skip', reason: 'invalid', element: 'transaction[2]/value' });
    const committed = '<transaction><transaction-type code="2"/><transaction-date iso-date="2026-04-01"/><value currency="USD" value-date="2026-04-01">1000</value></transaction>';
    const [reported] = await planAll(file(activity(DELIVERED + committed)));
    expect(reported).toMatchObject({ action: 'skip', reason: 'invalid', element: 'transaction[3]/value' });
  });

  describe('imported before', () => {
    async function registered(): Promise<OfferState> {
      const [plan] = await planAll(file(activity(OPEN)));
      if (plan?.action !== 'create') throw new Error('not created');
      return offerDecider.decide(plan.commands[0]!, { status: 'empty' }).reduce(offerDecider.evolve, offerDecider.initialState());
    }

    it('that ends later extends the offer', async () => {
      const existing = await registered();
      const [plan] = await planAll(file(activity(OPEN.replace('2028-02-28', '2029-06-30'))), () => existing);
      expect(plan).toMatchObject({ action: 'update', notApplied: [] });
      expect(plan?.action === 'update' && plan.commands).toEqual([{ type: 'ExtendOffer', offerId: expect.any(String), at: ctx.at, to: '2029-06-30' }]);
    });

    it('that was cancelled withdraws the offer', async () => {
      const existing = await registered();
      const [plan] = await planAll(file(activity(OPEN.replace('<activity-status code="1"/>', '<activity-status code="5"/>'))), () => existing);
      expect(plan?.action === 'update' && plan.commands.map((c) => c.type)).toEqual(['WithdrawOffer']);
    });

    it('whose amount and recipients changed amends the offer', async () => {
      const existing = await registered();
      const [plan] = await planAll(file(activity(OPEN.replace('250000.50', '300000').replace('<recipient-country code="KE" percentage="100"/>', '<recipient-country code="KE" percentage="50"/><recipient-country code="UG" percentage="50"/>'))), () => existing);
      expect(plan).toMatchObject({ action: 'update', notApplied: [] });
      expect(plan?.action === 'update' && plan.commands).toEqual([
        { type: 'AmendOffer', offerId: expect.any(String), at: ctx.at, capacity: { kind: 'money', amount: 30_000_000, currency: 'EUR' }, eligibleCountries: ['KE', 'UG'] },
      ]);
    });

    it('whose amount fell below what is committed, or whose currency changed, says what cannot be applied, and sends nothing', async () => {
      const existing = await registered();
      const committed = offerDecider.evolve(existing, { type: 'CapacityCommitted', data: { offerId: 'x', engagementId: 'e1', at: ctx.at, amount: 20_000_000, unit: { kind: 'money', currency: 'EUR' }, remaining: 5_000_050 } });
      const [lower] = await planAll(file(activity(OPEN.replace('250000.50', '100000'))), () => committed);
      expect(lower).toMatchObject({ action: 'not_applied', commands: [], notApplied: ['amount 250000.50 EUR -> 100000.00 EUR (below the 200000.00 already committed)'] });
      const [usd] = await planAll(file(activity(OPEN, 'default-currency="USD"')), () => existing);
      expect(usd).toMatchObject({ action: 'not_applied', commands: [], notApplied: ['amount 250000.50 EUR -> 250000.50 USD (an offer keeps its currency)'] });
    });
  });
});

describe('a file that is refused', () => {
  const ok = file(activity(OPEN));

  it.each([
    ['an entity expansion (billion laughs)', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><iati-activities version="2.03"><iati-activity><iati-identifier>&lol2;</iati-identifier></iati-activity></iati-activities>`, 'iati.hostile_xml'],
    ['an external entity', `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>`, 'iati.hostile_xml'],
    ['an undeclared entity', file(activity(OPEN).replace('Support to', '&evil; Support to')), 'iati.hostile_xml'],
    ['a huge attribute', file(activity(OPEN).replace('type="10"', `type="${'x'.repeat(1_000_000)}"`)), 'iati.limit_exceeded'],
    ['many attributes', file(activity(OPEN).replace('type="10"', Array.from({ length: 5000 }, (_, i) => `a${i}="1"`).join(' '))), 'iati.limit_exceeded'],
    ['a huge comment', file(activity(OPEN).replace('<title>', `<!--${'c'.repeat(400_000)}--><title>`)), 'iati.limit_exceeded'],
    ['a huge text', file(activity(OPEN).replace('Support to', 'y'.repeat(100_000))), 'iati.limit_exceeded'],
    ['deep nesting', file(activity(`${'<a>'.repeat(200)}${'</a>'.repeat(200)}`)), 'iati.limit_exceeded'],
    ['not IATI', '<?xml version="1.0"?><html><body>hello</body></html>', 'iati.not_iati'],
    ['an organisation file', '<?xml version="1.0"?><iati-organisations version="2.03"></iati-organisations>', 'iati.not_iati'],
    ['IATI 1.05', file(activity(OPEN), '1.05'), 'iati.not_iati'],
    ['malformed', ok.replace('</title>', ''), 'iati.malformed_xml'],
    ['truncated', ok.slice(0, ok.length - 40), 'iati.malformed_xml'],
    ['not XML at all', '{"iati": "activities"}', 'iati.malformed_xml'],
  ])('%s', async (_name, xml, code) => {
    const e = await refusal(xml);
    expect(e.code).toBe(code);
  });

  it('larger than the limit', async () => {
    const e = await refusal(ok, { maxFileBytes: 300 });
    expect(e.code).toBe('iati.limit_exceeded');
  });

  it('names the activity and the element', async () => {
    const e = await refusal(file(activity(OPEN) + activity(OPEN.replace('<sector', '<sector foo="1" foo="2"')).replace(/GIZ-1</g, 'GIZ-2<')));
    expect(e.code).toBe('iati.malformed_xml');
    expect(e.extra).toMatchObject({ element: 'iati-activities/iati-activity[2]/sector' });
    expect(e.message).toContain('activity XI-IATI-TEST-GIZ-2');
  });
});
