import { describe, expect, it } from 'vitest';
import {
  brokenLinkText,
  countOf,
  daysAgo,
  formatCount,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercentagePoints,
  formatShare,
  inLastDays,
  inRegion,
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

describe('countOf', () => {
  it('is formatCount under the name the issue uses', () => {
    expect(countOf(1, 'Leistung', 'Leistungen')).toBe('1 Leistung');
    expect(countOf(2, 'Kommune', 'Kommunen')).toBe('2 Kommunen');
  });
});

describe('past days', () => {
  it('reads as the past, never as the future', () => {
    expect(daysAgo(0)).toBe('heute');
    expect(daysAgo(1)).toBe('gestern');
    expect(daysAgo(30)).toBe('vor 30 Tagen');
    expect(inLastDays(30)).toBe('in den letzten 30 Tagen');
    expect(inLastDays(1)).toBe('am letzten Tag');
  });
});

describe('inRegion', () => {
  it('takes the article from the level and kind', () => {
    expect(inRegion({ name: 'Hessen', level: 'land', kind: 'land' })).toBe('in Hessen');
    expect(inRegion({ name: 'Regierungsbezirk Darmstadt', level: 'bezirk', kind: 'regierungsbezirk' })).toBe(
      'im Regierungsbezirk Darmstadt',
    );
    expect(inRegion({ name: 'Oberbayern', level: 'bezirk', kind: 'regierungsbezirk' })).toBe(
      'im Regierungsbezirk Oberbayern',
    );
    expect(inRegion({ name: 'Main-Kinzig-Kreis', level: 'kreis', kind: 'landkreis' })).toBe(
      'im Main-Kinzig-Kreis',
    );
    expect(inRegion({ name: 'Wetteraukreis', level: 'kreis', kind: 'landkreis' })).toBe('im Wetteraukreis');
    expect(inRegion({ name: 'Bergstraße', level: 'kreis', kind: 'landkreis' })).toBe(
      'im Landkreis Bergstraße',
    );
    expect(inRegion({ name: 'Offenbach am Main, Stadt', level: 'kreis', kind: 'kreisfreie_stadt' })).toBe(
      'in der Stadt Offenbach am Main',
    );
    expect(inRegion({ name: 'Alsfeld, Stadt', level: 'gemeinde', kind: 'stadt' })).toBe(
      'in der Stadt Alsfeld',
    );
    expect(inRegion({ name: 'Biebertal', level: 'gemeinde', kind: 'gemeinde' })).toBe(
      'in der Gemeinde Biebertal',
    );
    expect(inRegion({ name: 'Markt Indersdorf', level: 'gemeinde', kind: 'markt' })).toBe(
      'im Markt Indersdorf',
    );
  });
});

describe('brokenLinkText', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  const link = { checkedAt: now.toISOString(), lastSuccessAt: null } as const;
  it('says since how many days and the HTTP status', () => {
    expect(
      brokenLinkText(
        { ...link, result: 'http_error', httpStatus: 404, brokenSince: '2026-11-20T02:30:00Z' },
        now,
      ),
    ).toBe('Link defekt seit 12 Tagen · HTTP 404');
  });
  it('names the failure without a status, and counts one day in the singular', () => {
    expect(
      brokenLinkText(
        { ...link, result: 'timeout', httpStatus: null, brokenSince: '2026-12-01T02:30:00Z' },
        now,
      ),
    ).toBe('Link defekt seit 1 Tag · Zeitüberschreitung');
    expect(
      brokenLinkText(
        { ...link, result: 'unreachable', httpStatus: null, brokenSince: '2026-12-02T02:30:00Z' },
        now,
      ),
    ).toBe('Link defekt seit heute · nicht erreichbar');
  });
});
