import type { OfferView, RequestView } from '../../apps/web/src/lib/api-types';
import { readRecordedReason, recordedReasons, scoreOffer } from '../../apps/web/src/lib/match';

/** The reasons an engagement records are read back for the engagement page to show them in words. */
describe('recorded match reasons', () => {
  const request = { requestId: 'r1', country: 'KE', articles: ['art-8', 'art-9'], taTypes: ['c2-capacity-building'], preferredLanguages: ['en', 'fr'], desiredFrom: '2027-01-01', desiredTo: '2027-06-30' } as RequestView;
  const offer = (over: Partial<OfferView>) =>
    ({ offerId: 'o1', articles: ['art-8'], taTypes: ['c2-capacity-building'], languages: ['en'], remaining: 100, availableFrom: '2026-01-01', availableTo: '2027-12-31', ...over }) as OfferView;

  it('reads back every reason the match page records, met or not', () => {
    for (const [o, eligible] of [
      [offer({}), true],
      [offer({ articles: [], taTypes: [], languages: [], remaining: 0, availableTo: '2026-06-30' }), false],
    ] as const) {
      const c = scoreOffer(request, o, new Set(eligible ? ['o1'] : []), '2026-12-07');
      const read = recordedReasons(c).map(readRecordedReason);
      expect(read.map((x) => x && { key: x.key, met: x.met, found: x.found })).toEqual(c.reasons.map((x) => ({ key: x.key, met: x.met, found: x.found })));
      expect(read.map((x) => x?.wanted.length)).toEqual(c.reasons.map((x) => x.wanted.length));
    }
  });

  it('leaves any other text as written', () => {
    for (const raw of ['Same article (art. 8)', 'fit', 'articles: art-8 (2/1)', 'country Kenya: eligible', 'window soon: 50%']) expect(readRecordedReason(raw)).toBeNull();
  });
});
