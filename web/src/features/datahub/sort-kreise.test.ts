import { describe, expect, it } from 'vitest';
import { sortKreise } from './sort-kreise';

const kreis = (ags: string, name: string, open: number, oldestDays: number | null) => ({
  ags,
  name,
  open,
  clarify: 0,
  gemeinden: 1,
  oldestDays,
});

describe('sortKreise', () => {
  const items = [
    kreis('06435', 'Main-Kinzig-Kreis', 30, 12),
    kreis('06431', 'Bergstraße', 30, 41),
    kreis('06411', 'Darmstadt', 5, null),
    kreis('06432', 'Darmstadt-Dieburg', 50, 3),
  ];

  it('orders by a figure, ties by name, and keeps a Kreis without an age last in both directions', () => {
    expect(sortKreise(items, 'open', 'desc').map((item) => item.ags)).toEqual([
      '06432',
      '06431',
      '06435',
      '06411',
    ]);
    expect(sortKreise(items, 'oldestDays', 'asc').map((item) => item.ags)).toEqual([
      '06432',
      '06435',
      '06431',
      '06411',
    ]);
    expect(sortKreise(items, 'oldestDays', 'desc').map((item) => item.ags)).toEqual([
      '06431',
      '06435',
      '06432',
      '06411',
    ]);
  });

  it('orders names the German way (ß, Umlaute)', () => {
    expect(sortKreise(items, 'name', 'asc').map((item) => item.name)).toEqual([
      'Bergstraße',
      'Darmstadt',
      'Darmstadt-Dieburg',
      'Main-Kinzig-Kreis',
    ]);
  });
});
