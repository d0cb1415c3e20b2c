import { ENGAGEMENT_TEXT_LIMITS, NEED_SOURCE_LIMITS, REASON_MAX_LENGTH, REQUEST_TEXT_LIMITS } from '@ta/case';
import { eventContract, type TopicContract } from '../../envelope';
import { s, strictObject, type JsonSchema } from '../../json-schema';
import { REQUEST_AMENDED_FIELDS } from './case-requests.events';

export const CASE_REQUESTS_TOPIC = 'ta.case.requests';

const t = CASE_REQUESTS_TOPIC;
const request = { requestId: s.id, at: s.timestamp };
const engagement = { ...request, engagementId: s.id, offerId: s.id };
const milestone = { ...engagement, milestoneId: s.id };
const party = { enum: ['state', 'provider'] };
const engagementProposed = {
  ...engagement,
  providerId: s.id,
  country: s.country,
  amount: { type: 'integer', minimum: 0, description: 'in `unit`: minor units of the currency, or expert-days' },
  unit: s.capacityUnit,
  score: { type: 'number' },
  reasons: { type: 'array', items: { type: 'string', maxLength: ENGAGEMENT_TEXT_LIMITS.proposalReason } },
};
const PROPOSED = 'The Secretariat proposed a match of this request with an offer, with a score and the reasons for it.';
const reason = { type: 'string', minLength: 1, maxLength: REASON_MAX_LENGTH };
const data = (properties: Record<string, JsonSchema>) => strictObject(properties);
const nullableText = (maxLength: number): JsonSchema => s.nullable({ type: 'string', minLength: 1, maxLength });
/** A need source, one flat shape for the three kinds (docs/event-catalogue.md). */
const needSource = strictObject({
  kind: { enum: ['self-assessment', 'review-report', 'cited-finding'] },
  cycle: s.nullable({ enum: [1, 2] }),
  chapter: s.nullable(s.code),
  article: s.nullable(s.code),
  paragraph: nullableText(NEED_SOURCE_LIMITS.paragraph),
  round: nullableText(NEED_SOURCE_LIMITS.round),
  reportSymbol: nullableText(NEED_SOURCE_LIMITS.reportSymbol),
  need: { ...nullableText(NEED_SOURCE_LIMITS.need), description: 'null when the request is restricted, and for a cited finding' },
  reference: { ...nullableText(NEED_SOURCE_LIMITS.reference), description: 'cited-finding only; null when the request is restricted' },
});

/**
 * Free text of a case in the v2 types: null when the request is restricted
 * (`RequestSubmitted.restricted`, then the latest `RequestAccessChanged`), in every event of that case published while it is.
 */
const withheld = (schema: JsonSchema): JsonSchema => ({ ...s.nullable(schema), description: 'null when the request is restricted' });
const WITHHELD = ' Null when the request is restricted.';

/**
 * The reasons the platform itself gives when it cancels an engagement (process managers: the
 * request withdrawn or declined, the offer's capacity refused). Codes, not free text: they
 * are published for restricted requests too; any other reason of a restricted case is null.
 */
export const PLATFORM_CANCELLATION_REASONS = ['request_withdrawn', 'request_declined', 'insufficient_capacity', 'offer_withdrawn', 'offer_expired'] as const;
export type PlatformCancellationReason = (typeof PLATFORM_CANCELLATION_REASONS)[number];

/**
 * One topic per case: a request and everything that happens to it, including its
 * engagements (matches with offers) and their milestones. Key: the request id, so every
 * event of one case is on one partition, in the order the platform recorded it.
 */
export const caseRequestsTopic: TopicContract = {
  name: CASE_REQUESTS_TOPIC,
  description: 'A TA request (a case) and its engagements and milestones, in order per case.',
  key: { description: 'The request id (the case id), UTF-8.', schema: s.id },
  events: [
    eventContract(
      t,
      'RequestSubmitted',
      1,
      'A State submitted a TA request. Restricted requests are published without their title, description, beneficiary institution and finding reference (null). The contact person is never published.',
      data({
        ...request,
        country: s.country,
        restricted: { type: 'boolean' },
        title: s.nullable(s.localizedText),
        description: s.nullable(s.localizedText),
        beneficiaryInstitution: s.nullable({ type: 'string', maxLength: REQUEST_TEXT_LIMITS.beneficiaryInstitution }),
        findingRef: s.nullable(strictObject({ reviewCycle: { enum: [1, 2] }, reference: { type: 'string', maxLength: NEED_SOURCE_LIMITS.reference } })),
        suggestedArticles: s.codes,
        suggestedTaTypes: s.codes,
        preferredLanguages: s.languages,
        desiredWindow: s.nullable(s.window),
      }),
    ),
    eventContract(
      t,
      'RequestSubmitted',
      2,
      "A State submitted a TA request, citing the sources of the need (self-assessment, country review) and giving its own priority. Restricted requests are published without their title, description, beneficiary institution and the sources' free text (null). The contact person is never published.",
      data({
        ...request,
        country: s.country,
        restricted: { type: 'boolean' },
        statePriority: { ...s.nullable(s.code), description: "The State's own priority (codelist priorities); null for requests submitted before it was asked" },
        title: s.nullable(s.localizedText),
        description: s.nullable(s.localizedText),
        beneficiaryInstitution: s.nullable({ type: 'string', maxLength: REQUEST_TEXT_LIMITS.beneficiaryInstitution }),
        sources: { type: 'array', maxItems: NEED_SOURCE_LIMITS.maxSources, items: needSource },
        suggestedArticles: s.codes,
        suggestedTaTypes: s.codes,
        preferredLanguages: s.languages,
        desiredWindow: s.nullable(s.window),
      }),
    ),
    eventContract(
      t,
      'RequestAccessChanged',
      1,
      'The State restricted its request (restricted: true; from this event on, every free text of the case is null) or opened it again (restricted: false; free text published again from this event on). The reason is null when the request is restricted.',
      data({ ...request, restricted: { type: 'boolean' }, reason: withheld(reason) }),
    ),
    eventContract(
      t,
      'RequestAmended',
      1,
      "The State amended its request before it was matched. `changed` names the fields it changed; the others are null (a changed desiredWindow may be null: removed). The free text (title, description, beneficiary institution, the sources' need) is null when the request is restricted.",
      data({
        ...request,
        changed: { type: 'array', minItems: 1, items: { enum: [...REQUEST_AMENDED_FIELDS] } },
        title: withheld(s.localizedText),
        description: withheld(s.localizedText),
        beneficiaryInstitution: withheld({ type: 'string', maxLength: REQUEST_TEXT_LIMITS.beneficiaryInstitution }),
        sources: s.nullable({ type: 'array', maxItems: NEED_SOURCE_LIMITS.maxSources, items: needSource }),
        suggestedArticles: s.nullable(s.codes),
        suggestedTaTypes: s.nullable(s.codes),
        preferredLanguages: s.nullable(s.languages),
        desiredWindow: s.nullable(s.window),
        statePriority: s.nullable(s.code),
      }),
    ),
    eventContract(t, 'RequestTriaged', 1, 'The Secretariat classified the request (UNCAC articles, TA types, priority) and opened it for offers.', data({ ...request, articles: s.codes, taTypes: s.codes, priority: s.code })),
    eventContract(t, 'RequestReturnedForClarification', 1, 'The Secretariat asked the State a question before triage.', data({ ...request, question: s.localizedText })),
    eventContract(t, 'RequestReturnedForClarification', 2, 'The Secretariat asked the State a question before triage.' + WITHHELD, data({ ...request, question: withheld(s.localizedText) })),
    eventContract(t, 'RequestClarificationProvided', 1, 'The State answered; the request is back in triage.', data({ ...request, answer: s.localizedText })),
    eventContract(t, 'RequestClarificationProvided', 2, 'The State answered; the request is back in triage.' + WITHHELD, data({ ...request, answer: withheld(s.localizedText) })),
    eventContract(t, 'RequestDeclined', 1, 'The Secretariat declined the request, with a reason.', data({ ...request, reason })),
    eventContract(t, 'RequestDeclined', 2, 'The Secretariat declined the request, with a reason.' + WITHHELD, data({ ...request, reason: withheld(reason) })),
    eventContract(t, 'RequestWithdrawn', 1, 'The State withdrew the request, with a reason.', data({ ...request, reason })),
    eventContract(t, 'RequestWithdrawn', 2, 'The State withdrew the request, with a reason.' + WITHHELD, data({ ...request, reason: withheld(reason) })),
    eventContract(t, 'RequestMatched', 1, 'An engagement for this request was agreed by both parties.', data({ ...request, engagementId: s.id })),
    eventContract(t, 'RequestDeliveryStarted', 1, 'The engagement became active: delivery started.', data({ ...request, engagementId: s.id })),
    eventContract(t, 'RequestDelivered', 1, 'The engagement was completed: the assistance was delivered.', data({ ...request, engagementId: s.id })),
    eventContract(
      t,
      'RequestFollowUpRecorded',
      1,
      'The State recorded the follow-up: was the need met?',
      data({ ...request, needMet: { enum: ['met', 'partly_met', 'not_met'] }, comment: s.localizedText }),
    ),
    eventContract(
      t,
      'RequestFollowUpRecorded',
      2,
      'The State recorded the follow-up: was the need met? The comment is null when the request is restricted.',
      data({ ...request, needMet: { enum: ['met', 'partly_met', 'not_met'] }, comment: withheld(s.localizedText) }),
    ),
    eventContract(t, 'RequestClosed', 1, 'The case is closed.', data(request)),
    eventContract(t, 'EngagementProposed', 1, PROPOSED, data(engagementProposed)),
    eventContract(
      t,
      'EngagementProposed',
      2,
      `${PROPOSED} The reasons (free text) are null when the request is restricted.`,
      data({ ...engagementProposed, reasons: withheld(engagementProposed.reasons) }),
    ),
    eventContract(t, 'EngagementAccepted', 1, 'One party (the State or the provider) accepted the proposed engagement.', data({ ...engagement, party })),
    eventContract(
      t,
      'EngagementAgreed',
      1,
      "Both parties accepted; the offer's capacity is committed next.",
      data({ ...engagement, amount: { type: 'integer', minimum: 0 }, unit: s.capacityUnit }),
    ),
    eventContract(t, 'EngagementDeclined', 1, 'One party declined the proposed engagement, with a reason.', data({ ...engagement, party, reason })),
    eventContract(t, 'EngagementDeclined', 2, 'One party declined the proposed engagement, with a reason.' + WITHHELD, data({ ...engagement, party, reason: withheld(reason) })),
    eventContract(t, 'EngagementActivated', 1, "The offer's capacity was committed: the engagement is in delivery.", data(engagement)),
    eventContract(
      t,
      'EngagementCancelled',
      1,
      'The engagement was cancelled, with a reason; previousStatus tells whether capacity had been committed.',
      data({ ...engagement, reason, previousStatus: { enum: ['proposed', 'agreed', 'active'] } }),
    ),
    eventContract(
      t,
      'EngagementCancelled',
      2,
      `The engagement was cancelled, with a reason; previousStatus tells whether capacity had been committed. When the request is restricted, the reason is null unless it is one of the platform's own codes (${PLATFORM_CANCELLATION_REASONS.join(', ')}).`,
      data({
        ...engagement,
        reason: { ...s.nullable(reason), description: `null when the request is restricted, unless the reason is a platform code: ${PLATFORM_CANCELLATION_REASONS.join(', ')}` },
        previousStatus: { enum: ['proposed', 'agreed', 'active'] },
      }),
    ),
    eventContract(t, 'EngagementCompleted', 1, 'Every milestone was confirmed: the provider completed the engagement. It counts as delivered once the State acknowledges it (CompletionAcknowledged).', data(engagement)),
    eventContract(t, 'CompletionAcknowledged', 1, 'The State acknowledged the completion: the engagement counts as delivered.', data(engagement)),
    eventContract(
      t,
      'CompletionContested',
      1,
      'The State contested the completion, with a reason: the engagement is active again, for the provider to complete again.' + WITHHELD,
      data({ ...engagement, reason: withheld(reason) }),
    ),
    eventContract(t, 'MilestonePlanned', 1, 'A delivery milestone was scheduled.', data({ ...milestone, title: s.localizedText, dueDate: s.date })),
    eventContract(t, 'MilestonePlanned', 2, 'A delivery milestone was scheduled. Its title is null when the request is restricted.', data({ ...milestone, title: withheld(s.localizedText), dueDate: s.date })),
    eventContract(t, 'MilestoneReported', 1, 'The provider reported the milestone done.', data(milestone)),
    eventContract(
      t,
      'MilestoneReported',
      2,
      "The provider reported the milestone done, with its notes on what was done (null when it wrote none, or when the request is restricted).",
      data({ ...milestone, notes: withheld(s.localizedText) }),
    ),
    eventContract(t, 'MilestoneConfirmed', 1, 'The State confirmed the milestone was delivered.', data(milestone)),
    eventContract(t, 'MilestoneDisputed', 1, 'The State disputed a reported milestone, with a reason.', data({ ...milestone, reason })),
    eventContract(t, 'MilestoneDisputed', 2, 'The State disputed a reported milestone, with a reason.' + WITHHELD, data({ ...milestone, reason: withheld(reason) })),
    eventContract(t, 'MilestoneDisputeAnswered', 1, "The provider answered the State's dispute of the milestone." + WITHHELD, data({ ...milestone, answer: withheld(reason) })),
    eventContract(
      t,
      'MilestoneDisputeResolved',
      1,
      'The Secretariat resolved the dispute, with a reason: upheld, the milestone is due again on dueDate; dismissed, it is confirmed (dueDate null). The reason is null when the request is restricted.',
      data({ ...milestone, outcome: { enum: ['upheld', 'dismissed'] }, reason: withheld(reason), previousDueDate: s.date, dueDate: s.nullable(s.date) }),
    ),
    eventContract(
      t,
      'MilestoneRescheduled',
      1,
      'The milestone got a new due date, with a reason.',
      data({ ...milestone, previousDueDate: s.date, dueDate: s.date, reason }),
    ),
    eventContract(
      t,
      'MilestoneRescheduled',
      2,
      'The milestone got a new due date, with a reason.' + WITHHELD,
      data({ ...milestone, previousDueDate: s.date, dueDate: s.date, reason: withheld(reason) }),
    ),
  ],
};
