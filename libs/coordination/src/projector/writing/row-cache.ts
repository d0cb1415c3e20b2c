/**
 * Rows a rebuild has written, kept between pages so that a case spread over a few pages is not
 * read back from the table: only the rebuild writes its new tables, so a cached row is the
 * stored row. Bounded (oldest entries go first): memory stays flat whatever the log size.
 */
export class RowCache {
  private readonly maps = new Map<string, Map<string, object>>();
  /** A temporal read model's rows' `valid_from`, beside them. */
  private readonly froms = new Map<string, Map<string, string>>();
  constructor(private readonly maxRowsPerModel = 5_000) {}

  of(model: string): Map<string, object> {
    let m = this.maps.get(model);
    if (!m) this.maps.set(model, (m = new Map()));
    return m;
  }

  validFromOf(model: string): Map<string, string> {
    let m = this.froms.get(model);
    if (!m) this.froms.set(model, (m = new Map()));
    return m;
  }

  remember(model: string, rows: Map<string, object>, validFrom?: ReadonlyMap<string, string>): void {
    const m = this.of(model);
    const f = validFrom ? this.validFromOf(model) : undefined;
    for (const [k, row] of rows) {
      m.delete(k);
      m.set(k, row);
      const from = validFrom?.get(k);
      if (f && from !== undefined) f.set(k, from);
    }
    for (const k of m.keys()) {
      if (m.size <= this.maxRowsPerModel) break;
      m.delete(k);
      f?.delete(k);
    }
  }
}
