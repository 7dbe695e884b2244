import { describe, expect, it } from 'vitest';
import {
  computeProgress,
  daysBetween,
  forecastReach,
  median,
  medianOfHistogram,
  type StatusFact,
} from './progress';

const status = (
  maturityLevel: number,
  onlineSince: string | null = null,
  population = 1000,
  inTarget = true,
): StatusFact => ({
  maturityLevel,
  onlineSince,
  population,
  inTarget,
});

describe('computeProgress', () => {
  it('counts levels, the OZG-konform share, the deadline and the days late over the target set only', () => {
    const figures = computeProgress([
      status(0),
      status(2),
      status(3, '2022-06-01'),
      status(4, '2022-12-31'),
      status(3, '2023-01-10'),
      status(3, '2023-01-31'),
      status(4, '2021-01-01', 1000, false),
    ]);
    expect(figures).toEqual({
      targetServices: 6,
      levelCounts: [1, 0, 1, 3, 1],
      conformant: 4,
      conformantShare: 4 / 6,
      populationWeightedShare: 4 / 6,
      onlineByDeadline: 2,
      onlineByDeadlineShare: 2 / 6,
      overdue: 2,
      medianDaysLate: 20.5, // 10 and 31 days late
    });
  });

  it('weights by the inhabitants each administration serves', () => {
    const figures = computeProgress([status(3, '2022-01-01', 9000), status(0, null, 1000)]);
    expect(figures.conformantShare).toBe(0.5);
    expect(figures.populationWeightedShare).toBe(0.9);
  });

  it('has no shares for an empty target set', () => {
    expect(computeProgress([]).conformantShare).toBeNull();
    expect(computeProgress([]).medianDaysLate).toBeNull();
  });
});

describe('median', () => {
  it('takes the middle value or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('medianOfHistogram', () => {
  it('equals the median of the values written out, for odd and even counts and any order', () => {
    const cases: Record<string, number>[] = [
      { '5': 1 },
      { '3': 2, '1': 1 },
      { '10': 1, '2': 1 },
      { '400': 3, '12': 2, '730': 4, '1': 1 },
      { '7': 0, '9': 2 },
    ];
    for (const histogram of cases) {
      const values = Object.entries(histogram).flatMap(([value, count]) =>
        Array.from({ length: count }, () => Number(value)),
      );
      expect(medianOfHistogram(histogram)).toBe(median(values));
    }
  });

  it('has no median without values', () => {
    expect(medianOfHistogram({})).toBeNull();
    expect(medianOfHistogram({ '4': 0 })).toBeNull();
  });
});

describe('forecastReach', () => {
  const monthly = (shares: number[]) =>
    shares.map((share, index) => ({
      date: new Date(Date.UTC(2025, index, 1)).toISOString().slice(0, 10),
      share,
    }));

  it('extends a steady pace to the target date', () => {
    // +2 percentage points a month from 50 %: 100 % about 25 months after the start.
    const forecast = forecastReach(monthly(Array.from({ length: 13 }, (_, i) => 0.5 + 0.02 * i)), 1);
    expect(forecast.reachable).toBe(true);
    if (!forecast.reachable) return;
    expect(forecast.date >= '2027-01-15' && forecast.date <= '2027-02-15').toBe(true);
    // A perfect line has (next to) no uncertainty.
    expect(Math.abs(daysBetween(forecast.date, forecast.earliest))).toBeLessThanOrEqual(1);
    expect(forecast.slopePerYear).toBeCloseTo(0.24, 2);
  });

  it('gives no date when the pace is flat or falling, or the target is reached', () => {
    expect(forecastReach(monthly([0.6, 0.6, 0.6, 0.6]), 1)).toEqual({
      reachable: false,
      target: 1,
      reason: 'flat_or_falling',
    });
    expect(forecastReach(monthly([0.7, 0.65, 0.6]), 1)).toMatchObject({ reason: 'flat_or_falling' });
    expect(forecastReach(monthly([0.7, 0.8]), 0.75)).toMatchObject({ reason: 'reached' });
    expect(forecastReach(monthly([0.1, 0.2]), 1)).toMatchObject({ reason: 'too_few_points' });
  });

  it('names no date after the horizon: a slow pace is "beyond_horizon", a late upper bound is open', () => {
    // +0.1 percentage points a month from 40 %: 100 % would take 50 years, 75 % almost 30.
    const slow = monthly(Array.from({ length: 13 }, (_, i) => 0.4 + 0.001 * i));
    expect(forecastReach(slow, 1)).toEqual({ reachable: false, target: 1, reason: 'beyond_horizon' });
    expect(forecastReach(slow, 0.75)).toMatchObject({ reason: 'beyond_horizon' });
    // Reached in time by the central line, but its noisy lower bound would run past the horizon.
    const noisy = monthly([0.5, 0.56, 0.5, 0.58, 0.52, 0.6, 0.54, 0.62, 0.56, 0.64, 0.58, 0.66, 0.6]);
    const forecast = forecastReach(noisy, 1, 12, '2032-12-31');
    if (!forecast.reachable) throw new Error('expected a forecast');
    expect(forecast.date <= '2032-12-31').toBe(true);
    expect(forecast.latest).toBeNull();
    expect(forecastReach(noisy, 1, 12, '2027-12-31')).toMatchObject({ reason: 'beyond_horizon' });
  });

  it('widens the range for a noisy pace', () => {
    const forecast = forecastReach(monthly([0.5, 0.55, 0.52, 0.6, 0.58, 0.66, 0.63, 0.7]), 1);
    if (!forecast.reachable) throw new Error('expected a forecast');
    expect(forecast.earliest < forecast.date).toBe(true);
    expect(forecast.latest === null || forecast.latest > forecast.date).toBe(true);
  });
});
