import type { Pool, PoolClient } from 'pg';
import { readHashedRange, type LogPosition } from '@ta/event-store';
import { AUDIT_SEALS_STREAM, LOG_SEALED, type LogPoint, type Seal, type UnsealedEvent } from '../domain';

type Db = Pool | PoolClient;

const position = (p: LogPoint): LogPosition => ({ commit: p.commitOrder, position: Number(p.globalPosition) });

interface SealRow {
  seal_no: string;
  first_commit_order: string;
  first_global_position: string;
  last_commit_order: string;
  last_global_position: string;
  event_count: number;
  merkle_root: Buffer;
  prev_seal_hash: Buffer;
  seal_hash: Buffer;
  sealed_at: Date;
}

const SEAL_COLUMNS = `seal_no, first_commit_order::text, first_global_position::text, last_commit_order::text, last_global_position::text,
  event_count, merkle_root, prev_seal_hash, seal_hash, sealed_at`;

export interface StoredSeal extends Seal {
  readonly sealedAt: Date;
}

function toSeal(r: SealRow): StoredSeal {
  return {
    sealNo: Number(r.seal_no),
    first: { commitOrder: r.first_commit_order, globalPosition: r.first_global_position },
    last: { commitOrder: r.last_commit_order, globalPosition: r.last_global_position },
    eventCount: r.event_count,
    merkleRoot: r.merkle_root,
    prevSealHash: r.prev_seal_hash,
    sealHash: r.seal_hash,
    sealedAt: r.sealed_at,
  };
}

/** `audit.seals` (libs/audit/migrations/001-seals.sql). */
export const sealRepository = {
  async last(db: Db): Promise<StoredSeal | null> {
    const { rows } = await db.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM audit.seals ORDER BY seal_no DESC LIMIT 1`);
    return rows[0] ? toSeal(rows[0]) : null;
  },

  async all(db: Db): Promise<StoredSeal[]> {
    const { rows } = await db.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM audit.seals ORDER BY seal_no`);
    return rows.map(toSeal);
  },

  /** The leaf hashes a seal recorded, in order. */
  async leaves(db: Db, sealNo: number): Promise<Buffer[]> {
    const { rows } = await db.query<{ leaves: Buffer }>('SELECT leaves FROM audit.seals WHERE seal_no = $1', [sealNo]);
    const all = rows[0]?.leaves ?? Buffer.alloc(0);
    const out: Buffer[] = [];
    for (let i = 0; i + 32 <= all.length; i += 32) out.push(all.subarray(i, i + 32));
    return out;
  },

  async insert(db: Db, seal: Seal, leaves: readonly Buffer[], sealedAt: Date): Promise<void> {
    await db.query(
      `INSERT INTO audit.seals (seal_no, first_commit_order, first_global_position, last_commit_order, last_global_position,
         event_count, merkle_root, prev_seal_hash, seal_hash, leaves, sealed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        seal.sealNo,
        seal.first.commitOrder,
        seal.first.globalPosition,
        seal.last.commitOrder,
        seal.last.globalPosition,
        seal.eventCount,
        seal.merkleRoot,
        seal.prevSealHash,
        seal.sealHash,
        Buffer.concat(leaves),
        sealedAt,
      ],
    );
  },

  /** Events after `after` up to and including `upTo`, in all-stream order (a range that never changes: see `readHashedRange`). */
  async unsealed(db: Db, after: LogPoint, upTo: LogPoint): Promise<UnsealedEvent[]> {
    const events = await readHashedRange(db, position(after), position(upTo));
    return events.map((e) => ({
      commitOrder: e.logPosition.commit,
      globalPosition: String(e.logPosition.position),
      hash: e.hash,
      recordedAt: e.recordedAt,
      isSeal: e.streamId === AUDIT_SEALS_STREAM && e.type === LOG_SEALED,
    }));
  },
};
