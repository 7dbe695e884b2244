import { describe, expect, it } from 'vitest';
import { nextOrder } from './SortHeader';

describe('sorting by a column header', () => {
  it('turns the order round on the sorted column and starts another column with its first order', () => {
    expect(nextOrder(true, 'asc')).toBe('desc');
    expect(nextOrder(true, 'desc', 'desc')).toBe('asc');
    expect(nextOrder(false, 'asc')).toBe('asc');
    expect(nextOrder(false, 'asc', 'desc')).toBe('desc');
  });
});
