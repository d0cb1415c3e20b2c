import { requestIdVisibleSql, requestVisibleSql, type Viewer } from '../access/request-visibility';
import type { Param } from '../sql';

/** The WHERE conditions of a statement under construction, and its parameters. */
export class Conditions {
  readonly where: string[] = [];

  /** `params`: those of a statement several `Conditions` build parts of (search's `UNION ALL`). */
  constructor(readonly params: unknown[] = []) {}

  /** A parameter of the statement (for a condition outside WHERE): its placeholder. */
  readonly param: Param = (value) => `$${this.params.push(value)}`;

  add(template: (p: Param) => string): this {
    this.where.push(template(this.param));
    return this;
  }

  when<T>(value: T | undefined, template: (p: Param, v: T) => string): this {
    return value === undefined ? this : this.add((p) => template(p, value));
  }

  /** Only the requests `viewer` may see (`alias`: a `coordination.requests` row). */
  visibleRequests(viewer: Viewer, alias = 't'): this {
    return this.add((p) => requestVisibleSql(viewer, alias, p) ?? 'true');
  }

  /** Only the rows naming (by `request_id`, an SQL expression) a request `viewer` may see: engagements, milestones... */
  visibleRequestIds(viewer: Viewer, requestId = 't.request_id'): this {
    return this.add((p) => requestIdVisibleSql(viewer, requestId, p) ?? 'true');
  }

  /** `WHERE ...`, or nothing without conditions. */
  get whereClause(): string {
    return this.where.length > 0 ? `WHERE ${this.where.join(' AND ')}` : '';
  }
}
