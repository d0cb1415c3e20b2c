import { assertUnreachable } from '@ta/core';
import type { LocalizedText } from '@ta/codelists';
import type { DateWindow } from '../shared/time';
import type { Capacity, CapacityUnit, Modality, ProviderKind } from './offer.commands';
import type { OfferEvent } from './offer.events';
import { withTexts, type CaseTexts } from '../texts/case-texts';
import { offerTextsWritten } from './offer.texts';

/** `fully_committed` is derived: registered with nothing left; a release makes it registered again. */
export type OfferStatus = 'registered' | 'fully_committed' | 'withdrawn' | 'expired';

export interface Commitment {
  readonly amount: number;
  readonly released: boolean;
}

export interface OfferDetails {
  readonly status: OfferStatus;
  readonly offerId: string;
  readonly providerId: string;
  readonly providerKind: ProviderKind;
  readonly taTypes: readonly string[];
  readonly articles: readonly string[];
  readonly eligibleCountries: readonly string[];
  readonly eligibleRegions: readonly string[];
  readonly languages: readonly string[];
  readonly modality: Modality;
  readonly capacity: Capacity;
  readonly availability: DateWindow;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  /** By engagement id; released ones are kept so that commit and release stay idempotent. */
  readonly commitments: Readonly<Record<string, Commitment>>;
  /** Sum of the unreleased commitments; never more than the capacity. */
  readonly committed: number;
  /** The offer's texts by path: who wrote each, in which languages. */
  readonly texts: CaseTexts;
}

export type OfferState = { readonly status: 'empty' } | OfferDetails;

export const initialOfferState = (): OfferState => ({ status: 'empty' });

export function capacityTotal(capacity: Capacity): number {
  return capacity.kind === 'money' ? capacity.amount : capacity.days;
}

export function capacityUnit(capacity: Capacity): CapacityUnit {
  return capacity.kind === 'money' ? { kind: 'money', currency: capacity.currency } : { kind: 'expert_days' };
}

/** What is left to commit, in the offer's unit. */
export function remainingCapacity(offer: OfferDetails): number {
  return capacityTotal(offer.capacity) - offer.committed;
}

function withCommitted(offer: OfferDetails, committed: number, commitments: OfferDetails['commitments']): OfferDetails {
  const open = offer.status === 'registered' || offer.status === 'fully_committed';
  const status = open ? (committed >= capacityTotal(offer.capacity) ? 'fully_committed' : 'registered') : offer.status;
  return { ...offer, status, committed, commitments };
}

export function evolveOffer(state: OfferState, event: OfferEvent): OfferState {
  const next = evolveLifecycle(state, event);
  if (next.status === 'empty') return next;
  const written = offerTextsWritten(event);
  return written.length === 0 ? next : { ...next, texts: withTexts(next.texts, written) };
}

function evolveLifecycle(state: OfferState, event: OfferEvent): OfferState {
  if (event.type === 'OfferRegistered') {
    const { at: _at, ...offer } = event.data;
    return { ...offer, status: 'registered', commitments: {}, committed: 0, texts: {} };
  }
  if (state.status === 'empty') return state;
  switch (event.type) {
    case 'CapacityCommitted': {
      const { engagementId, amount } = event.data;
      return withCommitted(state, state.committed + amount, { ...state.commitments, [engagementId]: { amount, released: false } });
    }
    case 'CapacityReleased': {
      const { engagementId, amount } = event.data;
      return withCommitted(state, state.committed - amount, { ...state.commitments, [engagementId]: { amount, released: true } });
    }
    case 'OfferWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'OfferExpired':
      return { ...state, status: 'expired' };
    case 'OfferExtended':
      return { ...state, availability: { ...state.availability, to: event.data.to } };
    case 'OfferAmended': {
      const { capacity, eligibleCountries, eligibleRegions } = event.data;
      const next = { ...state, ...(eligibleCountries ? { eligibleCountries } : {}), ...(eligibleRegions ? { eligibleRegions } : {}), ...(capacity ? { capacity } : {}) };
      return capacity ? withCommitted(next, next.committed, next.commitments) : next;
    }
    case 'OfferTextTranslated':
      return state;
    default:
      return assertUnreachable(event, 'Unknown offer event');
  }
}
