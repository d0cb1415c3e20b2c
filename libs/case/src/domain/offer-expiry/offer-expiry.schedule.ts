import type { ExpireOffer } from '../offer/offer.commands';
import type { OfferEvent } from '../offer/offer.events';
import type { IsoDate, IsoTimestamp } from '../shared/time';

/**
 * When an offer expires on its own: the availability window includes its last day, so the
 * offer is due to expire at the start (00:00 UTC) of the day after `availability.to` (the
 * offer decider refuses `ExpireOffer` before then: `offer.window_not_ended`).
 */
export function expiryDueAt(to: IsoDate): IsoTimestamp {
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  return next.toISOString().replace('.000Z', 'Z');
}

/** What an offer event does to the expiry schedule: (re)schedule the offer, drop it, or nothing. */
export type ExpiryScheduleChange =
  | { readonly kind: 'schedule'; readonly offerId: string; readonly dueAt: IsoTimestamp }
  | { readonly kind: 'unschedule'; readonly offerId: string }
  | null;

export const OFFER_EXPIRY_EVENTS = ['OfferRegistered', 'OfferExtended', 'OfferWithdrawn', 'OfferExpired'] as const;

/** Pure: the schedule follows the offer's events (registered and extended: due after the window; withdrawn and expired: nothing to fire). */
export function expiryScheduleChange(event: { readonly type: string; readonly data: unknown }): ExpiryScheduleChange {
  const e = event as OfferEvent;
  switch (e.type) {
    case 'OfferRegistered':
      return { kind: 'schedule', offerId: e.data.offerId, dueAt: expiryDueAt(e.data.availability.to) };
    case 'OfferExtended':
      return { kind: 'schedule', offerId: e.data.offerId, dueAt: expiryDueAt(e.data.to) };
    case 'OfferWithdrawn':
    case 'OfferExpired':
      return { kind: 'unschedule', offerId: e.data.offerId };
    default:
      return null;
  }
}

/** The command the scheduler sends for a due offer, at the scheduler's clock time. */
export function expireOfferCommand(offerId: string, now: IsoTimestamp): ExpireOffer {
  return { type: 'ExpireOffer', offerId, at: now };
}
