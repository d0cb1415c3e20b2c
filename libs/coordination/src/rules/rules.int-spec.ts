import { wholeCase } from '../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../test/projection-harness';
import { tablesFor } from '../projector/writing/read-model-tables';
import type { TableCodec } from '../projector/writing/table-codec';
import { EntityColumns } from '../read-models/entity-columns';
import type { EngagementRow } from '../read-models/engagements/engagements.entity';
import { engagementsProjection } from '../read-models/engagements/engagements.projection';
import type { MilestoneRow } from '../read-models/milestones/milestones.entity';
import { milestonesProjection } from '../read-models/milestones/milestones.projection';
import type { RequestRow } from '../read-models/requests/requests.entity';
import { requestsProjection } from '../read-models/requests/requests.projection';
import { ENGAGEMENT_STATUSES, MILESTONE_STATUSES, REQUEST_STATUSES } from '../read-models/statuses';
import { DAY_MS } from './as-at';
import { disputedSql, isDisputed } from './disputed.rule';
import { gapSql, isGap } from './gap.rule';
import { isOverdue, overdueAwaiting, overdueAwaitingSql, overdueSql } from './overdue.rule';

// The rules said in SQL (live queries) and in TypeScript ("as of", the engagement detail), run
// over the same stored rows, at instants and on dates on either side of each boundary.

let h: ProjectionHarness;
const columns = { requests: undefined as unknown as EntityColumns<RequestRow>, engagements: undefined as unknown as EntityColumns<EngagementRow>, milestones: undefined as unknown as EntityColumns<MilestoneRow> };

const written = { requests: 0, milestones: 0 };
const AS_ATS = ['2025-06-30T00:00:00.000Z', '2025-06-30T12:34:56.789Z', '2025-06-30T23:59:59.999Z', '2025-07-01T00:00:00.000Z'].map((t) => new Date(t));
const GAP_DAYS = [0, 1, 90];
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

beforeAll(async () => {
  h = await projectionHarness();
  await h.project(wholeCase(1));
  columns.requests = new EntityColumns(h.dataSource, requestsProjection);
  columns.engagements = new EntityColumns(h.dataSource, engagementsProjection);
  columns.milestones = new EntityColumns(h.dataSource, milestonesProjection);
  const [request] = await stored(columns.requests, 'coordination.requests', `request_id = 'req-1'`);
  const [engagement] = await stored(columns.engagements, 'coordination.engagements', `engagement_id = 'eng-1'`);
  const [milestone] = await stored(columns.milestones, 'coordination.milestones', `milestone_key = 'eng-1/m1'`);

  // Requests: every status, with and without a live engagement, opened at none, long ago, and
  // just before, at and just after each (asAt - days) boundary.
  const opened = new Set<string | null>([null, '2020-01-01T00:00:00.000Z']);
  for (const asAt of AS_ATS) for (const days of GAP_DAYS) for (const d of [-1, 0, 1]) opened.add(iso(asAt.getTime() - days * DAY_MS + d));
  const requests: RequestRow[] = [];
  for (const status of REQUEST_STATUSES)
    for (const live of [0, 1, 2])
      for (const openedAt of opened) requests.push({ ...request!, requestId: `r-${requests.length}`, status, liveEngagements: live, openedAt });

  // Engagements: one per status; milestones of each (and of an engagement with no row), every
  // status, due the day before, on and after each "as at" day.
  const engagements = ENGAGEMENT_STATUSES.map((status) => ({ ...engagement!, engagementId: `e-${status}`, status }));
  const due = new Set<string>();
  for (const asAt of AS_ATS) for (const d of [-1, 0, 1]) due.add(day(asAt.getTime() + d * DAY_MS));
  const milestones: MilestoneRow[] = [];
  for (const engagementId of [...engagements.map((e) => e.engagementId), 'e-missing'])
    for (const status of MILESTONE_STATUSES)
      for (const dueDate of due) {
        const milestoneId = `m-${status}-${dueDate}`;
        milestones.push({ ...milestone!, milestoneKey: `${engagementId}/${milestoneId}`, engagementId, milestoneId, status, dueDate });
      }

  const { codecs } = tablesFor(h.dataSource, ['requests', 'engagements', 'milestones']);
  const write = async (name: string, rows: object[]) => {
    const w = (codecs.find((c) => c.projection.name === name) as TableCodec<object>).writeStatement(rows);
    await h.db.pool.query(w.text, w.params);
  };
  written.requests = requests.length;
  written.milestones = milestones.length;
  await write('requests', requests);
  await write('engagements', engagements);
  await write('milestones', milestones);
});
afterAll(() => h.close());

/** Rows as stored, read back as the queries read them. */
async function stored<Row extends object>(c: EntityColumns<Row>, table: string, where = 'true'): Promise<Row[]> {
  return (await h.rows<{ j: Record<string, unknown> }>(`SELECT to_jsonb(t) AS j FROM ${table} t WHERE ${where}`)).map((r) => c.fromJson(r.j));
}

/** Runs `condition` (an SQL boolean over the row `t`, its parameters by `p`) for every row; NULL counts as false, as in WHERE and FILTER. */
async function sqlVerdicts(from: string, key: string, condition: (p: (v: unknown) => string) => string): Promise<Map<string, boolean>> {
  const params: unknown[] = [];
  const text = condition((v) => `$${params.push(v)}`);
  const rows = await h.rows<{ k: string; v: boolean | null }>(`SELECT ${key} AS k, ${text} AS v FROM ${from}`, params);
  return new Map(rows.map((r) => [r.k, r.v === true]));
}

describe('the rules of the coordinated view, in SQL and in TypeScript, on the same rows', () => {
  it('gap: the same requests, at every "as at" and every number of days', async () => {
    const requests = await stored(columns.requests, 'coordination.requests', `request_id LIKE 'r-%'`);
    expect(requests.length).toBe(written.requests);
    for (const asAt of AS_ATS) {
      for (const days of GAP_DAYS) {
        const sql = await sqlVerdicts('coordination.requests t', 't.request_id', (p) => gapSql('t', p, asAt, days));
        const ts = new Map(requests.map((r) => [r.requestId, isGap(r, asAt, days)]));
        expect({ asAt, days, gaps: [...ts].filter(([k]) => sql.get(k) !== ts.get(k)) }).toEqual({ asAt, days, gaps: [] });
        // Both sides of the boundary are there.
        expect(new Set(ts.values())).toEqual(new Set([true, false]));
      }
    }
  });

  it('overdue and disputed: the same milestones, at every "as at"', async () => {
    const milestones = await stored(columns.milestones, 'coordination.milestones', `engagement_id LIKE 'e-%'`);
    expect(milestones.length).toBe(written.milestones);
    const engagementStatus = new Map((await stored(columns.engagements, 'coordination.engagements')).map((e) => [e.engagementId, e.status]));
    const from = 'coordination.milestones m LEFT JOIN coordination.engagements e ON e.engagement_id = m.engagement_id';
    const disputed = await sqlVerdicts(from, 'm.milestone_key', () => disputedSql('m', 'e'));
    const disputedTs = new Map(milestones.map((m) => [m.milestoneKey, isDisputed(m, engagementStatus.get(m.engagementId))]));
    expect([...disputedTs].filter(([k, v]) => disputed.get(k) !== v)).toEqual([]);
    expect(new Set(disputedTs.values())).toEqual(new Set([true, false]));
    for (const asAt of AS_ATS) {
      const sql = await sqlVerdicts(from, 'm.milestone_key', (p) => overdueSql('m', 'e', p, asAt));
      const ts = new Map(milestones.map((m) => [m.milestoneKey, isOverdue(m, engagementStatus.get(m.engagementId), asAt)]));
      expect({ asAt, overdue: [...ts].filter(([k, v]) => sql.get(k) !== v) }).toEqual({ asAt, overdue: [] });
      expect(new Set(ts.values())).toEqual(new Set([true, false]));
    }
  });

  it('overdue, whose move: the same split in SQL and TypeScript; only a reported milestone waits for the State', async () => {
    const milestones = await stored(columns.milestones, 'coordination.milestones', `engagement_id LIKE 'e-%'`);
    const from = 'coordination.milestones m LEFT JOIN coordination.engagements e ON e.engagement_id = m.engagement_id';
    const [asAt] = AS_ATS;
    const sql = await sqlVerdicts(from, 'm.milestone_key', (p) => `${overdueSql('m', 'e', p, asAt!)} AND ${overdueAwaitingSql('m')} = 'confirmation'`);
    const engagementStatus = new Map((await stored(columns.engagements, 'coordination.engagements')).map((e) => [e.engagementId, e.status]));
    const ts = new Map(milestones.map((m) => [m.milestoneKey, isOverdue(m, engagementStatus.get(m.engagementId), asAt!) && overdueAwaiting(m) === 'confirmation']));
    expect([...ts].filter(([k, v]) => sql.get(k) !== v)).toEqual([]);
    const byStatus = (status: string) => overdueAwaiting({ status });
    expect(Object.fromEntries(['scheduled', 'rescheduled', 'disputed', 'reported'].map((status) => [status, byStatus(status)]))).toEqual({
      scheduled: 'report',
      rescheduled: 'report',
      disputed: 'report',
      reported: 'confirmation',
    });
    expect(new Set(ts.values())).toEqual(new Set([true, false]));
  });
});
