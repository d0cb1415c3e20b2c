import { REASON_MAX_LENGTH } from '@ta/case';
import { eventContract, type TopicContract } from '../../envelope';
import { s, strictObject } from '../../json-schema';

export const CASE_OFFERS_TOPIC = 'ta.case.offers';

const t = CASE_OFFERS_TOPIC;
const offer = { offerId: s.id, at: s.timestamp };
const capacityChange = {
  ...offer,
  engagementId: s.id,
  amount: { type: 'integer', minimum: 0, description: 'in `unit`' },
  unit: s.capacityUnit,
  remaining: { type: 'integer', minimum: 0, description: 'what is left of the offer after this change, in `unit`' },
};

/** Offers (pledges) of donors and providers. Key: the offer id; order per offer. */
export const caseOffersTopic: TopicContract = {
  name: CASE_OFFERS_TOPIC,
  description: 'Offers (pledges) of TA and the capacity committed against them, in order per offer.',
  key: { description: 'The offer id, UTF-8.', schema: s.id },
  events: [
    eventContract(
      t,
      'OfferRegistered',
      1,
      'A provider registered an offer: what, where, in which languages, how much and when.',
      strictObject({
        ...offer,
        providerId: s.id,
        providerKind: { enum: ['bilateral', 'multilateral', 'state_authority', 'civil_society', 'academia', 'private_sector'] },
        taTypes: s.codes,
        articles: s.codes,
        eligibleCountries: { type: 'array', items: s.country },
        eligibleRegions: { type: 'array', items: { type: 'string', pattern: '^[0-9]{3}$', description: 'UN M49' } },
        languages: s.languages,
        modality: { enum: ['remote', 'on_site', 'hybrid'] },
        capacity: s.capacity,
        availability: s.window,
        title: s.localizedText,
        description: s.localizedText,
      }),
    ),
    eventContract(t, 'CapacityCommitted', 1, 'Part of the offer was committed to an agreed engagement.', strictObject(capacityChange)),
    eventContract(t, 'CapacityReleased', 1, 'Committed capacity was released (engagement cancelled).', strictObject(capacityChange)),
    eventContract(t, 'OfferWithdrawn', 1, 'The provider withdrew the offer, with a reason.', strictObject({ ...offer, reason: { type: 'string', minLength: 1, maxLength: REASON_MAX_LENGTH } })),
    eventContract(t, 'OfferExpired', 1, 'The offer passed the end of its availability window.', strictObject(offer)),
    eventContract(t, 'OfferExtended', 1, 'The provider extended the availability window before it ended: it now ends on `to` (it ended on `previousTo`).', strictObject({ ...offer, previousTo: s.date, to: s.date })),
    eventContract(
      t,
      'OfferAmended',
      1,
      'The provider amended the offer: only the fields that changed, with their new values (the capacity in the same unit, never below what is committed; `remaining` after it).',
      {
        ...strictObject({
          ...offer,
          capacity: s.capacity,
          remaining: { type: 'integer', minimum: 0, description: 'what is left of the offer after the new capacity, in its unit' },
          eligibleCountries: { type: 'array', items: s.country },
          eligibleRegions: { type: 'array', items: { type: 'string', pattern: '^[0-9]{3}$', description: 'UN M49' } },
        }),
        required: ['offerId', 'at'],
      },
    ),
  ],
};
