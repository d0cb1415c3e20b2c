import type { LocalizedText } from '@ta/codelists';
import { f, type Fixture } from '../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../test/projection-harness';
import { ANONYMOUS, type Viewer } from '../access/request-visibility';
import { SearchQueries, type SearchFilters } from './search.queries';

let h: ProjectionHarness;
let search: SearchQueries;

/** A request whose title and description are `text` (a LocalizedText), in `country`. */
function request(id: string, text: LocalizedText, o: { country?: string; restricted?: boolean; institution?: string; at?: string } = {}): Fixture {
  const x = f.submitted(id, o.at ?? '2025-01-01T08:00:00Z', { country: o.country ?? 'NG', restricted: o.restricted ?? false, ...(o.institution ? { institution: o.institution } : {}) });
  return { ...x, event: { ...x.event, data: { ...(x.event.data as object), title: text, description: text } } as Fixture['event'] };
}
/** An offer titled "Integrity programme" whose description is `text`. */
function offer(id: string, text: LocalizedText, o: { providerId?: string; countries?: string[] } = {}): Fixture {
  const x = f.offer(id, '2025-01-02T08:00:00Z', { providerId: o.providerId ?? 'donor-a', countries: o.countries ?? ['NG'] });
  return { ...x, event: { ...x.event, data: { ...(x.event.data as object), description: text } } as Fixture['event'] };
}

/** One restricted request per language, each with a word found nowhere else, and how a reader searches for it (another form of the word). */
const SECRET: { language: keyof LocalizedText; text: string; query: string }[] = [
  { language: 'en', text: 'Whistleblower hotline for customs officers', query: 'whistleblowers' },
  { language: 'fr', text: "Protection des lanceurs d'alerte dans les douanes", query: 'lanceur' },
  { language: 'es', text: 'Protección de los denunciantes en las aduanas', query: 'denunciante' },
  { language: 'ru', text: 'Защита информаторов в таможенной службе', query: 'информатор' },
  { language: 'ar', text: 'حماية المبلغين في الجمارك', query: 'المبلغين' },
  { language: 'zh', text: '海关举报人保护制度', query: '举报人' },
];

beforeAll(async () => {
  h = await projectionHarness();
  search = new SearchQueries((text, params) => h.dataSource.query(text, params ?? []));
  const ref = { engagementId: 'e-secret', requestId: 'r-secret-en', offerId: 'o-help' };
  await h.project([
    ...SECRET.map((s) => request(`r-secret-${s.language}`, { [s.language]: s.text }, { restricted: true })),
    request('r-open', { en: 'Public procurement audit for the ministry of health', fr: 'Audit des marchés publics du ministère de la santé' }, { country: 'KE', institution: 'Kenya National Audit Office' }),
    request('r-open-zh', { zh: '政府采购电子平台建设' }, { country: 'CN' }),
    request('r-other', { en: 'Asset declarations of judges' }, { country: 'UA' }),
    offer('o-help', { en: 'Training on procurement audits and whistleblower channels' }, { providerId: 'donor-engaged' }),
    f.proposed({ ...ref, at: '2025-01-03T00:00:00Z', providerId: 'donor-engaged', country: 'NG' }),
    f.engagementEvent('e-secret', { type: 'MilestonePlanned', data: { ...ref, at: '2025-01-04T00:00:00Z', milestoneId: 'm-1', title: { en: 'Hotline pilot in Lagos port' }, dueDate: '2025-06-01' } }),
  ]);
});
afterAll(() => h.close());

const V = {
  anonymous: ANONYMOUS,
  secretariat: { role: 'secretariat' },
  nigeria: { role: 'state', country: 'NG' },
  kenya: { role: 'state', country: 'KE' },
  engagedDonor: { role: 'donor', organisation: 'donor-engaged' },
  otherDonor: { role: 'donor', organisation: 'donor-other' },
} satisfies Record<string, Viewer>;

const ids = async (q: string, viewer: Viewer, f: SearchFilters = {}) => (await search.search(q, f, viewer, { limit: 50 })).items.map((i) => `${i.kind}:${i.id}`);

describe('search', () => {
  it.each(SECRET)('finds a restricted request in $language by another form of its word, for those who may see it', async ({ language, query }) => {
    for (const viewer of [V.secretariat, V.nigeria]) expect(await ids(query, viewer)).toContain(`request:r-secret-${language}`);
  });

  it.each(SECRET)('never finds a restricted request in $language for a reader who may not see it, nor shows its words', async ({ language, text, query }) => {
    for (const viewer of [V.anonymous, V.kenya, V.otherDonor]) {
      const page = await search.search(query, {}, viewer, { limit: 50 });
      expect(page.items.map((i) => i.id)).not.toContain(`r-secret-${language}`);
      // Not through another document either: no snippet or title carries its text.
      expect(JSON.stringify(page.items)).not.toContain(text.slice(0, 6));
    }
  });

  it('an engaged provider finds the restricted request it is engaged on, and the engagement by its milestone, others do not', async () => {
    expect(await ids('whistleblower', V.engagedDonor)).toEqual(expect.arrayContaining(['request:r-secret-en', 'offer:o-help']));
    expect(await ids('lagos', V.engagedDonor)).toEqual(['engagement:e-secret']);
    expect(await ids('lagos', V.otherDonor)).toEqual([]);
    expect(await ids('lagos', V.anonymous)).toEqual([]);
    expect(await ids('whistleblower', V.otherDonor)).toEqual(['offer:o-help']);
  });

  it('ranks a title match above a body-only match, and cuts the snippet from the document', async () => {
    const page = await search.search('procurement audit', {}, V.anonymous, { limit: 50 });
    expect(page.items.map((i) => i.id)).toEqual(['r-open', 'o-help']);
    expect(page.items[0]!.rank).toBeGreaterThan(0);
    expect(page.items[0]!.snippet?.text).toContain('procurement audit');
    expect(page.items[0]!.title).toEqual({ en: 'Public procurement audit for the ministry of health', fr: 'Audit des marchés publics du ministère de la santé' });
  });

  it('finds French by its stem, an institution name in any language, Chinese by a word inside a sentence and by one character', async () => {
    expect(await ids('marché', V.anonymous)).toEqual(['request:r-open']);
    expect(await ids('national audit office', V.anonymous)).toEqual(['request:r-open']);
    expect(await ids('采购', V.anonymous)).toEqual(['request:r-open-zh']);
    expect(await ids('电子平台', V.anonymous)).toEqual(['request:r-open-zh']);
    expect(await ids('购', V.anonymous)).toEqual(['request:r-open-zh']);
    expect(await ids('采平', V.anonymous)).toEqual([]);
  });

  it('applies the lists filters, leaving out kinds a filter does not apply to', async () => {
    expect(await ids('procurement', V.anonymous, { country: 'KE' })).toEqual(['request:r-open']);
    expect(await ids('procurement', V.anonymous, { kinds: ['offer'] })).toEqual(['offer:o-help']);
    expect(await ids('procurement', V.anonymous, { priority: 'high' })).toEqual([]);
    expect(await ids('procurement', V.anonymous, { status: 'open' })).toEqual(['offer:o-help']);
    expect(await ids('procurement', V.anonymous, { status: 'submitted' })).toEqual(['request:r-open']);
    expect(await ids('procurement', V.anonymous, { from: new Date('2025-01-01T12:00:00Z') })).toEqual(['offer:o-help']);
    expect(await ids('whistleblower', V.secretariat, { region: '011', kinds: ['request'] })).toEqual(['request:r-secret-en']);
  });

  it('pages through hits in rank order without repeating one', async () => {
    const all = await ids('douanes or aduanas or customs or таможенной', V.secretariat);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search.search('douanes or aduanas or customs or таможенной', {}, V.secretariat, { limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => `${i.kind}:${i.id}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(4);
    expect(seen).toEqual(all);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(search.search('audit', {}, V.anonymous, { limit: 5, cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'coordination.invalid_cursor' });
  });
});
