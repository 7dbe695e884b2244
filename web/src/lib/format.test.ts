import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatShare } from './format';

describe('German formatting', () => {
  it('groups thousands with dots and writes shares with a comma', () => {
    expect(formatNumber(6_391_360)).toBe('6.391.360');
    expect(formatShare(0.12345)).toBe('12,3\u00a0%');
    expect(formatNumber(null)).toBe('–');
  });

  it('writes dates as day.month.year', () => {
    expect(formatDate('2022-12-31')).toBe('31.12.2022');
    expect(formatDate('2026-01-01T10:00:00Z')).toBe('01.01.2026');
  });
});
