import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { ConcurrencyError, fold, IllegalStateError, NotFoundError, ValidationError, type Decider, type DomainEvent } from '@ta/core';
import { ExpectedVersion, translateAppendError, validateAppend, type AppendResult, type NewEvent, type PostgresEventStore, type RecordedEvent } from '@ta/event-store';
import { sqlMigrationSet, withTransaction, type MigrationSet } from '@ta/postgres';
import type { Actor } from './actor';

/** The command log's table, `commands.idempotency_keys` (libs/platform/migrations/). */
export const commandMigrations: MigrationSet = sqlMigrationSet('commands', join(__dirname, '..', '..', 'migrations'));

/** What the caller's request brings besides the command itself. */
export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  /** `If-Match`: the stream version the client saw. Stale: 412. */
  readonly ifMatch?: number;
  /** `Idempotency-Key`: a retry returns the first result and appends nothing. */
  readonly idempotencyKey?: string;
  /** Identifies the request (route + body) so that a key reused for another request is refused. */
  readonly requestFingerprint?: unknown;
  /** Extra keys for the events' metadata (e.g. `onBehalfOf` when the Secretariat acts for a provider). */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface CommandResult {
  readonly streamId: string;
  /** Ids the command created (the new request's id, a milestone's id...), replayed as they were. */
  readonly ids: Readonly<Record<string, string>>;
  /** The stream version after the command (its ETag). */
  readonly version: number;
  /** Global position of the last appended event (or of the stream's last event, if none). */
  readonly globalPosition: number;
  readonly logPosition: { commit: string; position: number } | null;
  readonly events: readonly string[];
  /**
   * The correlation id of the command's events (X-Correlation-Id, or a new one): the platform's
   * own steps that follow carry it too. Absent from answers recorded before it was kept.
   */
  readonly correlationId?: string;
  /** True when answered from an earlier request with the same idempotency key. */
  readonly replayed?: boolean;
}

export interface CommandSpec<C, E extends DomainEvent, S> {
  readonly decider: Decider<C, E, S>;
  readonly streamId: string;
  readonly command: C;
  /** Event type -> schema version. */
  readonly schemaVersions: Readonly<Record<string, number>>;
  /** The stream must exist (every command but the creating one); else NotFoundError with this code. */
  readonly notFoundCode?: string;
  /** When the command happened (the same instant as the command's own time); default: now. */
  readonly at?: string;
  /** Ids this command creates, returned in the result (and again on an idempotent replay). */
  readonly ids?: Readonly<Record<string, string>>;
  /**
   * Whether the actor may know that the target exists at all (a restricted case, say); asked
   * only when the stream exists and `notFoundCode` is set. When it may not, the command gets
   * exactly the answer of a stream that does not exist, at the same point: before `authorize`,
   * `If-Match` and `decide`, and after the idempotency key is claimed, so that no header or
   * key tells the two apart.
   */
  readonly mayKnow?: (state: S, tx: TransactionReads) => Promise<boolean>;
  /** Access check on the loaded state, before anything is decided (throws ForbiddenError). */
  readonly authorize?: (state: S) => void;
  /**
   * The decided events as they are to be stored, inside the command's transaction, just before
   * the append: personal data sealed with its subject's key (docs/audit.md, "Erasure").
   */
  readonly prepare?: (events: readonly NewEvent[], tx: PoolClient) => Promise<readonly NewEvent[]>;
}

/** Reads inside the command's transaction, for a check that needs more than the target stream. */
export interface TransactionReads {
  /** The transaction's connection, for a lookup in another table. */
  readonly db: PoolClient;
  readStream(streamId: string): Promise<RecordedEvent[]>;
}

const KEY = /^[\x21-\x7e]{1,200}$/;
const MAX_RETRIES = 3;

/**
 * Load, decide, append with the expected version, return. In this order: look up the
 * idempotency key (an earlier answer is returned as it was), load the stream, 404 when it does
 * not exist or the actor may not know it (`mayKnow`), `authorize`, If-Match, decide, append.
 * With an idempotency key, the key is stored in the same transaction as the append (one
 * statement, `commands.append_once`; with a `prepare` step, claimed first in the command's
 * transaction): a concurrent duplicate waits for the first, then gets its result. Without
 * If-Match, a lost race is retried against the new state (the command may still be valid, or
 * now be illegal: 409).
 */
export class CommandExecutor {
  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute<C, E extends DomainEvent, S>(spec: CommandSpec<C, E, S>, ctx: CommandContext): Promise<CommandResult> {
    if (ctx.idempotencyKey !== undefined && !KEY.test(ctx.idempotencyKey)) {
      throw new ValidationError('idempotency.invalid_key', 'Idempotency-Key must be 1-200 printable characters');
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(spec, ctx);
      } catch (e) {
        const retry = e instanceof ConcurrencyError && e.code === 'event_store.wrong_expected_version' && ctx.ifMatch === undefined && attempt < MAX_RETRIES;
        if (!retry) throw e;
      }
    }
  }

  /**
   * One try, without a transaction of its own unless the spec has a `prepare` step: the reads
   * (the key's earlier answer, the stream, `mayKnow`'s) each on their own, then the append alone
   * in one statement, which enforces the expected version under the stream's lock (a read outside
   * the append's transaction is no weaker: at READ COMMITTED each statement had its own snapshot
   * anyway). Without a key the append goes through the store's group commit; with one, through
   * `commands.append_once`, which stores the key and the answer with the events. A duplicate that
   * ran at the same moment and committed first (the key is taken, or the stream moved): its answer.
   */
  private async attempt<C, E extends DomainEvent, S>(spec: CommandSpec<C, E, S>, ctx: CommandContext): Promise<CommandResult> {
    if (spec.prepare) return this.attemptInTransaction(spec, ctx);
    const key = ctx.idempotencyKey;
    const hash = key === undefined ? '' : requestHash(ctx);
    const client = await this.pool.connect();
    let decision: Decision;
    try {
      if (key !== undefined) {
        const earlier = await this.earlierAnswer(client, ctx, hash);
        if (earlier) return { ...earlier, replayed: true };
      }
      try {
        decision = await this.decideWithin(client, spec, ctx);
      } catch (refusal) {
        // The key was read before the stream, each in its own snapshot: a duplicate that committed
        // in between moved the stream (so this one is refused: already triaged, say) and stored
        // its answer in the same commit, which is now visible. Its answer, not the refusal.
        const earlier = key === undefined ? null : await this.earlierAnswer(client, ctx, hash);
        if (earlier) return { ...earlier, replayed: true };
        throw refusal;
      }
    } finally {
      client.release();
    }
    if (decision.append === null) {
      if (key === undefined) return decision.result;
      const { rowCount } = await this.pool.query(
        `INSERT INTO commands.idempotency_keys(actor_id, key, request_hash, response) VALUES ($1, $2, $3, $4) ON CONFLICT (actor_id, key) DO NOTHING`,
        [ctx.actor.id, key, hash, JSON.stringify(decision.result)],
      );
      if (rowCount === 1) return decision.result;
      return { ...(await this.earlierAnswerOrFail(ctx, hash, null)), replayed: true };
    }
    const { streamId, events, expected } = decision.append;
    const base = decision.result;
    if (key === undefined) {
      const appended = await this.store.append(streamId, events, expected);
      return { ...base, version: appended.version, globalPosition: appended.lastGlobalPosition, logPosition: appended.logPosition };
    }
    const payload = validateAppend(streamId, events, expected);
    let row: { version: string; last_global_position: string; commit_order: string };
    try {
      const { rows } = await this.pool.query<typeof row>({
        name: 'commands_append_once',
        text: 'SELECT version, last_global_position, commit_order FROM commands.append_once($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)',
        values: [ctx.actor.id, key, hash, streamId, expected.kind, expected.kind === 'exact' ? expected.version : null, payload, JSON.stringify(base)],
      });
      row = rows[0]!;
    } catch (e) {
      const refusal = (e as { code?: string }).code === 'IK409' ? null : translateAppendError(e, streamId);
      if (refusal !== null && !(refusal instanceof ConcurrencyError)) throw refusal;
      // The key was taken, or the stream moved, by a request that committed first: if that was a
      // duplicate of this one, its answer; if not, the stream's conflict (retried without If-Match).
      return { ...(await this.earlierAnswerOrFail(ctx, hash, refusal)), replayed: true };
    }
    const position = Number(row.last_global_position);
    const logPosition = { commit: row.commit_order, position };
    this.store.notifyAppended(logPosition);
    return { ...base, version: Number(row.version), globalPosition: position, logPosition };
  }

  /** The earlier answer for this key, or `otherwise` thrown (an IK409 with no key found cannot happen: the key is never deleted). */
  private async earlierAnswerOrFail(ctx: CommandContext, hash: string, otherwise: unknown): Promise<CommandResult> {
    const client = await this.pool.connect();
    try {
      const earlier = await this.earlierAnswer(client, ctx, hash);
      if (earlier) return earlier;
    } finally {
      client.release();
    }
    throw otherwise ?? new Error(`idempotency key ${ctx.idempotencyKey} taken, but not found`);
  }

  /** The answer stored for the key, or null; a key used for another request is refused. */
  private async earlierAnswer(client: PoolClient, ctx: CommandContext, hash: string): Promise<CommandResult | null> {
    const { rows } = await client.query<{ request_hash: string; response: CommandResult }>({
      name: 'commands_earlier_answer',
      text: 'SELECT request_hash, response FROM commands.idempotency_keys WHERE actor_id = $1 AND key = $2',
      values: [ctx.actor.id, ctx.idempotencyKey],
    });
    if (rows.length === 0) return null;
    if (rows[0]!.request_hash !== hash) {
      throw new IllegalStateError('idempotency.key_reused', 'This Idempotency-Key was already used for a different request');
    }
    return rows[0]!.response;
  }

  /** The spec with a `prepare` step (it writes): claim, load, decide, prepare, append and answer in one transaction. */
  private async attemptInTransaction<C, E extends DomainEvent, S>(spec: CommandSpec<C, E, S>, ctx: CommandContext): Promise<CommandResult> {
    const result = await withTransaction(this.pool, async (client) => {
      if (ctx.idempotencyKey !== undefined) {
        // A replay wrote nothing: committing its transaction changes nothing.
        const earlier = await this.claimKey(client, ctx);
        if (earlier) return { ...earlier, replayed: true };
      }
      const done = await this.executeWithin(client, spec, ctx);
      if (ctx.idempotencyKey !== undefined) {
        await client.query('UPDATE commands.idempotency_keys SET response = $3 WHERE actor_id = $1 AND key = $2', [
          ctx.actor.id,
          ctx.idempotencyKey,
          JSON.stringify(done),
        ]);
      }
      return done;
    });
    if (result.events.length > 0 && result.replayed !== true) this.store.notifyAppended(result.logPosition);
    return result;
  }

  /** Returns the earlier result for this key, or null once the key is ours (see `requestHash`). */
  private async claimKey(client: PoolClient, ctx: CommandContext): Promise<CommandResult | null> {
    const hash = requestHash(ctx);
    // Blocks while a concurrent request holds the same key, until it commits or rolls back.
    const inserted = await client.query(
      `INSERT INTO commands.idempotency_keys(actor_id, key, request_hash, response) VALUES ($1, $2, $3, 'null')
       ON CONFLICT (actor_id, key) DO NOTHING`,
      [ctx.actor.id, ctx.idempotencyKey, hash],
    );
    if (inserted.rowCount === 1) return null;
    const { rows } = await client.query<{ request_hash: string; response: CommandResult }>(
      'SELECT request_hash, response FROM commands.idempotency_keys WHERE actor_id = $1 AND key = $2',
      [ctx.actor.id, ctx.idempotencyKey],
    );
    if (rows[0]!.request_hash !== hash) {
      throw new IllegalStateError('idempotency.key_reused', 'This Idempotency-Key was already used for a different request');
    }
    return rows[0]!.response;
  }

  /**
   * Load, decide and append inside the caller's transaction (a process manager's batch, say).
   * The caller commits and then calls `store.notifyAppended()`.
   */
  async executeWithin<C, E extends DomainEvent, S>(client: PoolClient, spec: CommandSpec<C, E, S>, ctx: CommandContext): Promise<CommandResult> {
    const decision = await this.decideWithin(client, spec, ctx);
    if (decision.append === null) return decision.result;
    const { streamId, events, expected } = decision.append;
    const stored = spec.prepare ? await spec.prepare(events, client) : events;
    const appended: AppendResult = await this.store.appendWith(client, streamId, stored, expected);
    return { ...decision.result, version: appended.version, globalPosition: appended.lastGlobalPosition, logPosition: appended.logPosition };
  }

  /** Load, check and decide on `client`: the answer when nothing is to be appended, else the append to make. */
  private async decideWithin<C, E extends DomainEvent, S>(client: PoolClient, spec: CommandSpec<C, E, S>, ctx: CommandContext): Promise<Decision> {
    const history = await this.store.readStreamWith(client, spec.streamId);
    const version = history.length;
    const notFound = (code: string) => new NotFoundError(code, `${spec.streamId} does not exist`, { streamId: spec.streamId });
    if (version === 0 && spec.notFoundCode) throw notFound(spec.notFoundCode);
    const state = fold(spec.decider, history.map((e) => ({ type: e.type, data: e.data }) as E));
    if (spec.notFoundCode && spec.mayKnow) {
      const reads: TransactionReads = { db: client, readStream: (streamId) => this.store.readStreamWith(client, streamId) };
      if (!(await spec.mayKnow(state, reads))) throw notFound(spec.notFoundCode);
    }
    spec.authorize?.(state);
    if (ctx.ifMatch !== undefined && ctx.ifMatch !== version) {
      throw new ConcurrencyError('command.stale_version', `${spec.streamId} is at version ${version}, not ${ctx.ifMatch}`, {
        streamId: spec.streamId,
        expected: ctx.ifMatch,
        actual: version,
      });
    }
    const decided = spec.decider.decide(spec.command, state);
    const last = history.at(-1);
    const correlationId = ctx.correlationId ?? randomUUID();
    const unchanged: CommandResult = {
      streamId: spec.streamId,
      ids: spec.ids ?? {},
      version,
      globalPosition: last?.globalPosition ?? 0,
      logPosition: last?.logPosition ?? null,
      events: decided.map((e) => e.type),
      correlationId,
    };
    if (decided.length === 0) return { result: unchanged, append: null };
    const occurredAt = spec.at ?? this.now().toISOString();
    const events: NewEvent[] = decided.map((e) => ({
      id: randomUUID(),
      type: e.type,
      schemaVersion: spec.schemaVersions[e.type] ?? 1,
      data: e.data,
      metadata: {
        actorId: ctx.actor.id,
        actorRole: ctx.actor.role,
        correlationId,
        causationId: ctx.causationId ?? null,
        occurredAt,
        ...(ctx.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey } : {}),
        ...ctx.metadata,
      },
    }));
    const expected = version === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(version);
    // `result`'s version and positions are the append's, filled in once it is made.
    return { result: unchanged, append: { streamId: spec.streamId, events, expected } };
  }
}

/** What `decideWithin` found: nothing to append (the answer as it is), or the append to make. */
interface Decision {
  readonly result: CommandResult;
  readonly append: { readonly streamId: string; readonly events: NewEvent[]; readonly expected: ExpectedVersion } | null;
}

/**
 * Identifies the request a key was used for. A key is its actor's (`actor_id`, the token's
 * `sub`), and the hash covers the actor's role, country and organisation too: the same `sub`
 * acting with other rights gets `idempotency.key_reused`, never an answer given to the other
 * identity.
 */
function requestHash(ctx: CommandContext): string {
  const { role, country, organisation } = ctx.actor;
  return createHash('sha256')
    .update(JSON.stringify({ actor: { role, country: country ?? null, organisation: organisation ?? null }, request: ctx.requestFingerprint ?? null }))
    .digest('hex');
}
