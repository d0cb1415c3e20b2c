export const DAY_SECONDS = 86_400;
export const DAY_MS = DAY_SECONDS * 1000;

/** The calendar day (UTC, `YYYY-MM-DD`) of an "as at" instant: milestones are due on days. */
export function dayOf(asAt: Date): string {
  return asAt.toISOString().slice(0, 10);
}
