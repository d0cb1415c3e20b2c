import { GENESIS_HASH, i64, i32, sha256 } from './hashing';
import { merkleRoot, sealLeaf } from './merkle';

/** A place in the all-stream: (commit order, global position), both decimal strings. */
export interface LogPoint {
  readonly commitOrder: string;
  readonly globalPosition: string;
}

/**
 * Seal n covers the events after seal n-1's `last` up to and including its own `last`, in
 * all-stream order: a Merkle root over their leaves, chained to the previous seal's hash.
 */
export interface Seal {
  readonly sealNo: number;
  readonly first: LogPoint;
  readonly last: LogPoint;
  readonly eventCount: number;
  readonly merkleRoot: Buffer;
  readonly prevSealHash: Buffer;
  readonly sealHash: Buffer;
}

/** An event not yet sealed, as the sealer reads it. */
export interface UnsealedEvent extends LogPoint {
  readonly hash: Buffer;
  readonly recordedAt: Date;
  /** A LogSealed event: never the only reason to seal a partial block (or seals would beget seals). */
  readonly isSeal: boolean;
}

export interface SealPolicy {
  /** Events per full block. */
  readonly blockSize: number;
  /** A partial block is sealed once its oldest event is this old (ms). */
  readonly maxAgeMs: number;
}

const SEAL_TAG = Buffer.from('ta.log-seal.v1', 'utf8');

/**
 * SHA-256( "ta.log-seal.v1" || i64 seal_no || i64 first commit order || i64 first global position
 *        || i64 last commit order || i64 last global position || i32 event_count
 *        || merkle_root (32) || prev_seal_hash (32) ). Integers big-endian.
 */
export function sealHash(s: Omit<Seal, 'sealHash'>): Buffer {
  return sha256(
    SEAL_TAG,
    i64(BigInt(s.sealNo)),
    i64(BigInt(s.first.commitOrder)),
    i64(BigInt(s.first.globalPosition)),
    i64(BigInt(s.last.commitOrder)),
    i64(BigInt(s.last.globalPosition)),
    i32(s.eventCount),
    s.merkleRoot,
    s.prevSealHash,
  );
}

export function leafOf(e: LogPoint & { readonly hash: Uint8Array }): Buffer {
  return sealLeaf(BigInt(e.commitOrder), BigInt(e.globalPosition), e.hash);
}

/**
 * The blocks to seal now, from the unsealed events in all-stream order: every full block of
 * `blockSize`; then the rest, if its oldest event is at least `maxAgeMs` old and it holds an
 * event other than a LogSealed. What is left waits for more events or for time to pass.
 */
export function blocksToSeal<E extends UnsealedEvent>(unsealed: readonly E[], policy: SealPolicy, now: Date): E[][] {
  const blocks: E[][] = [];
  let i = 0;
  for (; i + policy.blockSize <= unsealed.length; i += policy.blockSize) blocks.push(unsealed.slice(i, i + policy.blockSize));
  const rest = unsealed.slice(i);
  if (rest.length > 0 && rest.some((e) => !e.isSeal) && now.getTime() - rest[0]!.recordedAt.getTime() >= policy.maxAgeMs) blocks.push(rest);
  return blocks;
}

/** The seal of `block`, the events right after `previous` (null: the first seal). */
export function makeSeal(previous: Seal | null, block: ReadonlyArray<LogPoint & { readonly hash: Uint8Array }>): { seal: Seal; leaves: Buffer[] } {
  if (block.length === 0) throw new Error('cannot seal an empty block');
  const leaves = block.map(leafOf);
  const unsigned = {
    sealNo: (previous?.sealNo ?? 0) + 1,
    first: point(block[0]!),
    last: point(block[block.length - 1]!),
    eventCount: block.length,
    merkleRoot: merkleRoot(leaves),
    prevSealHash: previous?.sealHash ?? GENESIS_HASH,
  };
  return { seal: { ...unsigned, sealHash: sealHash(unsigned) }, leaves };
}

function point(p: LogPoint): LogPoint {
  return { commitOrder: p.commitOrder, globalPosition: p.globalPosition };
}

/** Total order of the all-stream. */
export function compareLogPoints(a: LogPoint, b: LogPoint): number {
  const ca = BigInt(a.commitOrder);
  const cb = BigInt(b.commitOrder);
  if (ca !== cb) return ca < cb ? -1 : 1;
  const ga = BigInt(a.globalPosition);
  const gb = BigInt(b.globalPosition);
  return ga === gb ? 0 : ga < gb ? -1 : 1;
}
