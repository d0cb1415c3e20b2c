/** The p-th percentile of ascending `sorted` (nearest rank), NaN when it is empty: the benches' one definition. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
