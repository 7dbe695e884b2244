import { describe, expect, it } from 'vitest';
import { hitCount } from './hit-count';

describe('hitCount', () => {
  it('says the exact count when the API sent every hit', () => {
    expect(hitCount(3, false)).toBe('3');
    expect(hitCount(0, false)).toBe('0');
  });

  it('says "mehr als" when the API has more than it sent', () => {
    expect(hitCount(10, true)).toBe('mehr als 10');
  });
});
