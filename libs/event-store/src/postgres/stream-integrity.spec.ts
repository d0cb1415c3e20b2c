import { firstBreak, type CheckedRow } from './stream-integrity';

const row = (position: number, over: Partial<CheckedRow> = {}): CheckedRow => ({
  event_id: `e${position}`,
  stream_position: String(position),
  hash_ok: true,
  in_place: true,
  head_position: null,
  head_mismatch: false,
  ...over,
});
const withHead = (rows: CheckedRow[], head: number) => rows.map((r) => ({ ...r, head_position: String(head) }));
const empty = (head: number | null): CheckedRow => ({ event_id: null, stream_position: null, hash_ok: null, in_place: null, head_position: head === null ? null : String(head), head_mismatch: null });

describe('firstBreak: the first thing wrong with a stream as read', () => {
  it('an intact stream, with or without a witnessed head, has none', () => {
    expect(firstBreak('s', [row(1), row(2), row(3)], 1, null)).toBeNull();
    expect(firstBreak('s', withHead([row(1), row(2), row(3)], 3), 1, null)).toBeNull();
    expect(firstBreak('s', withHead([row(1), row(2), row(3), row(4)], 3), 1, null)).toBeNull(); // appended since it was witnessed
    expect(firstBreak('s', [empty(null)], 1, null)).toBeNull(); // no stream, never witnessed
  });

  it('a gap names the missing position and the event found in its place', () => {
    expect(firstBreak('s', [row(1), row(3, { in_place: false, hash_ok: false })], 1, null)).toMatchObject({ kind: 'missing_position', streamPosition: 2, eventId: 'e3' });
  });

  it('a hash that does not match names the event', () => {
    expect(firstBreak('s', [row(1), row(2, { hash_ok: false }), row(3, { hash_ok: false })], 1, null)).toMatchObject({ kind: 'hash_mismatch', streamPosition: 2, eventId: 'e2' });
  });

  it('an unchecked first event of a range (its predecessor not read) is not a break', () => {
    expect(firstBreak('s', [row(5, { hash_ok: null }), row(6)], 5, null)).toBeNull();
  });

  it('a stream that ends before its witnessed head lost its last events', () => {
    expect(firstBreak('s', withHead([row(1), row(2)], 4), 1, null)).toMatchObject({ kind: 'missing_tail', streamPosition: 3, eventId: null });
    expect(firstBreak('s', [empty(2)], 1, null)).toMatchObject({ kind: 'missing_tail', streamPosition: 1 }); // every event deleted
  });

  it('a range that stops before the head does not judge the tail', () => {
    expect(firstBreak('s', withHead([row(1), row(2)], 4), 1, 2)).toBeNull();
  });

  it('the witnessed last event rewritten with its chain', () => {
    expect(firstBreak('s', withHead([row(1), row(2, { head_mismatch: true })], 2), 1, null)).toMatchObject({ kind: 'head_mismatch', streamPosition: 2 });
  });
});
