import { describe, expect, it } from 'vitest';
import { clampPage, pageCount, pageSlice } from './pagination';

describe('pagination', () => {
  it('counts the pages of a list, one page for an empty list', () => {
    expect(pageCount(95, 25)).toBe(4);
    expect(pageCount(100, 25)).toBe(4);
    expect(pageCount(0, 25)).toBe(1);
  });

  it('keeps a page number within the first and the last page', () => {
    expect(clampPage(9, 95, 25)).toBe(4);
    expect(clampPage(0, 95, 25)).toBe(1);
    expect(clampPage(Number.NaN, 95, 25)).toBe(1);
    expect(clampPage(2.7, 95, 25)).toBe(2);
  });

  it('cuts out the rows of a page with the positions of its first and last row', () => {
    const items = Array.from({ length: 95 }, (_, index) => index + 1);
    expect(pageSlice(items, 4, 25)).toMatchObject({ page: 4, first: 76, last: 95 });
    expect(pageSlice(items, 4, 25).rows).toHaveLength(20);
    expect(pageSlice(items, 7, 25).page).toBe(4);
    expect(pageSlice([], 1, 25)).toEqual({ rows: [], page: 1, first: 0, last: 0 });
  });
});
