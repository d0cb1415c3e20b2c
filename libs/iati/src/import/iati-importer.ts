import type { Pool } from 'pg';
import { fold, ForbiddenError, IllegalStateError, NotFoundError, PlatformError, ValidationError, type Decider, type DomainEvent } from '@ta/core';
import { offerDecider, offerStreamId, PROVIDER_KIND_OF, type CaseCommands, type OfferEvent, type OfferState } from '@ta/case';
import type { EventStore } from '@ta/event-store';
import type { Actor, CommandContext } from '@ta/platform';
import {
  reportedActivityDecider,
  reportedActivityEventSchemaVersions,
  reportedActivityStreamId,
  type ReportActivity,
  type ReportedActivityCommand,
  type ReportedActivityEvent,
  type ReportedActivityState,
} from '../domain';
import { importedOfferId, planActivity, reportedActivityId, type ActivityPlan, type ImportingProvider } from './iati-import-plan';
import { childNamed, readIatiActivities, type IatiElement, type IatiFileHeader, type IatiReadLimits } from './iati-reader';

/** An activity's plan as the preview shows it: what confirmation would send, by command type. */
type Planned = Exclude<ActivityPlan, { action: 'skip' }>;
type WithoutCommands<T> = T extends unknown ? Omit<T, 'commands'> & { readonly sends: readonly string[] } : never;
export type PreviewedActivity = WithoutCommands<Planned>;
export type PreviewEntry = Extract<ActivityPlan, { action: 'skip' }> | PreviewedActivity;

export interface ImportCounts {
  readonly activities: number;
  readonly create: number;
  readonly update: number;
  readonly unchanged: number;
  readonly not_applied: number;
  /** Reported activities recorded the first time, and updated. */
  readonly record: number;
  readonly update_record: number;
  readonly skip: number;
}

export interface ImportPreview {
  readonly version: string;
  readonly provider: { readonly organisationId: string; readonly iatiIdentifier: string };
  readonly counts: ImportCounts;
  /** Skipped activities by reason. */
  readonly skipped: Readonly<Record<string, number>>;
  readonly activities: readonly PreviewEntry[];
}

export interface ImportOutcome {
  readonly identifier: string;
  /** What the activity became: an offer (`offerId`) or a reported activity (`activityId`). */
  readonly target: 'offer' | 'reported';
  readonly offerId?: string;
  readonly activityId?: string;
  /** `created`: an offer registered; `recorded`: a reported activity recorded the first time; `updated`: either changed. */
  readonly outcome: 'created' | 'recorded' | 'updated' | 'failed';
  /** The refusal's stable code and message when `failed`. */
  readonly code?: string;
  readonly detail?: string;
}

export interface ImportResult extends ImportPreview {
  readonly applied: readonly ImportOutcome[];
}

const PROVIDER_ROLES = new Set(['donor', 'authority']);

/**
 * The import of a provider's IATI activity file (docs/iati.md, "Import"): a preview (nothing
 * written), and a confirmation that first plans the whole file as the preview does (a refused
 * file changes nothing) and then sends the plan's commands through the case's commands, as the
 * provider would through the API: each recorded with the actor, the time and the offer
 * stream's expected version. Keyed by `iati-identifier` through the offer id
 * (`importedOfferId`), so that an import of the same file again sends nothing.
 */
export class IatiImporter {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly commands: CaseCommands,
    private readonly options: { readonly clock?: () => Date; readonly limits?: Partial<IatiReadLimits> } = {},
  ) {}

  /**
   * Whose file it is: a donor or authority imports for its own organisation; the Secretariat
   * previews for any provider (`provider`, a directory id). The provider must have an IATI
   * organisation identifier in the directory.
   */
  async provider(actor: Actor, provider: string | undefined): Promise<ImportingProvider> {
    let id: string;
    if (PROVIDER_ROLES.has(actor.role)) {
      id = actor.organisation ?? '';
      if (provider !== undefined && provider !== id && !(actor.providerIds ?? []).includes(provider)) {
        throw new ForbiddenError('access.not_own_offer', 'A provider imports its own activities only', { provider });
      }
    } else if (actor.role === 'secretariat') {
      if (!provider) throw new ValidationError('request.invalid_query', 'provider: the Secretariat names the provider whose file this is', [{ path: 'provider', message: 'required for the Secretariat' }]);
      id = provider;
    } else {
      throw new ForbiddenError('access.role_not_allowed', `Importing IATI activities is not allowed in the ${actor.role} role`, { role: actor.role });
    }
    const { rows } = await this.pool.query<{ id: string; kind: string; status: string; country: string | null; iati_identifier: string | null }>(
      `SELECT id, kind, status, country, iati_identifier FROM directory.organisations
        WHERE id = $1 OR id = (SELECT organisation_id FROM directory.provider_ids WHERE provider_id = $1) LIMIT 1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('iati.provider_not_found', `No organisation ${id} in the directory`, { provider: id });
    if (!row.iati_identifier) {
      throw new IllegalStateError('iati.provider_unidentified', `The organisation ${row.id} has no IATI organisation identifier in the directory: it is how its activities are recognised in the file`, {
        provider: row.id,
      });
    }
    const kind = PROVIDER_KIND_OF[row.kind as keyof typeof PROVIDER_KIND_OF];
    return { organisationId: row.id, iatiIdentifier: row.iati_identifier, kind, status: row.status, ...(row.country ? { country: row.country } : {}) };
  }

  /** What the file holds and what confirming it would do; writes nothing. */
  async preview(source: AsyncIterable<Buffer | string>, actor: Actor, provider: string | undefined): Promise<ImportPreview> {
    const { preview } = await this.plan(source, actor, provider);
    return preview;
  }

  /**
   * Plans the whole file, then sends each activity's commands. A provider confirms its own
   * file; the Secretariat confirms a provider's on its behalf (`provider` named): the provider's
   * access rules apply to each command, and the events record the Secretariat's user as the
   * actor and the provider as `onBehalfOf`.
   */
  async confirm(source: AsyncIterable<Buffer | string>, actor: Actor, provider: string | undefined, correlationId?: string): Promise<ImportResult> {
    if (!PROVIDER_ROLES.has(actor.role) && actor.role !== 'secretariat') {
      throw new ForbiddenError('access.role_not_allowed', `Only the provider, or the Secretariat on its behalf, confirms an import of its activities, not the ${actor.role}`, { role: actor.role });
    }
    const { preview, plans, provider: importing } = await this.plan(source, actor, provider);
    // The provider's own rule, whoever confirms: only a verified organisation acts on the platform (checked again by each offer command).
    if (importing.status !== undefined && importing.status !== 'verified') {
      throw new ForbiddenError('access.organisation_not_verified', `The organisation ${importing.organisationId} is ${importing.status}: only a verified organisation acts on the platform`, {
        organisation: importing.organisationId,
        status: importing.status,
      });
    }
    const onBehalf = actor.role === 'secretariat' ? { organisation: importing.organisationId, role: importing.kind === 'state_authority' ? ('authority' as const) : ('donor' as const) } : null;
    const ctx: CommandContext = { actor, ...(correlationId ? { correlationId } : {}), ...(onBehalf ? { metadata: { onBehalfOf: onBehalf.organisation } } : {}) };
    const applied: ImportOutcome[] = [];
    for (const plan of plans) {
      if (plan.action === 'skip' || plan.commands.length === 0) continue;
      const ids = plan.target === 'offer' ? { offerId: plan.offer.offerId } : { activityId: plan.reported.activityId };
      try {
        if (plan.target === 'offer') {
          for (const command of plan.commands) {
            if (onBehalf) await this.commands.executeOnBehalfOf(command, ctx, { id: plan.offer.offerId }, onBehalf);
            else await this.commands.execute(command, ctx, { id: plan.offer.offerId });
          }
        } else {
          for (const command of plan.commands) await this.report(command, ctx, importing);
        }
        const outcome = plan.action === 'create' ? 'created' : plan.action === 'record' ? 'recorded' : 'updated';
        applied.push({ identifier: plan.identifier, target: plan.target, ...ids, outcome });
      } catch (e) {
        if (!(e instanceof PlatformError)) throw e;
        if (e.kind === 'forbidden') throw e; // who may import is the same for every activity: the first refusal is the answer
        applied.push({ identifier: plan.identifier, target: plan.target, ...ids, outcome: 'failed', code: e.code, detail: e.message });
      }
    }
    return { ...preview, applied };
  }

  /** A reported activity's command: the importing provider's (or the Secretariat's on its behalf), against the stream's expected version. */
  private report(command: ReportActivity, ctx: CommandContext, provider: ImportingProvider) {
    return this.commands.executor.execute(
      {
        decider: reportedActivityDecider as unknown as Decider<ReportedActivityCommand, DomainEvent, unknown>,
        streamId: reportedActivityStreamId(command.activityId),
        command,
        at: command.at,
        schemaVersions: reportedActivityEventSchemaVersions,
        ids: { id: command.activityId },
        authorize: () => {
          if (command.providerId !== provider.organisationId) throw new ForbiddenError('access.not_own_offer', 'A provider reports its own activities only', { provider: command.providerId });
        },
      },
      ctx,
    );
  }

  private async plan(source: AsyncIterable<Buffer | string>, actor: Actor, providerParam: string | undefined): Promise<{ preview: ImportPreview; plans: ActivityPlan[]; provider: ImportingProvider }> {
    const provider = await this.provider(actor, providerParam);
    const now = (this.options.clock ?? (() => new Date()))();
    const ctx = { provider, today: now.toISOString().slice(0, 10), at: now.toISOString() };
    let header: IatiFileHeader | undefined;
    const plans: ActivityPlan[] = [];
    const seen = new Set<string>();
    for await (const { position, activity } of readIatiActivities(source, { ...(this.options.limits ? { limits: this.options.limits } : {}), onHeader: (h) => (header = h) })) {
      let plan = planActivity(activity, position, ctx, await this.existing(provider, activity), await this.existingReported(provider, activity));
      if (seen.has(plan.identifier)) {
        plan = { action: 'skip', identifier: plan.identifier, position, reason: 'invalid', detail: 'the iati-identifier appears earlier in the file: the first one counts', element: 'iati-identifier' };
      }
      seen.add(plan.identifier);
      plans.push(plan);
    }
    const counts = { activities: plans.length, create: 0, update: 0, unchanged: 0, not_applied: 0, record: 0, update_record: 0, skip: 0 };
    const skipped: Record<string, number> = {};
    for (const p of plans) {
      counts[p.action] += 1;
      if (p.action === 'skip') skipped[p.reason] = (skipped[p.reason] ?? 0) + 1;
    }
    const activities = plans.map((p): PreviewEntry => (p.action === 'skip' ? p : (({ commands, ...rest }) => ({ ...rest, sends: commands.map((c) => c.type) }) as PreviewedActivity)(p)));
    return { preview: { version: header?.version ?? '', provider: { organisationId: provider.organisationId, iatiIdentifier: provider.iatiIdentifier }, counts, skipped, activities }, plans, provider };
  }

  /** The reported activity an earlier import recorded for the activity (`empty` when none). */
  private async existingReported(provider: ImportingProvider, activity: IatiElement): Promise<ReportedActivityState> {
    const identifier = childNamed(activity, 'iati-identifier')?.text;
    if (!identifier) return { status: 'empty' };
    const events = await this.store.readStream(reportedActivityStreamId(reportedActivityId(provider.organisationId, identifier)));
    return fold(reportedActivityDecider, events.map((e) => ({ type: e.type, data: e.data }) as ReportedActivityEvent));
  }

  /** The offer an earlier import created for the activity, folded from its stream (`empty` when none). */
  private async existing(provider: ImportingProvider, activity: IatiElement): Promise<OfferState> {
    const identifier = childNamed(activity, 'iati-identifier')?.text;
    if (!identifier) return { status: 'empty' };
    const offerId = importedOfferId(provider.organisationId, identifier);
    const events = await this.store.readStream(offerStreamId(offerId));
    if (events.length === 0) return { status: 'empty' };
    const state = fold(offerDecider, events.map((e) => ({ type: e.type, data: e.data }) as OfferEvent));
    // an offer of another provider under the same id cannot be (the id is derived from the provider), but never update one
    if (state.status !== 'empty' && state.providerId !== provider.organisationId) return { status: 'empty' };
    return state;
  }
}
