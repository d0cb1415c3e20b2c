/** Money in integer minor units of `currency`; in-kind capacity in expert-days (`currency` null). */
export interface FundingLine {
  readonly unit: 'money' | 'expert_days';
  readonly currency: string | null;
  /** Everything ever offered. */
  readonly registered: number;
  /** Committed, plus what open offers still have: withdrawn or expired remainders no longer count. */
  readonly pledged: number;
  /** Committed by agreed engagements (released commitments excluded). */
  readonly committed: number;
  /** Amounts of completed engagements. */
  readonly delivered: number;
}

type Tallied = { -readonly [K in keyof FundingLine]: FundingLine[K] };

/** Funding lines being summed, one per unit (each currency, expert-days); live (SQL sums) and "as of" (rows in memory) alike. */
export class FundingTally {
  private readonly lines = new Map<string, Tallied>();

  /** The line of `unit` and `currency`, zero until added to. */
  line(unit: string, currency: string | null): Tallied {
    const key = `${unit}:${currency ?? ''}`;
    let l = this.lines.get(key);
    if (!l) this.lines.set(key, (l = { unit: unit as FundingLine['unit'], currency, registered: 0, pledged: 0, committed: 0, delivered: 0 }));
    return l;
  }

  /** The lines by unit, then currency. */
  sorted(): FundingLine[] {
    return [...this.lines.values()].sort((a, b) => a.unit.localeCompare(b.unit) || (a.currency ?? '').localeCompare(b.currency ?? ''));
  }
}
