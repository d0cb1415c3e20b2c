import { createHash } from 'node:crypto';
import { GENESIS_HASH, blocksToSeal, makeSeal, merkleRoot, sealHash, sealLeaf, type UnsealedEvent } from './index';

const h = (...parts: Array<Buffer | number[]>) => {
  const x = createHash('sha256');
  for (const p of parts) x.update(Buffer.from(p as Buffer));
  return x.digest();
};
const leaf = (i: number) => h([i]);
const node = (l: Buffer, r: Buffer) => h([1], l, r);

describe('the Merkle root (RFC 6962 tree hash over leaf hashes)', () => {
  it('is the leaf itself for one leaf', () => {
    expect(merkleRoot([leaf(1)])).toEqual(leaf(1));
  });

  it('splits at the largest power of two below n, so a partial block has a root too', () => {
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(leaf) as [Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(merkleRoot([a, b, c])).toEqual(node(node(a, b), c));
    expect(merkleRoot([a, b, c, d])).toEqual(node(node(a, b), node(c, d)));
    expect(merkleRoot([a, b, c, d, e])).toEqual(node(node(node(a, b), node(c, d)), e));
  });

  it('changes when two leaves swap places', () => {
    expect(merkleRoot([leaf(1), leaf(2), leaf(3)])).not.toEqual(merkleRoot([leaf(2), leaf(1), leaf(3)]));
  });

  it('has leaves that bind the place in the all-stream, and cannot be mistaken for a node', () => {
    const hash = leaf(9);
    expect(sealLeaf(5n, 7n, hash)).not.toEqual(sealLeaf(5n, 8n, hash));
    expect(sealLeaf(5n, 7n, hash)).not.toEqual(sealLeaf(6n, 7n, hash));
    expect(sealLeaf(5n, 7n, hash).equals(node(leaf(1), leaf(2)))).toBe(false);
  });
});

describe('blocks to seal', () => {
  const t0 = new Date('2026-03-01T09:00:00Z');
  const ev = (i: number, ageS: number, isSeal = false): UnsealedEvent => ({
    commitOrder: String(100 + i),
    globalPosition: String(i),
    hash: leaf(i),
    recordedAt: new Date(t0.getTime() - ageS * 1000),
    isSeal,
  });
  const policy = { blockSize: 3, maxAgeMs: 60_000 };

  it('seals every full block and keeps a young rest for later', () => {
    const blocks = blocksToSeal([1, 2, 3, 4, 5, 6, 7].map((i) => ev(i, 10)), policy, t0);
    expect(blocks.map((b) => b.map((e) => e.globalPosition))).toEqual([['1', '2', '3'], ['4', '5', '6']]);
  });

  it('seals a partial block once its oldest event is old enough', () => {
    expect(blocksToSeal([ev(1, 61), ev(2, 5)], policy, t0)).toHaveLength(1);
    expect(blocksToSeal([ev(1, 59), ev(2, 5)], policy, t0)).toHaveLength(0);
  });

  it('does not seal a partial block of seal events only (a seal would beget a seal forever)', () => {
    expect(blocksToSeal([ev(1, 600, true)], policy, t0)).toEqual([]);
    expect(blocksToSeal([ev(1, 600, true), ev(2, 1)], policy, t0)).toHaveLength(1);
  });
});

describe('seals', () => {
  const block = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ commitOrder: String(1000 + from + i), globalPosition: String(from + i), hash: leaf(from + i) }));

  it('chain: seal n+1 carries the hash of seal n, and its own hash covers its fields', () => {
    const first = makeSeal(null, block(1, 3));
    const second = makeSeal(first.seal, block(4, 2));
    expect(first.seal).toMatchObject({ sealNo: 1, eventCount: 3, first: { globalPosition: '1' }, last: { globalPosition: '3' }, prevSealHash: GENESIS_HASH });
    expect(second.seal).toMatchObject({ sealNo: 2, eventCount: 2, prevSealHash: first.seal.sealHash });
    expect(second.seal.merkleRoot).toEqual(merkleRoot(second.leaves));
    expect(sealHash(second.seal)).toEqual(second.seal.sealHash);
    expect(sealHash({ ...second.seal, eventCount: 3 })).not.toEqual(second.seal.sealHash);
    expect(sealHash({ ...second.seal, prevSealHash: GENESIS_HASH })).not.toEqual(second.seal.sealHash);
  });
});
