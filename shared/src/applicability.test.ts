import { describe, expect, it } from 'vitest';
import { appliesByDefault, carriesStatuses } from './applicability';

describe('target sets by default', () => {
  it('gives Gemeinde-level services to every Gemeinde and Kreis-level services to Landkreise', () => {
    expect(appliesByDefault({ level: 'gemeinde', kind: 'gemeinde' }, 'gemeinde')).toBe(true);
    expect(appliesByDefault({ level: 'gemeinde', kind: 'stadt' }, 'kreis')).toBe(false);
    expect(appliesByDefault({ level: 'kreis', kind: 'landkreis' }, 'kreis')).toBe(true);
    expect(appliesByDefault({ level: 'kreis', kind: 'landkreis' }, 'gemeinde')).toBe(false);
  });

  it('gives a kreisfreie Stadt both levels, once, on its Gemeinde record', () => {
    expect(appliesByDefault({ level: 'gemeinde', kind: 'kreisfreie_stadt' }, 'gemeinde')).toBe(true);
    expect(appliesByDefault({ level: 'gemeinde', kind: 'kreisfreie_stadt' }, 'kreis')).toBe(true);
    expect(carriesStatuses({ level: 'kreis', kind: 'kreisfreie_stadt' })).toBe(false);
    expect(appliesByDefault({ level: 'kreis', kind: 'kreisfreie_stadt' }, 'kreis')).toBe(false);
  });

  it('gives nobody services of the Land or the Bund, nor undecided ones', () => {
    for (const level of ['land', 'bund', null] as const) {
      expect(appliesByDefault({ level: 'gemeinde', kind: 'gemeinde' }, level)).toBe(false);
      expect(appliesByDefault({ level: 'kreis', kind: 'landkreis' }, level)).toBe(false);
    }
  });
});
