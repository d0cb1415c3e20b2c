import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { offerDecider, type OfferState } from '@ta/case';
import { ValidationError } from '@ta/core';
import { importedOfferId, planActivity, type ActivityPlan, type ImportingProvider, type PlanContext } from './iati-import-plan';
import { readIatiActivities, type IatiReadLimits } from './iati-reader';

// The import's pure parts: the streaming reader (hostile files refused) and the plan of each
// activity, against the committed donor file and what its generator meant each activity to be.

const FIXTURES = join(__dirname, '../../test/fixtures');
const provider: ImportingProvider = { organisationId: 'donor-giz', iatiIdentifier: 'XI-IATI-TEST-GIZ', kind: 'bilateral' };
const ctx: PlanContext = { provider, today: '2026-12-07', at: '2026-12-07T10:00:00.000Z' };

async function* chunks(text: string, size = 997): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function planAll(xml: string, existing: (offerId: string) => OfferState = () => ({ status: 'empty' }), limits?: Partial<IatiReadLimits>): Promise<ActivityPlan[]> {
  const plans: ActivityPlan[] = [];
  for await (const { activity, position } of readIatiActivities(chunks(xml), limits ? { limits } : {})) {
    const id = activity.children.find((c) => c.name === 'iati-identifier')?.text ?? '';
    plans.push(planActivity(activity, position, ctx, existing(importedOfferId(provider.organisationId, id))));
  }
  return plans;
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
const OPEN = `<activity-status code="2"/><activity-date type="1" iso-date="2026-03-01"/><activity-date type="3" iso-date="2028-02-28"/>
  <recipient-country code="KE" percentage="100"/><sector vocabulary="1" code="15113" percentage="100"/>
  <transaction><transaction-type code="2"/><transaction-date iso-date="2026-03-01"/><value value-date="2026-03-01">250000.50</value></transaction>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2026-06-01"/><value value-date="2026-06-01">50000</value></transaction>`;

describe('the donor file of 300 activities', () => {
  const xml = readFileSync(join(FIXTURES, 'donor-activities.xml'), 'utf8');
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'donor-activities.expected.json'), 'utf8')) as {
    activities: { identifier: string; skip?: string; offer?: { country: string; amount: string; currency: string; from: string; to: string; articles: string[]; languages: string[] } }[];
  };

  it('becomes the offers its generator meant, and skips the others with the reason it meant', async () => {
    const plans = await planAll(xml);
    expect(plans).toHaveLength(expected.activities.length);
    for (const [i, want] of expected.activities.entries()) {
      const plan = plans[i]!;
      expect(plan.identifier).toBe(want.identifier);
      if (want.skip) {
        expect({ id: plan.identifier, action: plan.action, reason: plan.action === 'skip' ? plan.reason : undefined }).toEqual({ id: want.identifier, action: 'skip', reason: want.skip });
        continue;
      }
      if (plan.action !== 'create') throw new Error(`${plan.identifier}: ${plan.action} ${plan.action === 'skip' ? plan.detail : ''}`);
      const o = want.offer!;
      expect(plan.offer).toMatchObject({ eligibleCountries: [o.country], eligibleRegions: [], amount: o.amount, currency: o.currency, availability: { from: o.from, to: o.to }, articles: o.articles });
      expect([...plan.offer.languages].sort()).toEqual([...o.languages].sort());
      expect(plan.commands.map((c) => c.type)).toEqual(['RegisterOffer']);
    }
  });

  it('against the offers the first import created, plans nothing', async () => {
    const first = await planAll(xml);
    const created = new Map<string, OfferState>();
    for (const p of first) {
      if (p.action !== 'create') continue;
      const events = offerDecider.decide(p.commands[0]!, { status: 'empty' });
      created.set(p.offer.offerId, events.reduce(offerDecider.evolve, offerDecider.initialState()));
    }
    const second = await planAll(xml, (id) => created.get(id) ?? { status: 'empty' });
    expect(second.filter((p) => p.action !== 'skip' && p.action !== 'unchanged')).toEqual([]);
    expect(second.filter((p) => p.action === 'unchanged')).toHaveLength(created.size);
  });
});

describe('an activity', () => {
  it('gives its amount from the commitments, notes the disbursements, keeps its UN-language titles', async () => {
    const [plan] = await planAll(file(activity(OPEN)));
    if (plan?.action !== 'create') throw new Error(JSON.stringify(plan));
    expect(plan.offer).toMatchObject({ amount: '250000.50', currency: 'EUR', eligibleCountries: ['KE'], articles: ['art-6'], title: { en: 'Support to the anti-corruption agency', fr: "Appui à l'agence anticorruption" } });
    expect(plan.notes.join(' ')).toContain('disbursements of 50000.00 EUR are not recorded');
    expect(plan.summary.sectors).toEqual(['15113']);
  });

  it('with thousands of pretty-printed transactions is read (the white space between them is no text)', async () => {
    const many = Array.from({ length: 5000 }, () => '\n    <transaction>\n      <transaction-type code="2"/>\n      <transaction-date iso-date="2026-03-01"/>\n      <value>10</value>\n    </transaction>').join('');
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
    const usd = '<transaction><transaction-type code="2"/><transaction-date iso-date="2026-04-01"/><value currency="USD" value-date="2026-04-01">1000</value></transaction>';
    const [plan] = await planAll(file(activity(OPEN + usd)));
    expect(plan).toMatchObject({ action: 'skip', reason: 'invalid', element: 'transaction[3]/value' });
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
      const [plan] = await planAll(file(activity(OPEN.replace('<activity-status code="2"/>', '<activity-status code="5"/>'))), () => existing);
      expect(plan?.action === 'update' && plan.commands.map((c) => c.type)).toEqual(['WithdrawOffer']);
    });

    it('whose amount changed says what cannot be applied, and sends nothing', async () => {
      const existing = await registered();
      const [plan] = await planAll(file(activity(OPEN.replace('250000.50', '300000'))), () => existing);
      expect(plan).toMatchObject({ action: 'not_applied', commands: [], notApplied: ['amount 250000.50 EUR -> 300000.00 EUR'] });
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
