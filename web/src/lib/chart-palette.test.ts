import { describe, expect, it } from 'vitest';
import { CHART_COLOURS, contrastRatio } from './chart-palette';

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself, in either order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#3a78b5', '#3a78b5')).toBe(1);
  });

  it('measures the former light blue at 2.96:1, too little for graphics', () => {
    expect(contrastRatio('#5b9bd5', '#ffffff')).toBeCloseTo(2.96, 2);
  });

  it('refuses what is not #rrggbb', () => {
    expect(() => contrastRatio('blue', '#ffffff')).toThrow(/#rrggbb/);
  });
});

describe('the chart colours on white', () => {
  const { grid, ...drawn } = CHART_COLOURS;
  it.each(Object.entries(drawn))('%s (%s) reaches 4.5:1, enough for text and graphics', (_name, colour) => {
    expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps the highlighted bar apart from the others (at least 2:1 between them)', () => {
    expect(contrastRatio(CHART_COLOURS.bar, CHART_COLOURS.barHighlight)).toBeGreaterThanOrEqual(2);
  });
});
