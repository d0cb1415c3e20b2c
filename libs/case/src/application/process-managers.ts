import type { PoolClient } from 'pg';
import { isPlatformError, type PlatformError } from '@ta/core';
import { laterAnnounced, type DurableConsumer, type LogPosition, type PostgresEventStoreHandle, type RecordedEvent } from '@ta/event-store';
import { join } from 'node:path';
import { sqlMigrationSet, type MigrationSet } from '@ta/postgres';
import type { CommandContext, CommandExecutor } from '@ta/platform';
import {
  cancellationForRefusedCommit,
  engagementFlowProcess,
  isEngagementFlowEvent,
  isWithdrawalProcessEvent,
  withdrawalProcess,
  type CaseCommand,
  type ProcessManager,
} from '../domain';
import { specFor } from './case-commands';
import { WITHDRAWAL_PROCESS } from './process-state';

/** The process managers' tables, schema `case_process` (libs/case/migrations/). */
export const processManagerMigrations: MigrationSet = sqlMigrationSet('case_process', join(__dirname, '..', '..', 'migrations'));

interface Registered {
  readonly name: string;
  readonly pm: ProcessManager<never, CaseCommand, unknown>;
  /** The instance key of an event this process handles, or null. */
  keyOf(event: RecordedEvent): string | null;
}

const PROCESSES: readonly Registered[] = [
  {
    name: WITHDRAWAL_PROCESS,
    pm: withdrawalProcess as unknown as ProcessManager<never, CaseCommand, unknown>,
    keyOf: (e) => (isWithdrawalProcessEvent(e) ? ((e.data as { requestId?: string }).requestId ?? null) : null),
  },
  {
    name: 'engagement-flow',
    pm: engagementFlowProcess as unknown as ProcessManager<never, CaseCommand, unknown>,
    keyOf: (e) => (isEngagementFlowEvent(e) ? ((e.data as { engagementId?: string }).engagementId ?? null) : null),
  },
];

export const PROCESS_MANAGERS_CONSUMER = 'case-process-managers';

/**
 * The process managers as a durable consumer of the event store (register it with the
 * process's consumers). They append inside the batch transaction: the other consumers are
 * woken once it committed.
 */
export function createProcessManagers(eventStore: PostgresEventStoreHandle, executor: CommandExecutor, options: { onError?: (e: unknown) => void } = {}): DurableConsumer {
  // The last event the batch appended (null: appended, position unknown; undefined: nothing):
  // the other consumers are woken only by a batch that appended, and told how far.
  let appended: LogPosition | null | undefined;
  const handle = processManagerHandler(executor, (at) => {
    appended = laterAnnounced(appended, at);
  });
  return eventStore.consumer({
    name: PROCESS_MANAGERS_CONSUMER,
    handle: (events, tx) => {
      appended = undefined;
      return handle(events, tx);
    },
    // Small batches: the batch's transaction holds the lock of every stream it appended to until
    // it commits, and holds back the other consumers' read horizon. bench:http, two runs each:
    // at 200 events a batch, 269 and 263 commands/s with p99 545 and 589 ms; at 20, 304 and 289
    // commands/s with p99 333 and 366 ms (docs/benchmarks.md, "Fourth pass").
    batchSize: 20,
    afterCommit: () => {
      if (appended !== undefined) eventStore.store.notifyAppended(appended);
    },
    ...(options.onError ? { onError: options.onError } : {}),
  });
}

/**
 * Runs the case's process managers inside a durable consumer's batch transaction: their
 * state, the commands' events and the checkpoint commit together, so each event is handled
 * exactly once even across crashes. Commands go to their aggregates with the expected
 * version like any other; a concurrent user command makes the batch roll back and retry.
 */
export function processManagerHandler(executor: CommandExecutor, onAppended: (at: LogPosition | null) => void = () => undefined) {
  return async (events: readonly RecordedEvent[], tx: PoolClient): Promise<void> => {
    // The instances the batch touches: their states read in one query, evolved in memory event
    // by event, written back in one statement at the end (same transaction: nothing is lost or
    // repeated), instead of a read and a write per event (docs/benchmarks.md, bench:http). The
    // commands dispatched in between run as the system actor, which reads no process state.
    const touched = new Map<string, { readonly p: Registered; readonly key: string }>();
    for (const event of events) {
      for (const p of PROCESSES) {
        const key = p.keyOf(event);
        if (key !== null) touched.set(instance(p.name, key), { p, key });
      }
    }
    if (touched.size === 0) return;
    const wanted = [...touched.values()];
    const loaded = await tx.query<{ process: string; key: string; state: unknown }>(
      'SELECT s.process, s.key, s.state FROM case_process.state s JOIN unnest($1::text[], $2::text[]) AS w(process, key) ON s.process = w.process AND s.key = w.key',
      [wanted.map((w) => w.p.name), wanted.map((w) => w.key)],
    );
    const states = new Map<string, unknown>(loaded.rows.map((r) => [instance(r.process, r.key), r.state]));
    for (const event of events) {
      for (const p of PROCESSES) {
        const key = p.keyOf(event);
        if (key === null) continue;
        const id = instance(p.name, key);
        const before = states.has(id) ? states.get(id) : p.pm.initialState();
        const input = { type: event.type, data: event.data } as never;
        const commands = p.pm.decide(input, before);
        // As it will read back from its jsonb column.
        states.set(id, JSON.parse(JSON.stringify(p.pm.evolve(before, input))));
        for (const command of commands) await dispatch(executor, tx, p.name, event, command, onAppended);
      }
    }
    await tx.query(
      `INSERT INTO case_process.state(process, key, state)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
       ON CONFLICT (process, key) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
      [wanted.map((w) => w.p.name), wanted.map((w) => w.key), wanted.map((w) => JSON.stringify(states.get(instance(w.p.name, w.key))))],
    );
  };
}

const instance = (process: string, key: string) => `${process}\u0000${key}`;

async function dispatch(
  executor: CommandExecutor,
  tx: PoolClient,
  process: string,
  event: RecordedEvent,
  command: CaseCommand,
  onAppended: (at: LogPosition | null) => void,
): Promise<void> {
  const actor = { id: `process:${process}`, role: 'system' } as const;
  const ctx: CommandContext = {
    actor,
    correlationId: event.metadata.correlationId,
    causationId: event.id,
  };
  try {
    const done = await executor.executeWithin(tx, specFor(command, actor), ctx);
    if (done.events.length > 0) onAppended(done.logPosition);
  } catch (e) {
    // Concurrency and database errors abort the batch (it is retried); domain refusals do not.
    if (!isPlatformError(e) || e.kind === 'concurrency') throw e;
    if (command.type === 'CommitCapacity') {
      const cancel = cancellationForRefusedCommit(command, e);
      if (cancel) {
        await dispatch(executor, tx, process, event, cancel, onAppended);
        return;
      }
    }
    await deadLetter(tx, process, event, command, e);
  }
}

async function deadLetter(tx: PoolClient, process: string, event: RecordedEvent, command: CaseCommand, e: PlatformError): Promise<void> {
  await tx.query('INSERT INTO case_process.dead_letters(process, event_id, command, code, message) VALUES ($1, $2, $3, $4, $5)', [
    process,
    event.id,
    JSON.stringify(command),
    e.code,
    e.message,
  ]);
}
