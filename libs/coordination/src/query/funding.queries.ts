import { accessOf, requestIdVisibleSql, type Viewer } from '../access/request-visibility';
import { FundingTally, type FundingLine } from '../as-of/funding';
import { COMMITTED_ENGAGEMENT_STATUSES, DELIVERED_ENGAGEMENT_STATUSES } from '../read-models/statuses';
import { codeList, type Sql } from '../sql';
import { Conditions, isEmptyFilter, type CaseFilter } from './conditions';
import { num } from './counts';

/**
 * Pledged vs committed vs delivered, per currency; in-kind expert-days on their own line.
 * Delivered: engagements whose completion the State acknowledged.
 * Engagements on requests hidden from `viewer` are left out of `delivered`, and their committed
 * amounts (active or completed engagements) out of `committed` and `pledged`.
 */
export async function fundingLines(sql: Sql, f: CaseFilter, viewer: Viewer): Promise<FundingLine[]> {
  if (!isEmptyFilter({ ...f, donor: undefined })) return filteredFundingLines(sql, f, viewer);
  const ofDonor = () => new Conditions().when(f.donor, (p, v) => `t.provider_id = ${p(v)}`);
  const c = ofDonor();
  const d = ofDonor().add(() => `t.status IN (${codeList(DELIVERED_ENGAGEMENT_STATUSES)})`).visibleRequestIds(viewer);
  const h = ofDonor()
    .add(() => `t.status IN (${codeList(COMMITTED_ENGAGEMENT_STATUSES)})`)
    .add((p) => `NOT (${requestIdVisibleSql(viewer, 't.request_id', p)})`);
  const [offered, delivered, hidden] = await Promise.all([
    sql(
      `SELECT capacity_kind AS unit, currency, sum(capacity) AS registered, sum(committed + CASE WHEN status = 'open' THEN remaining ELSE 0 END) AS pledged,
              sum(committed) AS committed
         FROM coordination.offers t ${c.whereClause} GROUP BY 1, 2`,
      c.params,
    ),
    sql(`SELECT unit_kind AS unit, currency, sum(amount) AS delivered FROM coordination.engagements t ${d.whereClause} GROUP BY 1, 2`, d.params),
    accessOf(viewer).kind === 'all'
      ? Promise.resolve([])
      : sql(`SELECT unit_kind AS unit, currency, sum(amount) AS hidden FROM coordination.engagements t ${h.whereClause} GROUP BY 1, 2`, h.params),
  ]);
  const lines = new FundingTally();
  const line = (r: Record<string, unknown>) => lines.line(String(r.unit), (r.currency as string | null) ?? null);
  for (const r of offered) Object.assign(line(r), { registered: num(r.registered), pledged: num(r.pledged), committed: num(r.committed) });
  for (const r of delivered) line(r).delivered = num(r.delivered);
  for (const r of hidden) {
    const l = line(r);
    l.committed -= num(r.hidden);
    l.pledged -= num(r.hidden);
  }
  return lines.sorted();
}

/**
 * Funding under a filter beyond the provider (`CaseFilter`): an offer's own `committed` cannot
 * be split by request, so `committed` is summed over the engagements the filter selects
 * (visible to `viewer`, in `COMMITTED_ENGAGEMENT_STATUSES`: those whose amount is in their
 * offer's `committed`), `delivered` over the acknowledged ones; `registered` is the capacity of
 * the offers the filter selects, `pledged` = `committed` + what those offers still have open.
 */
async function filteredFundingLines(sql: Sql, f: CaseFilter, viewer: Viewer): Promise<FundingLine[]> {
  const o = new Conditions().offersIn(f);
  const e = new Conditions().visibleRequestIds(viewer).engagementsIn(f);
  const [offered, engaged] = await Promise.all([
    sql(
      `SELECT capacity_kind AS unit, currency, sum(capacity) AS registered, sum(CASE WHEN status = 'open' THEN remaining ELSE 0 END) AS open
         FROM coordination.offers t ${o.whereClause} GROUP BY 1, 2`,
      o.params,
    ),
    sql(
      `SELECT unit_kind AS unit, currency, sum(amount) FILTER (WHERE t.status IN (${codeList(COMMITTED_ENGAGEMENT_STATUSES)})) AS committed,
              sum(amount) FILTER (WHERE t.status IN (${codeList(DELIVERED_ENGAGEMENT_STATUSES)})) AS delivered
         FROM coordination.engagements t ${e.whereClause} GROUP BY 1, 2`,
      e.params,
    ),
  ]);
  const lines = new FundingTally();
  const line = (r: Record<string, unknown>) => lines.line(String(r.unit), (r.currency as string | null) ?? null);
  for (const r of offered) Object.assign(line(r), { registered: num(r.registered), pledged: num(r.open) });
  for (const r of engaged) {
    const l = line(r);
    l.committed += num(r.committed);
    l.pledged += num(r.committed);
    l.delivered += num(r.delivered);
  }
  return lines.sorted();
}
