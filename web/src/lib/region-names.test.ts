import { describe, expect, it } from 'vitest';
import { regionShortName, wrapLabel } from './region-names';

describe('regionShortName', () => {
  it('tells the Landkreis from the kreisfreie Stadt of the same name', () => {
    expect(regionShortName({ name: 'Kassel', kind: 'landkreis' })).toBe('Lkr. Kassel');
    expect(regionShortName({ name: 'Kassel, documenta-Stadt', kind: 'kreisfreie_stadt' })).toBe('Kassel');
    expect(regionShortName({ name: 'Offenbach', kind: 'landkreis' })).toBe('Lkr. Offenbach');
    expect(regionShortName({ name: 'Landkreis Offenbach', kind: 'landkreis' })).toBe('Lkr. Offenbach');
    expect(regionShortName({ name: 'Offenbach am Main, Stadt', kind: 'kreisfreie_stadt' })).toBe(
      'Offenbach am Main',
    );
  });

  it('keeps Kreise already called "…kreis" and Gemeinden as they are', () => {
    expect(regionShortName({ name: 'Main-Kinzig-Kreis', kind: 'landkreis' })).toBe('Main-Kinzig-Kreis');
    expect(regionShortName({ name: 'Vogelsbergkreis', kind: 'landkreis' })).toBe('Vogelsbergkreis');
    expect(regionShortName({ name: 'Bad Homburg v.d.Höhe, Stadt', kind: 'stadt' })).toBe(
      'Bad Homburg v.d.Höhe',
    );
  });

  it('abbreviates Regierungsbezirke as "Reg.-Bez."', () => {
    expect(regionShortName({ name: 'Regierungsbezirk Darmstadt', kind: 'regierungsbezirk' })).toBe(
      'Reg.-Bez. Darmstadt',
    );
  });
});

describe('wrapLabel', () => {
  it('breaks at spaces and after hyphens, never inside a word', () => {
    expect(wrapLabel('Reg.-Bez. Darmstadt', 12)).toEqual(['Reg.-Bez.', 'Darmstadt']);
    expect(wrapLabel('Rheingau-Taunus-Kreis', 12)).toEqual(['Rheingau-', 'Taunus-Kreis']);
    expect(wrapLabel('Lkr. Kassel', 12)).toEqual(['Lkr. Kassel']);
  });

  it('keeps an overlong word whole', () => {
    expect(wrapLabel('Baumfällgenehmigung beantragen', 10)).toEqual(['Baumfällgenehmigung', 'beantragen']);
  });
});
