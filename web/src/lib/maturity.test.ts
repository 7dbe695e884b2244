import { describe, expect, it } from 'vitest';
import { maturityAccessible, maturityName, maturityShort, maturityText } from './maturity';

describe('Reifegrad with its model', () => {
  it('writes the level with the version of the Reifegradmodell', () => {
    expect(maturityShort(3, '1.1')).toBe('3 (RGM 1.1)');
    expect(maturityAccessible(3, '1.1')).toBe('Reifegrad 3 nach Reifegradmodell 1.1');
    expect(maturityText(3, '1.1')).toBe('3 – Online-Leistung (RGM 1.1)');
  });

  it('names each level by its own model (2.0: the shipped definition)', () => {
    expect(maturityName(4, '1.1')).toBe('Online-Transaktion');
    expect(maturityName(4, '2.0')).toBe('Digitaler Eingang');
    expect(maturityName(5, '1.1')).toBeNull();
    expect(maturityText(6, '2.0')).toBe('6 – Vernetzt (RGM 2.0)');
    expect(maturityAccessible(6, '2.0')).toBe('Reifegrad 6 nach Reifegradmodell 2.0');
  });
});
