import type { Pool, PoolClient } from 'pg';
import type { CaseOffersEvent, CaseRequestsEvent } from '@ta/contracts';

/** The donor's own tables: what it knows about each case and offer, and which events it has applied. */
export const DONOR_SCHEMA = `
CREATE SCHEMA IF NOT EXISTS donor_view;
CREATE TABLE IF NOT EXISTS donor_view.applied_events (
  event_id uuid PRIMARY KEY,
  topic text NOT NULL, kafka_partition int NOT NULL, kafka_offset bigint NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS donor_view.cases (
  request_id text PRIMARY KEY,
  country text, title jsonb, restricted boolean,
  status text NOT NULL, articles jsonb, ta_types jsonb, priority text, need_met text,
  engagements jsonb NOT NULL DEFAULT '{}'::jsonb,
  events integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS donor_view.offers (
  offer_id text PRIMARY KEY,
  provider_id text, capacity jsonb, remaining bigint, status text NOT NULL,
  events integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS donor_view.rejected_messages (
  id bigserial PRIMARY KEY, topic text NOT NULL, kafka_partition int NOT NULL, kafka_offset bigint NOT NULL,
  errors jsonb NOT NULL, raw text, received_at timestamptz NOT NULL DEFAULT now());`;

export async function migrateDonorStore(pool: Pool): Promise<void> {
  await pool.query(DONOR_SCHEMA);
}

const REQUEST_STATUS: Partial<Record<CaseRequestsEvent['type'], string>> = {
  RequestSubmitted: 'submitted',
  RequestReturnedForClarification: 'clarification',
  RequestClarificationProvided: 'submitted',
  RequestTriaged: 'open',
  RequestDeclined: 'declined',
  RequestWithdrawn: 'withdrawn',
  RequestMatched: 'matched',
  RequestDeliveryStarted: 'in_delivery',
  RequestDelivered: 'delivered',
  RequestFollowUpRecorded: 'followed_up',
  RequestClosed: 'closed',
};

const ENGAGEMENT_STATUS: Partial<Record<CaseRequestsEvent['type'], string>> = {
  EngagementProposed: 'proposed',
  EngagementAgreed: 'agreed',
  EngagementDeclined: 'declined',
  EngagementActivated: 'active',
  EngagementCancelled: 'cancelled',
  EngagementCompleted: 'completed',
  CompletionAcknowledged: 'acknowledged',
  CompletionContested: 'active',
};

/** Upserts one case event into the donor's view (the event is new: the caller checked). */
export async function applyCaseEvent(tx: PoolClient, e: CaseRequestsEvent): Promise<void> {
  const requestId = e.data.requestId;
  if (e.type === 'RequestSubmitted') {
    await tx.query(
      `INSERT INTO donor_view.cases(request_id, country, title, restricted, status, events, updated_at) VALUES ($1, $2, $3, $4, 'submitted', 1, $5)
       ON CONFLICT (request_id) DO UPDATE SET country = $2, title = $3, restricted = $4, events = donor_view.cases.events + 1, updated_at = $5`,
      [requestId, e.data.country, JSON.stringify(e.data.title), e.data.restricted, e.occurredAt],
    );
    return;
  }
  // Later events of a case whose submission this donor never saw (it joined late): a stub row.
  await tx.query(`INSERT INTO donor_view.cases(request_id, status, updated_at) VALUES ($1, 'unknown', $2) ON CONFLICT DO NOTHING`, [requestId, e.occurredAt]);
  await tx.query('UPDATE donor_view.cases SET events = events + 1, updated_at = $2 WHERE request_id = $1', [requestId, e.occurredAt]);
  const status = REQUEST_STATUS[e.type];
  if (status) await tx.query('UPDATE donor_view.cases SET status = $2 WHERE request_id = $1', [requestId, status]);
  if (e.type === 'RequestTriaged') {
    await tx.query('UPDATE donor_view.cases SET articles = $2, ta_types = $3, priority = $4 WHERE request_id = $1', [
      requestId,
      JSON.stringify(e.data.articles),
      JSON.stringify(e.data.taTypes),
      e.data.priority,
    ]);
  }
  // The State changed who may see the case: from now on its texts arrive null (restricted) or again (opened).
  if (e.type === 'RequestAccessChanged') await tx.query('UPDATE donor_view.cases SET restricted = $2 WHERE request_id = $1', [requestId, e.data.restricted]);
  if (e.type === 'RequestFollowUpRecorded') await tx.query('UPDATE donor_view.cases SET need_met = $2 WHERE request_id = $1', [requestId, e.data.needMet]);
  const engagementStatus = ENGAGEMENT_STATUS[e.type];
  if (engagementStatus && 'engagementId' in e.data) {
    await tx.query(`UPDATE donor_view.cases SET engagements = jsonb_set(engagements, ARRAY[$2::text], to_jsonb($3::text)) WHERE request_id = $1`, [
      requestId,
      e.data.engagementId,
      engagementStatus,
    ]);
  }
}

export async function applyOfferEvent(tx: PoolClient, e: CaseOffersEvent): Promise<void> {
  const offerId = e.data.offerId;
  switch (e.type) {
    case 'OfferRegistered': {
      const total = e.data.capacity.kind === 'money' ? e.data.capacity.amount : e.data.capacity.days;
      await tx.query(
        `INSERT INTO donor_view.offers(offer_id, provider_id, capacity, remaining, status, events, updated_at) VALUES ($1, $2, $3, $4, 'open', 1, $5)
         ON CONFLICT (offer_id) DO UPDATE SET provider_id = $2, capacity = $3, remaining = $4, events = donor_view.offers.events + 1, updated_at = $5`,
        [offerId, e.data.providerId, JSON.stringify(e.data.capacity), total, e.occurredAt],
      );
      return;
    }
    case 'CapacityCommitted':
    case 'CapacityReleased':
      await upsertOffer(tx, offerId, e.occurredAt, 'remaining = $3', [e.data.remaining]);
      return;
    case 'OfferWithdrawn':
      await upsertOffer(tx, offerId, e.occurredAt, "status = 'withdrawn'", []);
      return;
    case 'OfferExpired':
      await upsertOffer(tx, offerId, e.occurredAt, "status = 'expired'", []);
      return;
  }
}

async function upsertOffer(tx: PoolClient, offerId: string, at: string, set: string, params: unknown[]): Promise<void> {
  await tx.query(`INSERT INTO donor_view.offers(offer_id, status, updated_at) VALUES ($1, 'unknown', $2) ON CONFLICT DO NOTHING`, [offerId, at]);
  await tx.query(`UPDATE donor_view.offers SET ${set}, events = events + 1, updated_at = $2 WHERE offer_id = $1`, [offerId, at, ...params]);
}
