import { EventEmitter } from 'node:events';
import type { Pool, PoolClient } from 'pg';
import { laterAnnounced, type LogPosition } from '../event-store.port';

export const APPEND_CHANNEL = 'event_store_appended';

/** How soon a lost LISTEN connection is tried again. */
const RELISTEN_MS = 500;

/**
 * Wakes consumers when events are appended, in this process and others.
 *
 * NOTIFY inside the appending transaction would take PostgreSQL's global notify lock at
 * every commit and serialise all appenders (no group commit). Instead, after a commit the
 * appender pokes this notifier, which sends at most one NOTIFY per tick on its own
 * connection. Consumers LISTEN on the same channel; they also poll, so a lost notification
 * (a dropped connection, an appender killed between commit and NOTIFY) only delays them.
 *
 * A wake-up says, when the appender knew it, how far the log is committed: the last appended
 * event's position (the NOTIFY's payload `<commit>:<position>`, the latest of the tick's
 * appends). A consumer that has already read past it need not read again: without it, each
 * append woke every consumer twice in the appender's process (the local wake-up, then its own
 * NOTIFY) and the second read found nothing (docs/event-store.md, "Durable consumers").
 * `null`: not known (an append inside a caller's transaction, another adapter): read.
 */
export class AppendNotifier {
  private readonly local = new EventEmitter();
  private listener: PoolClient | null = null;
  private connecting: Promise<void> | null = null;
  private pending = false;
  /** The latest position announced since the last NOTIFY, or null once a wake-up without one came. */
  private pendingUpTo: LogPosition | null | undefined = undefined;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly pool: Pool) {
    this.local.setMaxListeners(100);
  }

  /** After a commit: wake this process's subscribers now, and other processes' in this tick. `upTo`: the last event appended, if known. */
  notifyAppended(upTo: LogPosition | null = null): void {
    this.local.emit('appended', upTo);
    this.pendingUpTo = laterAnnounced(this.pendingUpTo, upTo);
    if (this.pending || this.closed) return;
    this.pending = true;
    setImmediate(() => {
      const announced = this.pendingUpTo;
      this.pending = false;
      this.pendingUpTo = undefined;
      if (this.closed) return;
      const payload = announced ? `${announced.commit}:${announced.position}` : '';
      this.pool.query('SELECT pg_notify($1, $2)', [APPEND_CHANNEL, payload]).catch(() => undefined);
    });
  }

  /** Subscribe to wake-ups (local and from other processes). Returns an unsubscribe. */
  onAppended(callback: (upTo: LogPosition | null) => void): () => void {
    this.local.on('appended', callback);
    void this.ensureListening();
    return () => this.local.off('appended', callback);
  }

  private ensureListening(): Promise<void> {
    // One LISTEN connection per notifier, however many subscribers start at once.
    this.connecting ??= this.listen().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async listen(): Promise<void> {
    if (this.listener || this.closed) return;
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch {
      return; // polling covers it; the next subscriber tries again
    }
    if (this.closed) {
      client.release();
      return;
    }
    this.listener = client;
    client.on('notification', (message) => this.local.emit('appended', announcedPosition(message.payload)));
    client.on('error', () => {
      // The connection is gone (a database restart, say): polling covers the gap; listen again.
      if (this.listener !== client) return;
      this.listener = null;
      client.release(true);
      this.relisten();
    });
    try {
      await client.query(`LISTEN ${APPEND_CHANNEL}`);
    } catch {
      if (this.listener === client) this.listener = null;
      client.release(true);
      this.relisten();
    }
  }

  /**
   * Listens again after the connection was lost, while anyone subscribes: every RELISTEN_MS
   * until it works (the consumers poll meanwhile). Without it, after a database outage the
   * consumers would be woken by their poll only, for as long as the process runs.
   */
  private relisten(): void {
    if (this.closed || this.retry || this.local.listenerCount('appended') === 0) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.ensureListening().then(() => {
        if (!this.listener) this.relisten();
      });
    }, RELISTEN_MS);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.local.removeAllListeners();
    await this.connecting;
    const client = this.listener;
    this.listener = null;
    if (client) {
      await client.query(`UNLISTEN ${APPEND_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }
}

/** The position a NOTIFY announces (`<commit>:<position>`), or null (none, or not one of ours). */
export function announcedPosition(payload: string | undefined): LogPosition | null {
  const m = /^(\d{1,20}):(\d{1,16})$/.exec(payload ?? '');
  if (!m) return null;
  const position = Number(m[2]);
  return Number.isSafeInteger(position) ? { commit: m[1]!, position } : null;
}
