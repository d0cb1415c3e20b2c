import type { CaseEvent, ProjectedEvent } from '../case-event';
import { applyToSearchDocument, searchDocumentsProjection } from './search-documents.projection';

let position = 0;
const projected = (event: CaseEvent): ProjectedEvent => ({ event, streamPosition: 1, globalPosition: ++position, commitOrder: '1', actorId: 'a', actorRole: 'state', occurredAt: '2025-01-01T00:00:00.000Z' });
const ref = { engagementId: 'e-1', requestId: 'r-1', offerId: 'o-1', at: '2025-01-03T00:00:00.000Z' };

const submitted = projected({
  type: 'RequestSubmitted',
  data: {
    requestId: 'r-1',
    at: '2025-01-01T00:00:00.000Z',
    country: 'CN',
    title: { zh: '政府采购', en: 'Public procurement' },
    description: { en: 'E-procurement platform' },
    suggestedArticles: ['art-9'],
    suggestedTaTypes: [],
    beneficiaryInstitution: 'Ministry of Finance',
    preferredLanguages: ['zh'],
    desiredWindow: null,
    sources: [],
    statePriority: null,
    restricted: false,
    contactPerson: { name: 'Li Wei', email: 'li@example.cn' },
  },
} as CaseEvent);

describe('search documents', () => {
  it('keeps a request texts by field and indexes them by language, Chinese as bigrams, and nothing personal', () => {
    const [key] = searchDocumentsProjection.keysOf(submitted);
    const row = applyToSearchDocument(undefined, submitted, key!)!;
    expect(row).toMatchObject({ docId: 'request:r-1', kind: 'request', caseId: 'r-1', requestId: 'r-1' });
    expect(row.titles).toEqual({ zh: '政府 府采 采购 购', en: 'Public procurement' });
    expect(row.bodies).toEqual({ en: 'E-procurement platform', und: 'Ministry of Finance' });
    expect(JSON.stringify(row)).not.toMatch(/Li Wei|li@example/);
  });

  it('gathers an engagement reasons and milestone titles; another language of a field joins it, the same language replaces it', () => {
    const proposed = projected({ type: 'EngagementProposed', data: { ...ref, providerId: 'donor-a', country: 'CN', amount: 1, unit: { kind: 'expert_days' }, score: 0.5, reasons: ['same article'] } } as CaseEvent);
    const planned = (title: Record<string, string>) => projected({ type: 'MilestonePlanned', data: { ...ref, milestoneId: 'm-1', title, dueDate: '2025-06-01' } } as CaseEvent);
    let row = applyToSearchDocument(undefined, proposed, 'engagement:e-1');
    row = applyToSearchDocument(row, planned({ en: 'Inception workshop' }), 'engagement:e-1');
    row = applyToSearchDocument(row, planned({ fr: "Atelier de lancement" }), 'engagement:e-1');
    row = applyToSearchDocument(row, planned({ en: 'Kick-off workshop' }), 'engagement:e-1')!;
    expect(row.texts['milestone:m-1']).toEqual({ role: 'body', text: { en: 'Kick-off workshop', fr: 'Atelier de lancement' } });
    expect(row.bodies).toEqual({ en: 'Kick-off workshop', fr: 'Atelier de lancement', und: 'same article' });
    expect(row.requestId).toBe('r-1');
  });

  it('a translation of a searched text joins its field in its language; a translation of a text search does not index stays out', () => {
    const [key] = searchDocumentsProjection.keysOf(submitted);
    let row = applyToSearchDocument(undefined, submitted, key!);
    const translated = (text: string, language: string, translation: string) =>
      projected({ type: 'RequestTextTranslated', data: { requestId: 'r-1', at: '2025-01-02T00:00:00.000Z', text, language, translation } } as CaseEvent);
    row = applyToSearchDocument(row, translated('description', 'fr', 'Plateforme de marchés publics électroniques'), key!)!;
    expect(row.bodies).toEqual({ en: 'E-procurement platform', fr: 'Plateforme de marchés publics électroniques', und: 'Ministry of Finance' });
    const question = translated('clarifications/1/question', 'fr', 'Quel ministère ?');
    expect(searchDocumentsProjection.keysOf(question)).toEqual([]);
    const milestone = projected({ type: 'EngagementTextTranslated', data: { ...ref, text: 'milestones/m-1/title', language: 'ar', translation: 'ورشة' } } as CaseEvent);
    expect(searchDocumentsProjection.keysOf(milestone)).toEqual(['engagement:e-1']);
  });

  it('leaves events without texts to the other read models', () => {
    expect(searchDocumentsProjection.keysOf(projected({ type: 'RequestClosed', data: { requestId: 'r-1', at: '2025-02-01T00:00:00.000Z' } } as CaseEvent))).toEqual([]);
  });
});
