/**
 * A calendar quarter as the API names it (`2026-Q3`, UTC) -> its first day and the next
 * quarter's, `YYYY-MM-DD`: the requests list's `submittedFrom` (on or after) and `submittedTo`
 * (before). `null` for anything else.
 */
export function quarterDays(quarter: string): { from: string; to: string } | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  const day = (y: number, month: number) => `${y}-${String(month).padStart(2, '0')}-01`;
  return { from: day(year, q * 3 - 2), to: q === 4 ? day(year + 1, 1) : day(year, q * 3 + 1) };
}
