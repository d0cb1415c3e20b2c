/**
 * Rows a rebuild has written, kept between pages so that a case spread over a few pages is not
 * read back from the table: only the rebuild writes its new tables, so a cached row is the
 * stored row. Bounded (oldest entries go first): memory stays flat whatever the log size.
 */
export class RowCache {
  private readonly maps = new Map<string, Map<string, object>>();
  constructor(private readonly maxRowsPerModel = 5_000) {}

  of(model: string): Map<string, object> {
    let m = this.maps.get(model);
    if (!m) this.maps.set(model, (m = new Map()));
    return m;
  }

  remember(model: string, rows: Map<string, object>): void {
    const m = this.of(model);
    for (const [k, row] of rows) {
      m.delete(k);
      m.set(k, row);
    }
    for (const k of m.keys()) {
      if (m.size <= this.maxRowsPerModel) break;
      m.delete(k);
    }
  }
}
