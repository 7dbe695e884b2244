import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercentagePoints,
  formatShare,
} from './format';

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

describe('German differences and timestamps', () => {
  it('writes percentage points with a sign and a comma', () => {
    expect(formatPercentagePoints(-0.1234)).toBe('-12,3\u00a0Pp.');
    expect(formatPercentagePoints(0.05)).toBe('+5,0\u00a0Pp.');
    expect(formatPercentagePoints(0)).toBe('0,0\u00a0Pp.');
    expect(formatPercentagePoints(null)).toBe('–');
  });

  it('writes timestamps in German time', () => {
    expect(formatDateTime('2022-12-31T23:30:00Z')).toBe('01.01.2023, 00:30');
    expect(formatDateTime(null)).toBe('–');
  });
});

describe('counts with their noun', () => {
  it('uses the singular only for exactly one', () => {
    expect(formatCount(1, 'Leistung', 'Leistungen')).toBe('1 Leistung');
    expect(formatCount(0, 'Leistung', 'Leistungen')).toBe('0 Leistungen');
    expect(formatCount(1234, 'Leistung', 'Leistungen')).toBe('1.234 Leistungen');
  });
});
