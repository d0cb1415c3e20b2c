import { f, wholeCase } from '../../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../../test/projection-harness';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await projectionHarness();
});
afterAll(() => h.close());

const textsOf = async (ownerId: string) => (await h.rows<Record<string, any>>('SELECT * FROM coordination.case_texts WHERE owner_id = $1', [ownerId]))[0]!;

describe('case_texts read model', () => {
  it('a request: its texts by path, each with its author, original and translations', async () => {
    await h.project([
      f.submitted('r-1', '2025-01-05T09:00:00Z'),
      f.requestEvent('r-1', { type: 'RequestReturnedForClarification', data: { requestId: 'r-1', at: '2025-01-06T09:00:00Z', question: { en: 'Which unit?' } } }, 'secretariat'),
      f.requestEvent('r-1', { type: 'RequestClarificationProvided', data: { requestId: 'r-1', at: '2025-01-07T09:00:00Z', answer: { fr: 'La cellule de vérification' } } }, 'state'),
      f.requestEvent('r-1', { type: 'RequestReturnedForClarification', data: { requestId: 'r-1', at: '2025-01-08T09:00:00Z', question: { en: 'Which year?' } } }, 'secretariat'),
      f.requestEvent('r-1', { type: 'RequestTextTranslated', data: { requestId: 'r-1', at: '2025-01-09T09:00:00Z', text: 'clarifications/1/answer', language: 'en', translation: 'The verification unit' } }, 'unodc-7'),
      f.requestEvent('r-1', { type: 'RequestWithdrawn', data: { requestId: 'r-1', at: '2025-01-10T09:00:00Z', reason: 'Covered by the budget' } }, 'state'),
    ]);
    const row = await textsOf('r-1');
    expect(row).toMatchObject({ owner_kind: 'request', request_id: 'r-1', offer_id: null, languages: ['en'] });
    expect(Object.keys(row['texts']).sort()).toEqual([
      'beneficiaryInstitution',
      'clarifications/1/answer',
      'clarifications/1/question',
      'clarifications/2/question',
      'description',
      'title',
      'withdrawalReason',
    ]);
    expect(row['texts']['clarifications/1/answer']).toEqual({
      author: 'state',
      original: { fr: 'La cellule de vérification' },
      plain: null,
      writtenAt: '2025-01-07T09:00:00.000Z',
      translations: { en: { text: 'The verification unit', at: '2025-01-09T09:00:00.000Z', by: 'unodc-7' } },
    });
    expect(row['texts']['withdrawalReason']).toMatchObject({ author: 'state', original: null, plain: 'Covered by the budget' });
  });

  it('an offer and an engagement (its milestones included); platform cancellation codes are no text', async () => {
    const [, , offer, proposed, ...rest] = wholeCase(7);
    await h.project([f.submitted('req-7', '2025-01-01T08:00:00Z'), offer!, proposed!, ...rest]);
    const offerRow = await textsOf('off-7');
    expect(offerRow).toMatchObject({ owner_kind: 'offer', request_id: null, offer_id: 'off-7' });
    expect(offerRow['texts']['title']['translations']['es']).toMatchObject({ text: 'Oferta 7' });
    const engagement = await textsOf('eng-7');
    expect(engagement).toMatchObject({ owner_kind: 'engagement', request_id: 'req-7', offer_id: 'off-7', languages: [] });
    expect(Object.keys(engagement['texts']).sort()).toEqual([
      'milestones/m1/title',
      'milestones/m2/disputes/1/reason',
      'milestones/m2/title',
      'milestones/m3/reschedules/1/reason',
      'milestones/m3/title',
      'reasons/0',
      'reasons/1',
    ]);
    expect(engagement['texts']['milestones/m2/disputes/1/reason']).toMatchObject({ author: 'state', plain: 'workshop not held', translations: { ar: { text: 'لم تعقد الورشة' } } });
    await h.project([
      f.engagementEvent('eng-7', { type: 'EngagementCancelled', data: { engagementId: 'eng-7', requestId: 'req-7', offerId: 'off-7', at: '2025-02-01T00:00:00Z', reason: 'request_withdrawn', previousStatus: 'active' } }),
    ]);
    expect(Object.keys((await textsOf('eng-7'))['texts'])).not.toContain('cancellationReason');
  });

  it('a translation of a text the row does not have changes nothing', async () => {
    const before = await textsOf('r-1');
    await h.project([f.requestEvent('r-1', { type: 'RequestTextTranslated', data: { requestId: 'r-1', at: '2025-01-11T09:00:00Z', text: 'declineReason', language: 'fr', translation: 'x' } })]);
    expect(await textsOf('r-1')).toEqual(before);
  });
});
