import { i64, sha256 } from './hashing';

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

/**
 * A sealed event's leaf: its place in the all-stream and its chained hash (which covers
 * its content and its place in its stream). Leaves and nodes are domain-separated as in
 * RFC 6962 (0x00 / 0x01 prefixes), so a node can never pass for a leaf.
 */
export function sealLeaf(commitOrder: bigint, globalPosition: bigint, eventHash: Uint8Array): Buffer {
  return sha256(LEAF, i64(commitOrder), i64(globalPosition), eventHash);
}

/**
 * The Merkle tree hash of RFC 6962 (section 2.1) over leaf hashes: for n > 1 leaves, split at
 * the largest power of two below n. Defined for any n >= 1 (a partial block is fine).
 */
export function merkleRoot(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) throw new Error('a Merkle root needs at least one leaf');
  return root(leaves, 0, leaves.length);
}

function root(leaves: readonly Uint8Array[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 1) return Buffer.from(leaves[from]!);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(NODE, root(leaves, from, from + k), root(leaves, from + k, to));
}
