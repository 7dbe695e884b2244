import { describe, expect, it } from 'vitest';
import { isMunicipalLeikaType, parseLeikaTypes } from './catalog';

describe('LeiKa types', () => {
  it('reads single, combined and listed types', () => {
    expect(parseLeikaTypes('2/3')).toEqual(['2/3']);
    expect(parseLeikaTypes('1, 2/3')).toEqual(['1', '2/3']);
    expect(parseLeikaTypes('')).toEqual([]);
    expect(parseLeikaTypes('Land')).toBeNull();
    expect(parseLeikaTypes('2/')).toBeNull();
  });

  it('treats 2, 3, 2/3, 4 and 5 as municipally executable, 1 and 6 not', () => {
    expect(isMunicipalLeikaType(['1'])).toBe(false);
    expect(isMunicipalLeikaType(['6'])).toBe(false);
    expect(isMunicipalLeikaType([])).toBe(false);
    for (const type of ['2', '3', '2/3', '4', '5']) expect(isMunicipalLeikaType([type])).toBe(true);
    expect(isMunicipalLeikaType(['1', '2/3'])).toBe(true);
  });
});
