import { CASE_EVENT_VERSIONS } from '../case-event';
import type { LogProjection } from '../projection';
import { codeList, codeLiteral } from '../../sql';
import { RequestHistoryRow } from './request-history.entity';

/**
 * What the timeline shows of each event besides who, when and why: these keys of its data
 * (`[from, to]` renames one), those present in the event, JSON null included. Never the
 * contact person. Other events about a request show their `engagementId`, when they have one.
 */
export const HISTORY_DETAILS: Readonly<Record<string, ReadonlyArray<string | readonly [string, string]>>> = {
  RequestSubmitted: ['country', ['suggestedArticles', 'articles'], ['suggestedTaTypes', 'taTypes']],
  // the fields the State changed (only those are in the event)
  RequestAmended: ['title', 'description', 'beneficiaryInstitution', 'suggestedArticles', 'suggestedTaTypes', 'preferredLanguages', 'desiredWindow', 'sources', 'statePriority'],
  RequestTriaged: ['articles', 'taTypes', 'priority'],
  RequestReturnedForClarification: ['question'],
  RequestClarificationProvided: ['answer'],
  RequestMatched: ['engagementId'],
  RequestDeliveryStarted: ['engagementId'],
  RequestDelivered: ['engagementId'],
  RequestFollowUpRecorded: ['needMet', 'comment'],
  RequestAccessChanged: ['restricted'],
  EngagementProposed: ['engagementId', 'offerId', 'providerId', 'score', 'reasons'],
  EngagementAccepted: ['engagementId', 'party'],
  EngagementDeclined: ['engagementId', 'party'],
  MilestonePlanned: ['engagementId', 'milestoneId', 'dueDate'],
  MilestoneRescheduled: ['engagementId', 'milestoneId', 'dueDate'],
  MilestoneReported: ['engagementId', 'milestoneId', 'notes'],
  MilestoneConfirmed: ['engagementId', 'milestoneId'],
  MilestoneDisputed: ['engagementId', 'milestoneId'],
  MilestoneDisputeAnswered: ['engagementId', 'milestoneId', 'answer'],
  MilestoneDisputeResolved: ['engagementId', 'milestoneId', 'outcome', 'dueDate'],
  // which text was translated into which language (the translation itself is in case_texts)
  RequestTextTranslated: ['text', 'language'],
  EngagementTextTranslated: ['engagementId', 'text', 'language'],
};

/**
 * The listed keys of `e.data` that are present, renamed where asked, as one jsonb object. When
 * all of them are present (nearly always), one `jsonb_build_object`; otherwise the present ones,
 * picked out of `jsonb_each` (the same object, several times slower: a rebuild computes this for
 * every event of the log).
 */
function pick(keys: ReadonlyArray<string | readonly [string, string]>): string {
  const renames = keys.map((k) => (typeof k === 'string' ? [k, k] : k)).map(([from, to]) => [codeLiteral(from!), codeLiteral(to!)] as const);
  const all = `jsonb_build_object(${renames.map(([from, to]) => `${to}, e.data->${from}`).join(', ')})`;
  const present = `(SELECT coalesce(jsonb_object_agg(m.to_key, d.value), '{}'::jsonb) FROM jsonb_each(e.data) d JOIN (VALUES ${renames
    .map(([from, to]) => `(${from}, ${to})`)
    .join(', ')}) m(from_key, to_key) ON m.from_key = d.key)`;
  return `CASE WHEN e.data ?& ARRAY[${renames.map(([from]) => from).join(', ')}] THEN ${all} ELSE ${present} END`;
}

const details = `CASE e.event_type ${Object.entries(HISTORY_DETAILS)
  .map(([type, keys]) => `WHEN ${codeLiteral(type)} THEN ${pick(keys)}`)
  .join(' ')} ELSE CASE WHEN jsonb_typeof(e.data->'engagementId') = 'string' THEN jsonb_build_object('engagementId', e.data->'engagementId') ELSE '{}'::jsonb END END`;

/**
 * The timeline: append-only, one row per event about a request (its own and its engagements'),
 * computed by PostgreSQL from the event (docs/read-models.md). Timestamps at millisecond
 * precision, as in every read model; without a string `occurredAt`, the time it was recorded.
 */
export const requestHistoryProjection: LogProjection<RequestHistoryRow> = {
  name: 'request_history',
  entity: RequestHistoryRow,
  keyColumn: 'event_id',
  columns: ['event_id', 'request_id', 'event_type', 'actor_id', 'actor_role', 'occurred_at', 'reason', 'details', 'commit_order', 'global_position'],
  select: [
    'e.event_id',
    `e.data->>'requestId'`,
    'e.event_type',
    `coalesce(e.metadata->>'actorId', '')`,
    `coalesce(e.metadata->>'actorRole', '')`,
    `date_trunc('milliseconds', CASE WHEN jsonb_typeof(e.metadata->'occurredAt') = 'string' THEN (e.metadata->>'occurredAt')::timestamptz ELSE e.recorded_at END)`,
    `CASE WHEN jsonb_typeof(e.data->'reason') = 'string' THEN e.data->>'reason' END`,
    details,
    'e.commit_order',
    'e.global_position',
  ],
  // Every schema version of a followed type from 1 to its current one (the details it shows are in all of them).
  where: `e.event_type IN (${codeList(Object.keys(CASE_EVENT_VERSIONS))}) AND e.schema_version >= 1 AND e.schema_version <= CASE e.event_type ${Object.entries(CASE_EVENT_VERSIONS)
    .map(([type, version]) => `WHEN ${codeLiteral(type)} THEN ${version}`)
    .join(' ')} ELSE 0 END AND jsonb_typeof(e.data->'requestId') = 'string'`,
};
