import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSearch } from './navigation';
import { asOfParam, landParam, oneOfParam, pageParam, textParam } from './search-params';

const parse = (query: string) =>
  parseSearch(
    z.object({
      land: landParam(),
      stand: asOfParam('2026-11-25'),
      seite: pageParam(),
      q: textParam(5),
      quelle: oneOfParam(['ui', 'csv']),
    }),
    new URLSearchParams(query),
  );

describe('search parameters', () => {
  it('are read with their types', () => {
    expect(parse('land=09&stand=2022-12-31&seite=3&q=%20Wohngeld%20&quelle=csv')).toEqual({
      land: '09',
      stand: '2022-12-31',
      seite: 3,
      q: 'Wohng',
      quelle: 'csv',
    });
  });

  it('fall back to their defaults when missing or invalid, one field at a time', () => {
    expect(parse('')).toEqual({ land: '06', stand: null, seite: 1, q: '', quelle: null });
    expect(parse('land=6&stand=2022-12-31&seite=0&quelle=api')).toEqual({
      land: '06',
      stand: '2022-12-31',
      seite: 1,
      q: '',
      quelle: null,
    });
    expect(parse('seite=2.5').seite).toBe(1);
  });

  it('accept only real past days as the as-of date', () => {
    const asOf = (stand: string) => parse(`stand=${stand}`).stand;
    expect(asOf('2022-12-31')).toBe('2022-12-31');
    expect(asOf('2022-02-30')).toBeNull();
    expect(asOf('2026-11-25')).toBeNull();
    expect(asOf('31.12.2022')).toBeNull();
    // The API refuses dates before 2000 (implausible; year 0000 is no date at all).
    expect(asOf('1999-12-31')).toBeNull();
    expect(asOf('0000-01-01')).toBeNull();
    expect(asOf('2000-01-01')).toBe('2000-01-01');
  });
});
