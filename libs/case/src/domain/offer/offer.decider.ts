import { IllegalStateError, NotFoundError, assertUnreachable, type Decider } from '@ta/core';
import { assertKnownCodes, assertLocalizedText } from '@ta/codelists';
import { assertDate, assertTimestamp, assertWindow, dateOf } from '../shared/time';
import { assertArray, assertId, assertOneOf, assertPositiveInteger, assertReason, invalid, unique } from '../shared/validation';
import {
  MODALITIES,
  PROVIDER_KINDS,
  type AmendOffer,
  type Capacity,
  type CommitCapacity,
  type ExpireOffer,
  type ExtendOffer,
  type OfferCommand,
  type RegisterOffer,
  type ReleaseCapacity,
  type TranslateOfferText,
  type WithdrawOffer,
} from './offer.commands';
import type { OfferEvent } from './offer.events';
import { assertTranslation } from '../texts/case-texts';
import { capacityTotal, capacityUnit, evolveOffer, initialOfferState, remainingCapacity, type OfferDetails, type OfferState } from './offer.state';

export const OFFER_TEXT_LIMITS = { title: 200, description: 5000 } as const;

export function decideOffer(command: OfferCommand, state: OfferState): OfferEvent[] {
  assertTimestamp(command.at);
  switch (command.type) {
    case 'RegisterOffer':
      return register(command, state);
    case 'CommitCapacity':
      return commit(command, existing(state));
    case 'ReleaseCapacity':
      return release(command, existing(state));
    case 'WithdrawOffer':
      return withdraw(command, existing(state));
    case 'ExpireOffer':
      return expire(command, existing(state));
    case 'ExtendOffer':
      return extend(command, existing(state));
    case 'AmendOffer':
      return amend(command, existing(state));
    case 'TranslateOfferText':
      return translate(command, existing(state));
    default:
      return assertUnreachable(command, 'Unknown offer command');
  }
}

export const offerDecider: Decider<OfferCommand, OfferEvent, OfferState> = {
  decide: decideOffer,
  evolve: evolveOffer,
  initialState: initialOfferState,
};

function existing(state: OfferState): OfferDetails {
  if (state.status === 'empty') throw new NotFoundError('offer.not_found', 'No such offer');
  return state;
}

/** Withdrawn and expired offers take no new commitment and cannot end twice. */
function requireOpen(offer: OfferDetails): void {
  if (offer.status === 'withdrawn') throw new IllegalStateError('offer.withdrawn', 'The offer was withdrawn');
  if (offer.status === 'expired') throw new IllegalStateError('offer.expired', 'The offer has expired');
}

function assertCapacity(value: unknown): Capacity {
  const capacity = (value ?? {}) as Record<string, unknown>;
  const kind = assertOneOf(capacity['kind'], ['money', 'expert_days'] as const, '/capacity/kind');
  if (kind === 'expert_days') return { kind, days: assertPositiveInteger(capacity['days'], '/capacity/days') };
  assertKnownCodes('currencies', capacity['currency'], '/capacity/currency');
  return { kind, amount: assertPositiveInteger(capacity['amount'], '/capacity/amount'), currency: capacity['currency'] as string };
}

function assertCountryCode(value: unknown): string {
  assertKnownCodes('countries', value, '/providerCountry');
  return value as string;
}

function register(c: RegisterOffer, state: OfferState): OfferEvent[] {
  if (state.status !== 'empty') throw new IllegalStateError('offer.already_registered', 'The offer was already registered');
  assertId(c.offerId, '/offerId');
  assertId(c.providerId, '/providerId');
  assertKnownCodes('ta-types', assertArray(c.taTypes, '/taTypes', { min: 1 }), '/taTypes');
  assertKnownCodes('uncac-articles', assertArray(c.articles, '/articles', { min: 1 }), '/articles');
  assertKnownCodes('countries', assertArray(c.eligibleCountries, '/eligibleCountries', { min: 0 }), '/eligibleCountries');
  assertKnownCodes('regions', assertArray(c.eligibleRegions, '/eligibleRegions', { min: 0 }), '/eligibleRegions');
  if (c.eligibleCountries.length + c.eligibleRegions.length === 0) {
    throw invalid('/eligibleCountries', 'name at least one eligible country or region (001 for the world)');
  }
  assertKnownCodes('languages', assertArray(c.languages, '/languages', { min: 1 }), '/languages');
  return [
    {
      type: 'OfferRegistered',
      data: {
        offerId: c.offerId,
        at: c.at,
        providerId: c.providerId,
        providerKind: assertOneOf(c.providerKind, PROVIDER_KINDS, '/providerKind'),
        ...(c.providerCountry !== undefined ? { providerCountry: assertCountryCode(c.providerCountry) } : {}),
        taTypes: unique(c.taTypes),
        articles: unique(c.articles),
        eligibleCountries: unique(c.eligibleCountries),
        eligibleRegions: unique(c.eligibleRegions),
        languages: unique(c.languages),
        modality: assertOneOf(c.modality, MODALITIES, '/modality'),
        capacity: assertCapacity(c.capacity),
        availability: assertWindow(c.availability, '/availability'),
        title: assertLocalizedText(c.title, '/title', { maxLength: OFFER_TEXT_LIMITS.title }),
        description: assertLocalizedText(c.description, '/description', { maxLength: OFFER_TEXT_LIMITS.description }),
      },
    },
  ];
}

/** Idempotent per engagement: committing again for the same engagement emits nothing. */
function commit(c: CommitCapacity, offer: OfferDetails): OfferEvent[] {
  assertId(c.engagementId, '/engagementId');
  const amount = assertPositiveInteger(c.amount, '/amount');
  const previous = offer.commitments[c.engagementId];
  if (previous?.released) {
    throw new IllegalStateError('offer.commitment_released', 'The commitment for this engagement was released', { engagementId: c.engagementId });
  }
  if (previous) return [];
  requireOpen(offer);
  const remaining = remainingCapacity(offer);
  if (remaining < amount) {
    throw new IllegalStateError('offer.insufficient_capacity', `Only ${remaining} left, ${amount} asked`, { remaining, requested: amount });
  }
  return [
    {
      type: 'CapacityCommitted',
      data: { offerId: offer.offerId, engagementId: c.engagementId, at: c.at, amount, unit: capacityUnit(offer.capacity), remaining: remaining - amount },
    },
  ];
}

/** Idempotent: releasing an already released commitment emits nothing. Allowed in any status. */
function release(c: ReleaseCapacity, offer: OfferDetails): OfferEvent[] {
  const commitment = offer.commitments[c.engagementId];
  if (!commitment) {
    throw new IllegalStateError('offer.commitment_not_found', 'Nothing was committed for this engagement', { engagementId: c.engagementId });
  }
  if (commitment.released) return [];
  return [
    {
      type: 'CapacityReleased',
      data: {
        offerId: offer.offerId,
        engagementId: c.engagementId,
        at: c.at,
        amount: commitment.amount,
        unit: capacityUnit(offer.capacity),
        remaining: remainingCapacity(offer) + commitment.amount,
      },
    },
  ];
}

function withdraw(c: WithdrawOffer, offer: OfferDetails): OfferEvent[] {
  requireOpen(offer);
  return [{ type: 'OfferWithdrawn', data: { offerId: offer.offerId, at: c.at, reason: assertReason(c.reason) } }];
}

/** The window includes its last day: an offer expires from the day after `availability.to`. */
function expire(c: ExpireOffer, offer: OfferDetails): OfferEvent[] {
  requireOpen(offer);
  if (dateOf(c.at) <= offer.availability.to) {
    throw new IllegalStateError('offer.window_not_ended', `The availability window ends on ${offer.availability.to}`, { to: offer.availability.to });
  }
  return [{ type: 'OfferExpired', data: { offerId: offer.offerId, at: c.at } }];
}

/**
 * Before the window has ended (on its last day at the latest, even if the scheduler has not
 * expired the offer yet), to a later last day.
 */
function extend(c: ExtendOffer, offer: OfferDetails): OfferEvent[] {
  requireOpen(offer);
  const to = assertDate(c.to, '/to');
  const previousTo = offer.availability.to;
  if (dateOf(c.at) > previousTo) {
    throw new IllegalStateError('offer.window_ended', `The availability window ended on ${previousTo}`, { to: previousTo });
  }
  if (to <= previousTo) throw invalid('/to', `must be after the current end of the window, ${previousTo}`);
  return [{ type: 'OfferExtended', data: { offerId: offer.offerId, at: c.at, previousTo, to } }];
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/**
 * A new amount and/or new eligible countries and regions, while the offer is open. The amount
 * stays in the offer's unit and is not below what is committed. Nothing changed: no event.
 */
function amend(c: AmendOffer, offer: OfferDetails): OfferEvent[] {
  requireOpen(offer);
  if (c.capacity === undefined && c.eligibleCountries === undefined && c.eligibleRegions === undefined) {
    throw invalid('/capacity', 'name a new capacity, eligible countries or eligible regions');
  }
  const changed: { capacity?: Capacity; remaining?: number; eligibleCountries?: readonly string[]; eligibleRegions?: readonly string[] } = {};
  if (c.capacity !== undefined) {
    const capacity = assertCapacity(c.capacity);
    const unit = capacityUnit(offer.capacity);
    if (JSON.stringify(capacityUnit(capacity)) !== JSON.stringify(unit)) {
      throw invalid('/capacity', `stays in the offer's unit (${unit.kind === 'money' ? unit.currency : 'expert-days'})`);
    }
    const total = capacityTotal(capacity);
    if (total < offer.committed) {
      throw new IllegalStateError('offer.amount_below_committed', `${offer.committed} is already committed: the capacity cannot be less`, { committed: offer.committed, requested: total });
    }
    if (total !== capacityTotal(offer.capacity)) Object.assign(changed, { capacity, remaining: total - offer.committed });
  }
  const countries = c.eligibleCountries === undefined ? offer.eligibleCountries : unique(c.eligibleCountries);
  const regions = c.eligibleRegions === undefined ? offer.eligibleRegions : unique(c.eligibleRegions);
  if (c.eligibleCountries !== undefined) assertKnownCodes('countries', assertArray(c.eligibleCountries, '/eligibleCountries', { min: 0 }), '/eligibleCountries');
  if (c.eligibleRegions !== undefined) assertKnownCodes('regions', assertArray(c.eligibleRegions, '/eligibleRegions', { min: 0 }), '/eligibleRegions');
  if (countries.length + regions.length === 0) throw invalid('/eligibleCountries', 'name at least one eligible country or region (001 for the world)');
  if (!sameSet(countries, offer.eligibleCountries)) changed.eligibleCountries = countries;
  if (!sameSet(regions, offer.eligibleRegions)) changed.eligibleRegions = regions;
  if (Object.keys(changed).length === 0) return [];
  return [{ type: 'OfferAmended', data: { offerId: offer.offerId, at: c.at, ...changed } }];
}

/** A translation of one of its texts, in any status. */
function translate(c: TranslateOfferText, state: OfferDetails): OfferEvent[] {
  const t = assertTranslation(state.texts, c);
  return [{ type: 'OfferTextTranslated', data: { offerId: state.offerId, at: c.at, ...t } }];
}
