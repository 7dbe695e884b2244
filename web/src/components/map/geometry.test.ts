import { geoArea } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { forD3 } from './geometry';

const counterClockwise: [number, number][] = [
  [8, 50],
  [9, 50],
  [9, 51],
  [8, 51],
  [8, 50],
];

describe('forD3', () => {
  it('turns a counter-clockwise outline (RFC 7946) so that d3 encloses the Kreis, not the world', () => {
    const fixed = forD3({ type: 'Polygon', coordinates: [counterClockwise] });
    expect(geoArea(fixed)).toBeLessThan(0.001);
    expect(geoArea({ type: 'Polygon', coordinates: [counterClockwise] })).toBeGreaterThan(2 * Math.PI);
  });

  it('leaves a clockwise outline as it is', () => {
    const clockwise = [...counterClockwise].reverse();
    expect(forD3({ type: 'MultiPolygon', coordinates: [[clockwise]] })).toEqual({
      type: 'MultiPolygon',
      coordinates: [[clockwise]],
    });
  });
});
