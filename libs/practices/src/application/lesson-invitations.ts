import type { Pool } from 'pg';
import { ForbiddenError, NotFoundError, type Decider, type DomainEvent } from '@ta/core';
import type { Actor, CommandContext, CommandExecutor, CommandResult } from '@ta/platform';
import { lessonInvitationDecider, lessonInvitationEventSchemaVersions, lessonInvitationStreamId, type LessonInvitationCommand, type LessonParty } from '../domain';
import { engagementFacts, type EngagementFacts } from './lesson-engagements';
import { PRACTICE_COLUMNS, type PracticeDbRow } from './practices-projector';
import { practiceView, type PracticeView } from './practices-queries';

/** A step "record what worked and what did not" awaiting a party of a delivered engagement. */
export interface LessonInvitation {
  readonly engagementId: string;
  readonly requestId: string;
  /** The party the reader stands for in the engagement. */
  readonly party: LessonParty;
  readonly providerId: string;
  readonly country: string;
  readonly deliveredAt: string;
}

const DELIVERED = new Set(['completed', 'acknowledged']);

/** The party the actor stands for in the engagement (the State, or the provider under its organisation or an old provider id), or null. */
export function lessonPartyOf(actor: Actor, f: Pick<EngagementFacts, 'providerId' | 'country'>): LessonParty | null {
  if (actor.role === 'state') return actor.country !== undefined && actor.country === f.country ? 'state' : null;
  if (actor.organisation !== undefined && (actor.organisation === f.providerId || (actor.providerIds ?? []).includes(f.providerId))) return 'provider';
  return null;
}

/** The provider ids an organisation's actor stands for (its organisation and the old ids the directory maps to it). */
const providerIdsOf = (actor: Actor): string[] => (actor.organisation ? [actor.organisation, ...(actor.providerIds ?? [])] : []);

/**
 * The invitations to record a lesson: dismissed through a stream of their own
 * (`lesson-invitation-<engagementId>`), read from `practices.lesson_invitations`.
 */
export class LessonInvitations {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly store: { readStream(id: string): Promise<ReadonlyArray<{ type: string; data: unknown }>> },
    private readonly pool: Pool,
  ) {}

  /**
   * A party dismisses the step (it has no lesson to record). An engagement the actor took no part
   * in is 404, never told apart from one that does not exist; one not delivered yet is 409.
   */
  async dismiss(engagementId: string, at: string, ctx: CommandContext): Promise<CommandResult> {
    if (ctx.actor.role !== 'state' && ctx.actor.role !== 'donor' && ctx.actor.role !== 'authority') {
      throw new ForbiddenError('access.role_not_allowed', 'The step is dismissed by a party of the engagement: its provider or the recipient State');
    }
    const [facts] = await engagementFacts(this.store, [engagementId]);
    const party = facts ? lessonPartyOf(ctx.actor, facts) : null;
    if (!facts || !party) throw new NotFoundError('practice.engagement_not_found', 'No engagement of yours has this id');
    const command: LessonInvitationCommand = { type: 'DismissLessonInvitation', engagementId, party, delivered: DELIVERED.has(facts.status), at };
    return this.executor.execute(
      {
        decider: lessonInvitationDecider as unknown as Decider<LessonInvitationCommand, DomainEvent, unknown>,
        streamId: lessonInvitationStreamId(engagementId),
        command,
        at,
        schemaVersions: lessonInvitationEventSchemaVersions,
        ids: { id: engagementId },
      },
      ctx,
    );
  }

  /**
   * The steps awaiting the actor: for a State or a provider, its delivered engagements for which
   * it has neither recorded a lesson (a practice of its own, not withdrawn, naming the engagement)
   * nor dismissed the step; for the Secretariat, the lessons recorded and not yet published.
   */
  async awaiting(actor: Actor): Promise<{ invitations: LessonInvitation[]; toReview: PracticeView[] }> {
    if (actor.role === 'secretariat') {
      const { rows } = await this.pool.query<PracticeDbRow>(
        `SELECT ${PRACTICE_COLUMNS} FROM practices.practices WHERE kind = 'lesson_learned' AND status IN ('submitted', 'under_review') ORDER BY submitted_at, id LIMIT 200`,
      );
      return { invitations: [], toReview: rows.map(practiceView) };
    }
    let party: LessonParty;
    let mine: string;
    let ownLesson: string;
    const params: unknown[] = [];
    if (actor.role === 'state' && actor.country) {
      party = 'state';
      params.push(actor.country);
      mine = 'i.country = $1';
      ownLesson = 'p.contributor_organisation IS NULL AND p.contributor_country = $1';
    } else if ((actor.role === 'donor' || actor.role === 'authority') && actor.organisation) {
      party = 'provider';
      params.push(providerIdsOf(actor), actor.organisation);
      mine = 'i.provider_id = ANY($1::text[])';
      ownLesson = 'p.contributor_organisation = $2';
    } else {
      return { invitations: [], toReview: [] };
    }
    const { rows } = await this.pool.query<{ engagement_id: string; request_id: string; provider_id: string; country: string; delivered_at: Date }>(
      `SELECT i.engagement_id, i.request_id, i.provider_id, i.country, i.delivered_at FROM practices.lesson_invitations i
        WHERE ${mine} AND i.delivered_at IS NOT NULL AND NOT ($${params.push(party)} = ANY(i.dismissed_by))
          AND NOT EXISTS (SELECT 1 FROM practices.practices p WHERE i.engagement_id = ANY(p.engagement_ids) AND p.status <> 'withdrawn' AND ${ownLesson})
        ORDER BY i.delivered_at, i.engagement_id LIMIT 200`,
      params,
    );
    return {
      invitations: rows.map((r) => ({ engagementId: r.engagement_id, requestId: r.request_id, party, providerId: r.provider_id, country: r.country, deliveredAt: r.delivered_at.toISOString() })),
      toReview: [],
    };
  }
}
