import { asOfRewrite } from './as-of-view';

const cut = { commitOrder: '1234', lastPosition: 99, recordedAt: null };
const rewrite = asOfRewrite(cut, [
  { name: 'requests', columns: ['request_id', 'status'] },
  { name: 'engagements', columns: ['engagement_id', 'request_id'] },
]);
const requestsAsOf =
  '(SELECT request_id, status FROM coordination.requests WHERE valid_from <= 1234 UNION ALL SELECT request_id, status FROM coordination.requests_history WHERE int8range(valid_from, valid_to) @> 1234::bigint)';

describe('asOfRewrite: the one substitution point of "as of"', () => {
  it('reads a temporal table as its versions valid at the cut, keeping the alias the statement gives', () => {
    expect(rewrite('SELECT to_jsonb(t) AS j FROM coordination.requests t WHERE t.request_id = $1')).toBe(
      `SELECT to_jsonb(t) AS j FROM ${requestsAsOf} t WHERE t.request_id = $1`,
    );
  });

  it('names a table that had no alias after itself (a subquery in FROM needs one)', () => {
    expect(rewrite('SELECT status, count(*) FROM coordination.requests GROUP BY status')).toBe(`SELECT status, count(*) FROM ${requestsAsOf} AS requests GROUP BY status`);
    expect(rewrite('SELECT 1 FROM coordination.requests WHERE x')).toBe(`SELECT 1 FROM ${requestsAsOf} AS requests WHERE x`);
    expect(rewrite('SELECT 1 FROM coordination.requests')).toBe(`SELECT 1 FROM ${requestsAsOf} AS requests`);
    expect(rewrite('SELECT 1 FROM coordination.requests AS r')).toBe(`SELECT 1 FROM ${requestsAsOf} AS r`);
  });

  it('reads the request history up to the cut, leaves other tables and longer names alone', () => {
    expect(rewrite('SELECT * FROM coordination.request_history WHERE request_id = $1')).toBe(
      'SELECT * FROM (SELECT * FROM coordination.request_history WHERE commit_order <= 1234) AS request_history WHERE request_id = $1',
    );
    const untouched = 'SELECT 1 FROM coordination.search_documents d JOIN coordination.requests__rebuild r ON true, coordination.requests_history h';
    expect(rewrite(untouched)).toBe(untouched);
  });

  it('rewrites every occurrence, subqueries of the visibility rule included', () => {
    const out = rewrite('SELECT 1 FROM coordination.engagements e WHERE NOT EXISTS (SELECT 1 FROM coordination.requests vr WHERE vr.restricted)');
    expect(out).not.toMatch(/coordination\.(requests|engagements) (e|vr)\b/);
    expect(out.match(/_history WHERE int8range/g)).toHaveLength(2);
  });

  it('refuses a cut that is not a commit order (it is written into the statement)', () => {
    expect(() => asOfRewrite({ ...cut, commitOrder: '1; DROP TABLE x' }, [])).toThrow('not a commit order');
  });
});
