import type { Pool, PoolClient } from 'pg';
import { eventAt, eventHash, LOG_START, readCanonicalPage, type CanonicalEvent } from '@ta/event-store';
import { withTransaction } from '@ta/postgres';
import {
  AUDIT_SEALS_STREAM,
  GENESIS_HASH,
  LOG_SEALED,
  compareLogPoints,
  leafOf,
  merkleRoot,
  sealHash,
  type LogPoint,
} from '../domain';
import type { ExternalSeal } from './external-seals';
import { sealRepository, type StoredSeal } from './seal.repository';

export type BrokenLinkKind =
  /** The event's stored hash is not the hash of its content chained to its predecessor. */
  | 'hash_mismatch'
  /** A stream position is absent. */
  | 'missing_position'
  /** A stream's events are not in stream order in the all-stream, or a position repeats. */
  | 'reordered'
  /** The events of a sealed block are not the ones sealed (edited, deleted, inserted, reordered). */
  | 'seal_root_mismatch'
  /** A seal's hash is not the hash of its own fields. */
  | 'seal_hash_mismatch'
  /** A seal does not follow the previous one (number or previous hash). */
  | 'seal_chain_broken'
  /** A seal and its LogSealed event in the log disagree, or one of them is missing. */
  | 'seal_event_mismatch'
  /** A seal kept outside the platform differs from the platform's seal of that number. */
  | 'external_seal_mismatch'
  /** A seal kept outside the platform is absent from the platform (history truncated or replaced). */
  | 'external_seal_missing';

export interface BrokenLink {
  readonly kind: BrokenLinkKind;
  readonly message: string;
  readonly streamId?: string;
  readonly streamPosition?: number;
  readonly globalPosition?: number;
  readonly commitOrder?: string;
  readonly eventId?: string;
  readonly sealNo?: number;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly checkedEvents: number;
  readonly checkedStreams: number;
  readonly checkedSeals: number;
  /** Events after the last seal: covered by their streams' chains only, not yet by a seal. */
  readonly unsealedEvents: number;
  readonly lastSeal: { readonly sealNo: number; readonly sealHash: string; readonly last: LogPoint } | null;
  readonly externalSealsChecked: number;
  /** How many broken links were found (the walk goes on after the first). */
  readonly brokenLinks: number;
  /** The first broken link, in the order of the walk (see docs/audit.md). */
  readonly firstBroken?: BrokenLink;
  /** Up to 20 broken links, in the order found. */
  readonly problems: readonly BrokenLink[];
  readonly durationMs: number;
}

export interface VerifyOptions {
  /** Seals kept outside the platform (from `ta.audit.seals`), compared with the platform's. */
  readonly externalSeals?: readonly ExternalSeal[];
  /** Events read per query. */
  readonly pageSize?: number;
}

type Block = Array<{ leaf: Buffer; hash: Buffer; ref: EventRef }>;

interface EventRef {
  readonly streamId: string;
  readonly streamPosition: number;
  readonly globalPosition: number;
  readonly commitOrder: string;
  readonly eventId: string;
}

const MAX_LISTED = 20;

/**
 * Recomputes every stream's hash chain (in TypeScript, from the stored fields; only the
 * jsonb-to-text rendering is PostgreSQL's) and every seal's Merkle root and chain, walking
 * the all-stream once in order inside one read-only snapshot, and names the broken links.
 */
export async function verifyLog(pool: Pool, options: VerifyOptions = {}): Promise<VerificationReport> {
  const started = performance.now();
  return withTransaction(
    pool,
    async (client) => {
      const walk = new LogWalk(client, await sealRepository.all(client));
      await walk.run(options.pageSize ?? 2000);
      walk.checkSealEvents();
      walk.checkExternal(options.externalSeals ?? []);
      return walk.report(performance.now() - started, options.externalSeals?.length ?? 0);
    },
    { begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' },
  );
}

class LogWalk {
  private readonly problems: BrokenLink[] = [];
  private brokenCount = 0;
  private checkedEvents = 0;
  private unsealed = 0;
  /** Per stream: the last position seen and its stored hash. */
  private readonly streams = new Map<string, { position: number; hash: Buffer }>();
  private sealIndex = 0;
  private block: Block = [];
  /** LogSealed events found in the log, by seal number. */
  private readonly sealEvents = new Map<number, { sealHash: string; merkleRoot: string; ref: EventRef }>();

  constructor(
    private readonly db: PoolClient,
    private readonly seals: readonly StoredSeal[],
  ) {}

  async run(pageSize: number): Promise<void> {
    let after = LOG_START;
    for (;;) {
      const rows = await readCanonicalPage(this.db, after, pageSize);
      for (const row of rows) await this.visit(row);
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1]!.logPosition;
    }
    while (this.sealIndex < this.seals.length) await this.closeSeal();
  }

  private async visit(row: CanonicalEvent): Promise<void> {
    const at = { commitOrder: row.logPosition.commit, globalPosition: String(row.logPosition.position) };
    while (this.sealIndex < this.seals.length && compareLogPoints(at, this.seals[this.sealIndex]!.last) > 0) await this.closeSeal();
    this.checkedEvents++;
    const ref: EventRef = { streamId: row.streamId, streamPosition: Number(row.streamPosition), globalPosition: row.logPosition.position, commitOrder: row.logPosition.commit, eventId: row.eventId };
    await this.checkChain(row, ref);
    const hash = row.hash ?? Buffer.alloc(0);
    if (this.sealIndex < this.seals.length) this.block.push({ leaf: leafOf({ ...at, hash }), hash, ref });
    else this.unsealed++;
    if (row.streamId === AUDIT_SEALS_STREAM && row.type === LOG_SEALED) {
      const d = JSON.parse(row.dataText) as { sealNo?: number; sealHash?: string; merkleRoot?: string };
      if (typeof d.sealNo === 'number') this.sealEvents.set(d.sealNo, { sealHash: String(d.sealHash), merkleRoot: String(d.merkleRoot), ref });
    }
  }

  private async checkChain(row: CanonicalEvent, ref: EventRef): Promise<void> {
    const state = this.streams.get(row.streamId) ?? { position: 0, hash: GENESIS_HASH };
    const expected = state.position + 1;
    const position = ref.streamPosition;
    const where = `stream ${row.streamId} position ${position} (event ${row.eventId}, global position ${row.logPosition.position})`;
    if (position === expected) {
      const computed = eventHash(state.hash, {
        streamId: row.streamId,
        streamPosition: row.streamPosition,
        eventId: row.eventId,
        type: row.type,
        schemaVersion: row.schemaVersion,
        dataText: row.dataText,
        metadataText: row.metadataText,
        recordedAtMicros: row.recordedAtMicros,
      });
      if (!row.hash || !computed.equals(row.hash)) {
        this.broken({
          kind: 'hash_mismatch',
          message: `${where}: stored hash ${row.hash?.toString('hex') ?? 'NULL'} is not the hash of its content chained to position ${state.position} (${computed.toString('hex')}): edited`,
          ...ref,
        });
      }
    } else if (position > expected) {
      const found = await eventAt(this.db, row.streamId, expected);
      this.broken(
        found
          ? { kind: 'reordered', message: `${where} comes before position ${expected} (event ${found.eventId}, global position ${found.globalPosition}) in the log`, ...ref }
          : { kind: 'missing_position', message: `stream ${row.streamId} has no position ${expected}: the next one is ${where}`, ...ref, streamPosition: expected },
      );
    } else {
      this.broken({ kind: 'reordered', message: `${where} comes after position ${state.position} in the log`, ...ref });
    }
    // Go on from the stored hash: one edited event is one broken link, not a cascade.
    this.streams.set(row.streamId, { position, hash: row.hash ?? Buffer.alloc(0) });
  }

  /** The walk has passed the current seal's last event: check its block and its place in the chain. */
  private async closeSeal(): Promise<void> {
    const previous = this.seals[this.sealIndex - 1] ?? null;
    const seal = this.seals[this.sealIndex]!;
    const block = this.block;
    this.block = [];
    this.sealIndex++;
    const expectedNo = (previous?.sealNo ?? 0) + 1;
    const at = { sealNo: seal.sealNo };
    if (seal.sealNo !== expectedNo) {
      this.broken({ kind: 'seal_chain_broken', message: `seal ${seal.sealNo} follows seal ${previous?.sealNo ?? 'none'}: seal ${expectedNo} is missing`, ...at });
    } else if (!seal.prevSealHash.equals(previous?.sealHash ?? GENESIS_HASH)) {
      this.broken({ kind: 'seal_chain_broken', message: `seal ${seal.sealNo} does not chain to seal ${previous?.sealNo ?? '(genesis)'}: previous hash differs`, ...at });
    }
    if (!sealHash(seal).equals(seal.sealHash)) {
      this.broken({ kind: 'seal_hash_mismatch', message: `seal ${seal.sealNo}: its hash is not the hash of its fields (seal row edited)`, ...at });
    }
    const leaves = block.map((b) => b.leaf);
    const first = block[0]?.ref;
    const rootOk =
      leaves.length === seal.eventCount &&
      leaves.length > 0 &&
      first !== undefined &&
      first.commitOrder === seal.first.commitOrder &&
      String(first.globalPosition) === seal.first.globalPosition &&
      merkleRoot(leaves).equals(seal.merkleRoot);
    if (!rootOk) this.broken(await this.locate(seal, block));
  }

  /** Names the first event of a sealed block that differs from what was sealed, from the seal's stored leaves. */
  private async locate(seal: StoredSeal, block: Readonly<Block>): Promise<BrokenLink> {
    const stored = await sealRepository.leaves(this.db, seal.sealNo);
    const now = block.map((b) => b.leaf.toString('hex'));
    const then = stored.map((l) => l.toString('hex'));
    const head = `seal ${seal.sealNo} (${seal.eventCount} events up to global position ${seal.last.globalPosition}): root mismatch`;
    let i = 0;
    while (i < now.length && i < then.length && now[i] === then[i]) i++;
    if (i === now.length && i === then.length) {
      return { kind: 'seal_root_mismatch', message: `${head}; its events are the ones sealed, but its root or first position was changed`, sealNo: seal.sealNo };
    }
    const thenSet = new Set(then);
    const nowSet = new Set(now);
    const ref = block[i]?.ref;
    const describe = (r: EventRef) => `stream ${r.streamId} position ${r.streamPosition} (event ${r.eventId}, global position ${r.globalPosition})`;
    if (ref && !thenSet.has(now[i]!)) {
      // The same event (same chained hash) sealed at another place of this block: moved.
      const hash = block[i]!.hash;
      const sealedAt = block.find((b) => thenSet.has(leafOf({ commitOrder: b.ref.commitOrder, globalPosition: String(b.ref.globalPosition), hash }).toString('hex')))?.ref;
      if (sealedAt) {
        return {
          kind: 'seal_root_mismatch',
          message: `${head}; ${describe(ref)} was sealed at global position ${sealedAt.globalPosition} (commit order ${sealedAt.commitOrder}): reordered`,
          ...ref,
          sealNo: seal.sealNo,
        };
      }
      return { kind: 'seal_root_mismatch', message: `${head}; ${describe(ref)} is not the event sealed there: edited (with its chain recomputed) or inserted`, ...ref, sealNo: seal.sealNo };
    }
    if (i < then.length && !nowSet.has(then[i]!)) {
      const near = block[i]?.ref ?? block[i - 1]?.ref;
      return {
        kind: 'seal_root_mismatch',
        message: `${head}; the event sealed at index ${i} of the block is missing (deleted)${near ? `, next to ${describe(near)}` : ''}`,
        ...(near ?? {}),
        sealNo: seal.sealNo,
      };
    }
    return {
      kind: 'seal_root_mismatch',
      message: `${head}; ${ref ? describe(ref) : 'an event'} is at index ${i} of the block, sealed at index ${then.indexOf(now[i]!)}: reordered`,
      ...(ref ?? {}),
      sealNo: seal.sealNo,
    };
  }

  checkSealEvents(): void {
    for (const seal of this.seals) {
      const e = this.sealEvents.get(seal.sealNo);
      if (!e) {
        this.broken({ kind: 'seal_event_mismatch', message: `seal ${seal.sealNo} has no ${LOG_SEALED} event in stream ${AUDIT_SEALS_STREAM}`, sealNo: seal.sealNo });
      } else if (e.sealHash !== seal.sealHash.toString('hex') || e.merkleRoot !== seal.merkleRoot.toString('hex')) {
        this.broken({ kind: 'seal_event_mismatch', message: `seal ${seal.sealNo} differs from its published ${LOG_SEALED} event`, ...e.ref, sealNo: seal.sealNo });
      }
    }
    const known = new Set(this.seals.map((s) => s.sealNo));
    for (const [no, e] of this.sealEvents) {
      if (!known.has(no)) this.broken({ kind: 'seal_event_mismatch', message: `${LOG_SEALED} event for seal ${no} but no such seal (seal deleted)`, ...e.ref, sealNo: no });
    }
  }

  checkExternal(external: readonly ExternalSeal[]): void {
    const byNo = new Map(this.seals.map((s) => [s.sealNo, s]));
    for (const x of [...external].sort((a, b) => a.sealNo - b.sealNo)) {
      const mine = byNo.get(x.sealNo);
      if (!mine) {
        this.broken({
          kind: 'external_seal_missing',
          message: `seal ${x.sealNo} (up to global position ${x.last.globalPosition}) was published but the platform has no such seal: history truncated or replaced`,
          sealNo: x.sealNo,
        });
      } else if (mine.sealHash.toString('hex') !== x.sealHash || mine.merkleRoot.toString('hex') !== x.merkleRoot) {
        this.broken({
          kind: 'external_seal_mismatch',
          message: `seal ${x.sealNo} differs from the one published (${x.sealHash}): the history up to global position ${x.last.globalPosition} was rewritten`,
          sealNo: x.sealNo,
        });
      }
    }
  }

  private broken(link: BrokenLink): void {
    this.brokenCount++;
    if (this.problems.length < MAX_LISTED) this.problems.push(link);
  }

  report(durationMs: number, externalSealsChecked: number): VerificationReport {
    const last = this.seals[this.seals.length - 1];
    return {
      ok: this.brokenCount === 0,
      checkedEvents: this.checkedEvents,
      checkedStreams: this.streams.size,
      checkedSeals: this.sealIndex,
      unsealedEvents: this.unsealed,
      lastSeal: last ? { sealNo: last.sealNo, sealHash: last.sealHash.toString('hex'), last: last.last } : null,
      externalSealsChecked,
      brokenLinks: this.brokenCount,
      ...(this.problems[0] ? { firstBroken: this.problems[0] } : {}),
      problems: this.problems,
      durationMs: Math.round(durationMs),
    };
  }
}
