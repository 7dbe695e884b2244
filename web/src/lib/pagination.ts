/** Pages of a list shown in the browser: counts from 1, never past the last page. */

/** How many pages `total` rows fill; an empty list still has one (empty) page. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** A page number from the address or the state, kept within 1 … the last page. */
export function clampPage(page: number, total: number, pageSize: number): number {
  if (!Number.isFinite(page)) return 1;
  return Math.min(Math.max(1, Math.trunc(page)), pageCount(total, pageSize));
}

/** The rows of one page and the 1-based positions of its first and last row (0 and 0 when empty). */
export function pageSlice<T>(
  items: readonly T[],
  page: number,
  pageSize: number,
): { rows: T[]; page: number; first: number; last: number } {
  const current = clampPage(page, items.length, pageSize);
  const start = (current - 1) * pageSize;
  const rows = items.slice(start, start + pageSize);
  return { rows, page: current, first: rows.length > 0 ? start + 1 : 0, last: start + rows.length };
}
