import type { RegionProgress } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import { shapeMaturityMatrix } from './maturity-matrix';

const figures = (levelCounts: number[]) => {
  const target = levelCounts.reduce((sum, count) => sum + count, 0);
  const conformant = (levelCounts[3] ?? 0) + (levelCounts[4] ?? 0);
  return {
    targetServices: target,
    levelCounts,
    conformant,
    conformantShare: target > 0 ? conformant / target : null,
    populationWeightedShare: null,
    onlineByDeadline: 0,
    onlineByDeadlineShare: null,
    overdue: target - conformant,
    medianDaysLate: null,
  };
};

describe('Themenfeld x Reifegrad', () => {
  it('orders Themenfelder by OZG-konform share, leaves out those without target services, and gives level shares', () => {
    const rows = shapeMaturityMatrix([
      { themenfeld: 'Bildung', figures: figures([5, 5, 0, 0, 0]) },
      { themenfeld: 'Umwelt', figures: figures([0, 0, 0, 0, 0]) },
      { themenfeld: 'Gesundheit', figures: figures([1, 1, 0, 1, 1]) },
    ] satisfies RegionProgress['byThemenfeld']);
    expect(rows.map((row) => row.themenfeld)).toEqual(['Gesundheit', 'Bildung']);
    expect(rows[0]?.shares).toEqual([0.25, 0.25, 0, 0.25, 0.25]);
    expect(rows[0]?.conformantShare).toBe(0.5);
  });
});
