/**
 * `$first, $first+1, …` for an IN list of `count` bound values. Only the count shapes the SQL
 * text; the values themselves are always bound parameters.
 */
export function placeholders(count: number, first: number): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}
