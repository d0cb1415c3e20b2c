import { iso, type ProjectedEvent } from '../case-event';
import type { Projection } from '../projection';
import { OfferRow } from './offers.entity';

/** Offers with remaining capacity (the offer's events say what remains after each change). */
export const offersProjection: Projection<OfferRow> = {
  name: 'offers',
  entity: OfferRow,
  keysOf({ event }) {
    switch (event.type) {
      case 'OfferRegistered':
      case 'CapacityCommitted':
      case 'CapacityReleased':
      case 'OfferWithdrawn':
      case 'OfferExpired':
      case 'OfferExtended':
      case 'OfferAmended':
      case 'OfferTextTranslated':
        return [event.data.offerId];
      default:
        return [];
    }
  },
  creates: (e) => e.event.type === 'OfferRegistered',
  apply: (row, e) => applyToOffer(row, e),
};

export function applyToOffer(row: OfferRow | undefined, e: ProjectedEvent): OfferRow | undefined {
  const { event } = e;
  if (event.type === 'OfferRegistered') {
    if (row) return row;
    const d = event.data;
    const capacity = d.capacity.kind === 'money' ? d.capacity.amount : d.capacity.days;
    const at = iso(d.at);
    return {
      offerId: d.offerId,
      providerId: d.providerId,
      providerKind: d.providerKind,
      providerCountry: d.providerCountry ?? null,
      taTypes: [...d.taTypes],
      articles: [...d.articles],
      eligibleCountries: [...d.eligibleCountries],
      eligibleRegions: [...d.eligibleRegions],
      languages: [...d.languages],
      modality: d.modality,
      capacityKind: d.capacity.kind,
      currency: d.capacity.kind === 'money' ? d.capacity.currency : null,
      capacity,
      committed: 0,
      remaining: capacity,
      availableFrom: d.availability.from,
      availableTo: d.availability.to,
      title: d.title,
      status: 'open',
      registeredAt: at,
      endedAt: null,
      endReason: null,
      updatedAt: at,
      position: e.globalPosition,
      version: e.streamPosition,
    };
  }
  if (!row) return row;
  const at = iso(event.data.at);
  // One copy of the row per event (see requests.projection.ts).
  const next = (changes: Partial<OfferRow>): OfferRow => ({ ...row, updatedAt: at, position: e.globalPosition, version: e.streamPosition, ...changes });
  switch (event.type) {
    case 'CapacityCommitted':
    case 'CapacityReleased':
      return next({ remaining: event.data.remaining, committed: row.capacity - event.data.remaining });
    case 'OfferWithdrawn':
      return next({ status: 'withdrawn', endedAt: at, endReason: event.data.reason });
    case 'OfferExpired':
      return next({ status: 'expired', endedAt: at });
    case 'OfferExtended':
      return next({ availableTo: event.data.to });
    case 'OfferAmended': {
      const d = event.data;
      const capacity = d.capacity ? (d.capacity.kind === 'money' ? d.capacity.amount : d.capacity.days) : undefined;
      return next({
        ...(capacity !== undefined ? { capacity, remaining: capacity - row.committed } : {}),
        ...(d.eligibleCountries ? { eligibleCountries: [...d.eligibleCountries] } : {}),
        ...(d.eligibleRegions ? { eligibleRegions: [...d.eligibleRegions] } : {}),
      });
    }
    case 'OfferTextTranslated':
      // the texts are in `case_texts`; the row follows the stream's version (the detail's ETag)
      return next({});
    default:
      return row;
  }
}
