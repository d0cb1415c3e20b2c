import { IllegalStateError, NotFoundError, ValidationError } from '@ta/core';
import { deciderSpec } from '@ta/testing';
import type { OfferCommand, RegisterOffer } from './offer.commands';
import { offerDecider } from './offer.decider';
import type { OfferEvent } from './offer.events';

const spec = deciderSpec(offerDecider);
const offerId = 'off-1';
const at = '2025-03-01T09:00:00Z';
const usd = { kind: 'money', currency: 'USD' } as const;

const register: RegisterOffer = {
  type: 'RegisterOffer',
  offerId,
  at,
  providerId: 'org-norad',
  providerKind: 'bilateral',
  taTypes: ['c2-institution-building', 'c2-capacity-building'],
  articles: ['art-8', 'art-9'],
  eligibleCountries: ['UA'],
  eligibleRegions: ['202'],
  languages: ['en', 'fr'],
  modality: 'hybrid',
  capacity: { kind: 'money', amount: 10_000_000, currency: 'USD' },
  availability: { from: '2025-01-01', to: '2025-12-31' },
  title: { en: 'Integrity systems support' },
  description: { en: 'Support to asset declaration and procurement integrity.' },
};
const { type: _type, ...registration } = register;
const registered: OfferEvent = { type: 'OfferRegistered', data: registration };
const committed = (engagementId: string, amount: number, remaining: number): OfferEvent => ({
  type: 'CapacityCommitted',
  data: { offerId, engagementId, at, amount, unit: usd, remaining },
});
const released = (engagementId: string, amount: number, remaining: number): OfferEvent => ({
  type: 'CapacityReleased',
  data: { offerId, engagementId, at, amount, unit: usd, remaining },
});
const withdrawn: OfferEvent = { type: 'OfferWithdrawn', data: { offerId, at, reason: 'Budget cut' } };
const expired: OfferEvent = { type: 'OfferExpired', data: { offerId, at: '2026-01-01T00:00:00Z' } };
const commit = (engagementId: string, amount: number): OfferCommand => ({ type: 'CommitCapacity', offerId, at, engagementId, amount });

describe('offer decider', () => {
  describe('RegisterOffer', () => {
    it('registers an offer of money', () => {
      spec.given([]).when(register).thenState((events, state) => {
        expect(events).toEqual([registered]);
        expect(state).toMatchObject({ status: 'registered', committed: 0, commitments: {} });
      });
    });

    it('registers an in-kind offer of expert-days for the whole world', () => {
      spec
        .given([])
        .when({ ...register, eligibleCountries: [], eligibleRegions: ['001'], capacity: { kind: 'expert_days', days: 40 } })
        .then([{ type: 'OfferRegistered', data: { ...registration, eligibleCountries: [], eligibleRegions: ['001'], capacity: { kind: 'expert_days', days: 40 } } }]);
    });

    it('refuses to register the same offer twice', () => {
      spec.given([registered]).when(register).thenThrows(IllegalStateError, 'offer.already_registered');
    });

    it.each<[string, Partial<RegisterOffer>, string]>([
      ['a blank provider id', { providerId: '' }, 'input.invalid'],
      ['an unknown provider kind', { providerKind: 'charity' as never }, 'input.invalid'],
      ['no TA type', { taTypes: [] }, 'input.invalid'],
      ['an unknown article', { articles: ['art-0'] }, 'codelist.unknown_code'],
      ['an unknown eligible country', { eligibleCountries: ['UK'] }, 'codelist.unknown_code'],
      ['an unknown region', { eligibleRegions: ['999'] }, 'codelist.unknown_code'],
      ['neither eligible countries nor regions', { eligibleCountries: [], eligibleRegions: [] }, 'input.invalid'],
      ['no language', { languages: [] }, 'input.invalid'],
      ['an unknown modality', { modality: 'postal' as never }, 'input.invalid'],
      ['an unknown capacity kind', { capacity: { kind: 'goods' } as never }, 'input.invalid'],
      ['money as a decimal', { capacity: { kind: 'money', amount: 100.5, currency: 'USD' } }, 'input.invalid'],
      ['no money', { capacity: { kind: 'money', amount: 0, currency: 'USD' } }, 'input.invalid'],
      ['an unknown currency', { capacity: { kind: 'money', amount: 100, currency: 'XAU' } }, 'codelist.unknown_code'],
      ['a negative number of expert-days', { capacity: { kind: 'expert_days', days: -3 } }, 'input.invalid'],
      ['a window ending before it starts', { availability: { from: '2025-12-31', to: '2025-01-01' } }, 'input.window_invalid'],
      ['a title in no language', { title: {} }, 'text.invalid'],
    ])('rejects %s', (_, change, code) => {
      spec.given([]).when({ ...register, ...change }).thenThrows(ValidationError, code);
    });
  });

  it.each<OfferCommand>([
    commit('eng-1', 1),
    { type: 'ReleaseCapacity', offerId, at, engagementId: 'eng-1' },
    { type: 'WithdrawOffer', offerId, at, reason: 'r' },
    { type: 'ExpireOffer', offerId, at },
    { type: 'ExtendOffer', offerId, at, to: '2026-06-30' },
  ])('$type on an offer never registered is offer.not_found', (command) => {
    spec.given([]).when(command).thenThrows(NotFoundError, 'offer.not_found');
  });

  describe('CommitCapacity', () => {
    it('commits part of the capacity to an engagement', () => {
      spec.given([registered]).when(commit('eng-1', 4_000_000)).thenState((events, state) => {
        expect(events).toEqual([committed('eng-1', 4_000_000, 6_000_000)]);
        expect(state).toMatchObject({ status: 'registered', committed: 4_000_000 });
      });
    });

    it('becomes fully committed when nothing is left', () => {
      spec.given([registered, committed('eng-1', 4_000_000, 6_000_000)]).when(commit('eng-2', 6_000_000)).thenState((events, state) => {
        expect(events).toEqual([committed('eng-2', 6_000_000, 0)]);
        expect(state).toMatchObject({ status: 'fully_committed', committed: 10_000_000 });
      });
    });

    it('is idempotent per engagement: a second commit emits nothing', () => {
      spec.given([registered, committed('eng-1', 4_000_000, 6_000_000)]).when(commit('eng-1', 4_000_000)).then([]);
    });

    it('refuses more than what remains', () => {
      spec.given([registered, committed('eng-1', 4_000_000, 6_000_000)]).when(commit('eng-2', 6_000_001)).thenThrows(IllegalStateError, 'offer.insufficient_capacity');
    });

    it('refuses to commit again for an engagement whose commitment was released', () => {
      spec
        .given([registered, committed('eng-1', 4_000_000, 6_000_000), released('eng-1', 4_000_000, 10_000_000)])
        .when(commit('eng-1', 4_000_000))
        .thenThrows(IllegalStateError, 'offer.commitment_released');
    });

    it('refuses a withdrawn offer', () => {
      spec.given([registered, withdrawn]).when(commit('eng-1', 1)).thenThrows(IllegalStateError, 'offer.withdrawn');
    });

    it('refuses an expired offer', () => {
      spec.given([registered, expired]).when(commit('eng-1', 1)).thenThrows(IllegalStateError, 'offer.expired');
    });

    it.each([0, -5, 1.5])('rejects the amount %p', (amount) => {
      spec.given([registered]).when(commit('eng-1', amount)).thenThrows(ValidationError, 'input.invalid');
    });
  });

  describe('ReleaseCapacity', () => {
    const release: OfferCommand = { type: 'ReleaseCapacity', offerId, at, engagementId: 'eng-2' };
    const full = [registered, committed('eng-1', 4_000_000, 6_000_000), committed('eng-2', 6_000_000, 0)];

    it('releases a commitment and makes a fully committed offer registered again', () => {
      spec.given(full).when(release).thenState((events, state) => {
        expect(events).toEqual([released('eng-2', 6_000_000, 6_000_000)]);
        expect(state).toMatchObject({ status: 'registered', committed: 4_000_000 });
      });
    });

    it('still releases on a withdrawn offer, which stays withdrawn', () => {
      spec.given([...full, withdrawn]).when(release).thenState((events, state) => {
        expect(events).toEqual([released('eng-2', 6_000_000, 6_000_000)]);
        expect(state.status).toBe('withdrawn');
      });
    });

    it('is idempotent: releasing twice emits nothing the second time', () => {
      spec.given([...full, released('eng-2', 6_000_000, 6_000_000)]).when(release).then([]);
    });

    it('refuses an engagement that had no commitment', () => {
      spec.given([registered]).when(release).thenThrows(IllegalStateError, 'offer.commitment_not_found');
    });
  });

  describe('WithdrawOffer', () => {
    it('withdraws with a reason', () => {
      spec.given([registered]).when({ type: 'WithdrawOffer', offerId, at, reason: ' Budget cut ' }).then([withdrawn]);
    });

    it('withdraws a fully committed offer too (commitments are honoured)', () => {
      spec
        .given([registered, committed('eng-1', 10_000_000, 0)])
        .when({ type: 'WithdrawOffer', offerId, at, reason: 'Budget cut' })
        .thenState((events, state) => {
          expect(events).toEqual([withdrawn]);
          expect(state).toMatchObject({ status: 'withdrawn', committed: 10_000_000 });
        });
    });

    it('refuses an offer already withdrawn', () => {
      spec.given([registered, withdrawn]).when({ type: 'WithdrawOffer', offerId, at, reason: 'Again' }).thenThrows(IllegalStateError, 'offer.withdrawn');
    });

    it('refuses an expired offer', () => {
      spec.given([registered, expired]).when({ type: 'WithdrawOffer', offerId, at, reason: 'Late' }).thenThrows(IllegalStateError, 'offer.expired');
    });

    it('requires a reason', () => {
      spec.given([registered]).when({ type: 'WithdrawOffer', offerId, at, reason: '' }).thenThrows(ValidationError, 'input.reason_required');
    });
  });

  describe('ExpireOffer', () => {
    it('expires the day after the availability window ends', () => {
      spec.given([registered]).when({ type: 'ExpireOffer', offerId, at: '2026-01-01T00:00:00Z' }).then([expired]);
    });

    it('refuses on the last day of the window', () => {
      spec.given([registered]).when({ type: 'ExpireOffer', offerId, at: '2025-12-31T23:59:59Z' }).thenThrows(IllegalStateError, 'offer.window_not_ended');
    });

    it('refuses an offer already expired', () => {
      spec.given([registered, expired]).when({ type: 'ExpireOffer', offerId, at: '2026-02-01T00:00:00Z' }).thenThrows(IllegalStateError, 'offer.expired');
    });

    it('refuses a withdrawn offer', () => {
      spec.given([registered, withdrawn]).when({ type: 'ExpireOffer', offerId, at: '2026-02-01T00:00:00Z' }).thenThrows(IllegalStateError, 'offer.withdrawn');
    });
  });

  describe('ExtendOffer', () => {
    const extend = (on: string, to: string): OfferCommand => ({ type: 'ExtendOffer', offerId, at: on, to });
    const extended: OfferEvent = { type: 'OfferExtended', data: { offerId, at: '2025-12-31T18:00:00Z', previousTo: '2025-12-31', to: '2026-06-30' } };

    it('extends the window to a later last day, up to its last day', () => {
      spec.given([registered]).when(extend('2025-12-31T18:00:00Z', '2026-06-30')).thenState((events, state) => {
        expect(events).toEqual([extended]);
        expect(state).toMatchObject({ status: 'registered', availability: { from: '2025-01-01', to: '2026-06-30' } });
      });
    });

    it('moves the expiry: the offer no longer expires after the old end, but after the new one', () => {
      spec.given([registered, extended]).when({ type: 'ExpireOffer', offerId, at: '2026-01-01T00:00:00Z' }).thenThrows(IllegalStateError, 'offer.window_not_ended');
      spec.given([registered, extended]).when({ type: 'ExpireOffer', offerId, at: '2026-07-01T00:00:00Z' }).then([{ type: 'OfferExpired', data: { offerId, at: '2026-07-01T00:00:00Z' } }]);
    });

    it('refuses once the window has ended, even before the offer is expired', () => {
      spec.given([registered]).when(extend('2026-01-01T00:00:00Z', '2026-06-30')).thenThrows(IllegalStateError, 'offer.window_ended');
    });

    it.each([
      ['expired', [registered, expired], 'offer.expired'],
      ['withdrawn', [registered, withdrawn], 'offer.withdrawn'],
    ] as const)('refuses an offer that is %s', (_, given, code) => {
      spec.given([...given]).when(extend(at, '2026-06-30')).thenThrows(IllegalStateError, code);
    });

    it.each(['2025-12-31', '2025-06-30', '2026-02-30', 'later'])('rejects a new end %s that is not a later real date', (to) => {
      spec.given([registered]).when(extend(at, to)).thenThrows(ValidationError, 'input.invalid');
    });
  });

  it('rejects a command without a valid timestamp', () => {
    spec.given([registered]).when({ type: 'ExpireOffer', offerId, at: 'tomorrow' }).thenThrows(ValidationError, 'input.invalid');
  });
});

describe('AmendOffer', () => {
  const amend = (changes: Partial<Extract<OfferCommand, { type: 'AmendOffer' }>>): OfferCommand => ({ type: 'AmendOffer', offerId, at, ...changes });

  it('records only what changed: a new amount with what remains, new countries', () => {
    spec
      .given([registered, committed('e1', 4_000_000, 6_000_000)])
      .when(amend({ capacity: { kind: 'money', amount: 12_000_000, currency: 'USD' }, eligibleCountries: ['UA', 'MD'], eligibleRegions: ['202'] }))
      .then([{ type: 'OfferAmended', data: { offerId, at, capacity: { kind: 'money', amount: 12_000_000, currency: 'USD' }, remaining: 8_000_000, eligibleCountries: ['UA', 'MD'] } }]);
  });

  it('to what it already is, records nothing', () => {
    spec.given([registered]).when(amend({ capacity: register.capacity, eligibleCountries: ['UA'] })).then([]);
  });

  it('below what is committed is refused', () => {
    spec.given([registered, committed('e1', 4_000_000, 6_000_000)]).when(amend({ capacity: { kind: 'money', amount: 3_999_999, currency: 'USD' } })).thenThrows(IllegalStateError, 'offer.amount_below_committed');
  });

  it('down to exactly what is committed makes the offer fully committed, and a later commitment is refused', () => {
    spec
      .given([registered, committed('e1', 4_000_000, 6_000_000)])
      .when(amend({ capacity: { kind: 'money', amount: 4_000_000, currency: 'USD' } }))
      .thenState((_events, after) => {
        expect(after).toMatchObject({ status: 'fully_committed', committed: 4_000_000 });
        expect(() => offerDecider.decide({ type: 'CommitCapacity', offerId, at, engagementId: 'e2', amount: 1 }, after)).toThrow(IllegalStateError);
      });
  });

  it('in another currency or unit, with nothing named, or with no country or region left, is refused', () => {
    spec.given([registered]).when(amend({ capacity: { kind: 'money', amount: 1, currency: 'EUR' } })).thenThrows(ValidationError, 'input.invalid');
    spec.given([registered]).when(amend({ capacity: { kind: 'expert_days', days: 10 } })).thenThrows(ValidationError, 'input.invalid');
    spec.given([registered]).when(amend({})).thenThrows(ValidationError, 'input.invalid');
    spec.given([registered]).when(amend({ eligibleCountries: [], eligibleRegions: [] })).thenThrows(ValidationError, 'input.invalid');
    spec.given([registered]).when(amend({ eligibleCountries: ['XX'] })).thenThrows(ValidationError, 'codelist.unknown_code');
  });

  it('of a withdrawn or unknown offer is refused', () => {
    spec.given([registered, withdrawn]).when(amend({ eligibleCountries: ['MD'] })).thenThrows(IllegalStateError, 'offer.withdrawn');
    spec.given([]).when(amend({ eligibleCountries: ['MD'] })).thenThrows(NotFoundError, 'offer.not_found');
  });
});
