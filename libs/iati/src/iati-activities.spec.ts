import { activityDates, activityStatusOf, iatiActivitiesXml, sectorsOf, type PublishedEngagement } from './iati-activities';
import { iatiOrganisationsXml } from './iati-organisations';
import { decimal } from './iati-publisher';
import { schemaErrors, SCHEMAS_ABSENT, SCHEMAS_PRESENT } from '../test/iati-schema';

const reporting = { ref: 'XM-DAC-00000', names: { en: 'Reporting organisation', fr: 'Organisation déclarante' }, type: '40' };
const NOW = new Date('2026-12-01T10:00:00.000Z');

function engagement(over: Partial<PublishedEngagement> = {}): PublishedEngagement {
  return {
    engagementId: 'eng-1',
    status: 'active',
    provider: { ref: 'DE-1-GIZ', names: { en: 'Donor agency', de: 'Geberagentur' } as never, type: '10' },
    implementer: null,
    country: 'KE',
    title: { en: 'Asset declarations system', fr: 'Système de déclaration de patrimoine', ar: 'نظام إقرارات الذمة المالية' },
    description: { en: 'Designing the verification of asset declarations.' },
    articles: ['art-8', 'art-9'],
    amount: { kind: 'money', minor: 12_500_050, currency: 'USD', value: '125000.50' },
    desiredFrom: '2026-03-01',
    desiredTo: '2026-12-31',
    agreedAt: '2026-02-01T09:00:00.000Z',
    activatedAt: '2026-03-02T09:00:00.000Z',
    acknowledgedAt: null,
    endedAt: null,
    updatedAt: '2026-03-02T09:00:00.000Z',
    milestones: [{ milestoneId: 'm1', title: { en: 'Inception report' }, dueDate: '2026-04-30', status: 'confirmed', confirmedAt: '2026-05-02T08:00:00.000Z' }],
    ...over,
  };
}

const schemaIt = SCHEMAS_PRESENT ? it : it.skip;
if (!SCHEMAS_PRESENT) console.warn(SCHEMAS_ABSENT);

describe('the iati-activities file', () => {
  const all = [
    engagement(),
    engagement({ engagementId: 'eng-2', status: 'agreed', activatedAt: null, desiredFrom: null, desiredTo: null, milestones: [], description: null }),
    engagement({ engagementId: 'eng-3', status: 'acknowledged', acknowledgedAt: '2026-11-20T09:00:00.000Z', implementer: { ref: null, names: { en: 'Kenyan authority' }, type: null } }),
    engagement({ engagementId: 'eng-4', status: 'cancelled', endedAt: '2026-04-01T00:00:00.000Z', amount: { kind: 'expert_days', days: 30 } }),
  ];
  const xml = iatiActivitiesXml(reporting, all, NOW);

  schemaIt('validates against the official IATI 2.03 activity schema', async () => {
    expect(await schemaErrors(xml, 'activities')).toEqual([]);
  });

  schemaIt('the validator refuses a file that breaks the schema (an activity without its identifier)', async () => {
    const broken = xml.replace(/<iati-identifier>[^<]*<\/iati-identifier>/, '');
    expect((await schemaErrors(broken, 'activities')).length).toBeGreaterThan(0);
  });

  it('prefixes every iati-identifier with the reporting organisation ref', () => {
    const ids = [...xml.matchAll(/<iati-identifier>([^<]*)<\/iati-identifier>/g)].map((m) => m[1]);
    expect(ids).toEqual(['XM-DAC-00000-eng-1', 'XM-DAC-00000-eng-2', 'XM-DAC-00000-eng-3', 'XM-DAC-00000-eng-4']);
  });

  it('gives the title in every language the platform has it in', () => {
    expect(xml).toContain('<narrative>Asset declarations system</narrative>');
    expect(xml).toContain('<narrative xml:lang="fr">Système de déclaration de patrimoine</narrative>');
    expect(xml).toContain('<narrative xml:lang="ar">نظام إقرارات الذمة المالية</narrative>');
  });

  it('reports the DAC sectors by the articles (art. 9 split between 15111 and 15125, the others 15113), the recipient State at 100 percent, and the UNCAC articles as tags in a declared vocabulary', () => {
    // art-8 and art-9: half each; art-9's half split between public finance management and procurement
    expect(xml.match(/<sector vocabulary="1" code="15113" percentage="50"\/>/g)).toHaveLength(4);
    expect(xml.match(/<sector vocabulary="1" code="15111" percentage="25"\/>/g)).toHaveLength(4);
    expect(xml.match(/<sector vocabulary="1" code="15125" percentage="25"\/>/g)).toHaveLength(4);
    expect(xml.match(/<recipient-country code="KE" percentage="100"\/>/g)).toHaveLength(4);
    expect(xml).toMatch(/<tag vocabulary="99" vocabulary-uri="https:\/\/www\.unodc\.org\/unodc\/en\/treaties\/CAC\/" code="art-9">/);
  });

  it.each([
    [['art-6'], { 15113: 100 }],
    [['art-9'], { 15111: 50, 15125: 50 }],
    [['art-5', 'art-7', 'art-9'], { 15113: 66.67, 15111: 16.66, 15125: 16.67 }],
    [['art-5', 'art-6', 'art-7', 'art-8', 'art-9', 'art-10'], { 15113: 83.33, 15111: 8.33, 15125: 8.34 }],
    [[], { 15113: 100 }],
  ])('sectors of %j: %j, summing to 100', (articles, want) => {
    const sectors = sectorsOf(articles);
    expect(Object.fromEntries(sectors.map((x) => [x.code, Number(x.percentage)]))).toEqual(want);
    expect(sectors.reduce((sum, x) => sum + Math.round(Number(x.percentage) * 100), 0)).toBe(10_000);
  });

  it('gives money as an outgoing pledge when agreed and an outgoing commitment when activated, in the currency given; expert days give no transaction', () => {
    const first = xml.split('</iati-activity>')[0]!;
    expect(first).toContain('default-currency="USD"');
    expect(first).toMatch(/<transaction-type code="12"\/>\s*<transaction-date iso-date="2026-02-01"\/>\s*<value value-date="2026-02-01">125000.50<\/value>/);
    expect(first).toMatch(/<transaction-type code="2"\/>\s*<transaction-date iso-date="2026-03-02"\/>/);
    const second = xml.split('</iati-activity>')[1]!;
    expect(second).not.toContain('transaction-type code="2"');
    const daysOnly = xml.split('</iati-activity>')[3]!;
    expect(daysOnly).not.toContain('<transaction>');
    expect(daysOnly).not.toContain('default-currency');
  });

  it('turns milestones into output results', () => {
    expect(xml).toMatch(/<result type="1">\s*<title>\s*<narrative>Inception report<\/narrative>/);
    expect(xml).toContain('Confirmed by the requesting State on 2026-05-02');
  });
});

describe('mapping rules', () => {
  it('maps the engagement lifecycle to IATI activity status', () => {
    expect(['agreed', 'active', 'completed', 'acknowledged', 'cancelled'].map((s) => activityStatusOf(s as never))).toEqual(['1', '2', '3', '4', '5']);
  });

  it('dates: planned start falls back to the agreement, a planned end before the start is left out, the actual end follows acknowledgement', () => {
    expect(activityDates(engagement({ desiredFrom: null, desiredTo: '2026-01-01', activatedAt: null, status: 'agreed' }))).toEqual([['1', '2026-02-01']]);
    expect(activityDates(engagement({ status: 'acknowledged', acknowledgedAt: '2026-11-20T09:00:00.000Z' }))).toEqual([
      ['1', '2026-03-01'],
      ['3', '2026-12-31'],
      ['2', '2026-03-02'],
      ['4', '2026-11-20'],
    ]);
  });

  it('writes minor units in the currency\'s decimals', () => {
    expect(decimal(125050, 'USD')).toBe('1250.50');
    expect(decimal(5000, 'JPY')).toBe('5000');
    expect(decimal(5, 'EUR')).toBe('0.05');
  });
});

describe('the iati-organisations file', () => {
  const xml = iatiOrganisationsXml(
    [
      { iatiIdentifier: 'DE-1-GIZ', names: { en: 'Donor agency', fr: 'Agence donatrice' }, type: '10', updatedAt: '2026-01-01T00:00:00.000Z' },
      { iatiIdentifier: 'XM-DAC-00000', names: { es: 'Organización' }, type: '40', updatedAt: '2026-01-02T00:00:00.000Z' },
    ],
    NOW,
  );

  schemaIt('validates against the official IATI 2.03 organisation schema', async () => {
    expect(await schemaErrors(xml, 'organisations')).toEqual([]);
  });

  it('reports each organisation under its own identifier, with its names', () => {
    expect(xml).toMatch(/<organisation-identifier>DE-1-GIZ<\/organisation-identifier>\s*<name>\s*<narrative>Donor agency<\/narrative>\s*<narrative xml:lang="fr">Agence donatrice<\/narrative>/);
    expect(xml).toContain('<reporting-org ref="XM-DAC-00000" type="40">');
  });
});
