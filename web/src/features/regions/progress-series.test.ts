import type { ProgressSeries } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import {
  dateToTime,
  describeForecast,
  describeForecasts,
  describeRecalculations,
  describeSeries,
  describeSeries2,
  shapeSeries,
  shapeSeries2,
  yearTicks,
} from './progress-series';

const point = (date: string, share: number) => ({
  date,
  targetServices: 100,
  conformant: share * 100,
  share,
});

const series = (forecast: ProgressSeries['forecast']): ProgressSeries => ({
  region: {
    id: 1,
    ags: '06',
    ars: '06',
    name: 'Hessen',
    level: 'land',
    kind: 'land',
    population: 1,
    areaHectares: null,
    sonderstatus: false,
    validFrom: '2020-01-01',
  },
  monthly: [point('2022-11-30', 0.1), point('2022-12-31', 0.2), point('2023-01-31', 0.5)],
  daily: [],
  deadline: point('2022-12-31', 0.2),
  forecast,
  recalculations: [],
});

describe('progress chart data', () => {
  it('continues the last measured value with the forecast dates of 75 % and 100 %, in date order', () => {
    const { points, deadlineTime } = shapeSeries(
      series({
        method: 'linear',
        horizon: '2040-12-31',
        full: {
          reachable: true,
          target: 1,
          date: '2025-06-30',
          earliest: '2025-01-01',
          latest: null,
          slopePerYear: 0.2,
        },
        threeQuarters: {
          reachable: true,
          target: 0.75,
          date: '2024-01-31',
          earliest: '2023-10-01',
          latest: '2024-05-01',
          slopePerYear: 0.2,
        },
      }),
    );
    expect(deadlineTime).toBe(Date.UTC(2022, 11, 31));
    expect(points.map((p) => [p.date, p.actual, p.forecast])).toEqual([
      ['2022-11-30', 0.1, null],
      ['2022-12-31', 0.2, null],
      ['2023-01-31', 0.5, 0.5],
      ['2024-01-31', null, 0.75],
      ['2025-06-30', null, 1],
    ]);
    expect(points[3]?.time).toBe(dateToTime('2024-01-31'));
    expect(yearTicks(points)).toEqual([Date.UTC(2023, 0, 1), Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)]);
  });

  it('draws no forecast when no target is reachable, and says why', () => {
    const flat = series({
      method: 'linear',
      horizon: '2040-12-31',
      full: { reachable: false, target: 1, reason: 'flat_or_falling' },
      threeQuarters: { reachable: false, target: 0.75, reason: 'too_few_points' },
    });
    expect(shapeSeries(flat).points.every((p) => p.forecast === null)).toBe(true);
    expect(describeForecast(flat.forecast.full, flat.forecast.horizon)).toBe(
      '100\u00a0% OZG-konform ist beim Tempo der letzten zwölf Monate nicht absehbar: der Anteil stagniert oder sinkt.',
    );
    expect(describeForecast(flat.forecast.threeQuarters, flat.forecast.horizon)).toMatch(
      /^75\u00a0% OZG-konform lässt sich noch nicht/,
    );
    expect(describeForecasts(flat.forecast)).toBe(
      '75\u00a0% OZG-konform lässt sich noch nicht vorhersagen: es gibt zu wenige Monatswerte. ' +
        '100\u00a0% OZG-konform ist beim Tempo der letzten zwölf Monate nicht absehbar: der Anteil stagniert oder sinkt.',
    );
    const bothFlat = {
      ...flat.forecast,
      threeQuarters: { reachable: false as const, target: 0.75, reason: 'flat_or_falling' as const },
    };
    expect(describeForecasts(bothFlat)).toBe(
      '75\u00a0% und 100\u00a0% OZG-konform sind beim Tempo der letzten zwölf Monate nicht absehbar: der Anteil stagniert oder sinkt.',
    );
    expect(describeSeries(flat)).toBe(
      'Zur Frist am 31.12.2022 waren 20,0\u00a0% der Zielleistungen OZG-konform, am 31.01.2023 50,0\u00a0%.',
    );
  });

  it('names the horizon instead of a date decades ahead, and never draws past it', () => {
    const slow = series({
      method: 'linear',
      horizon: '2040-12-31',
      full: { reachable: false, target: 1, reason: 'beyond_horizon' },
      threeQuarters: { reachable: false, target: 0.75, reason: 'beyond_horizon' },
    });
    expect(describeForecasts(slow.forecast)).toBe(
      '75\u00a0% und 100\u00a0% OZG-konform werden beim Tempo der letzten zwölf Monate erst nach 2040 erreicht.',
    );
    expect(describeForecast(slow.forecast.full, slow.forecast.horizon)).toBe(
      '100\u00a0% OZG-konform wird beim Tempo der letzten zwölf Monate erst nach 2040 erreicht.',
    );
    // A date past the horizon (from an older server) is not drawn: the axis ends with the measured months.
    const stretched = series({
      method: 'linear',
      horizon: '2040-12-31',
      full: {
        reachable: true,
        target: 1,
        date: '2441-02-03',
        earliest: '2100-01-01',
        latest: null,
        slopePerYear: 0.001,
      },
      threeQuarters: {
        reachable: true,
        target: 0.75,
        date: '2030-05-26',
        earliest: '2028-01-01',
        latest: null,
        slopePerYear: 0.01,
      },
    });
    expect(shapeSeries(stretched).points.map((p) => p.date)).toEqual([
      '2022-11-30',
      '2022-12-31',
      '2023-01-31',
      '2030-05-26',
    ]);
  });

  it('says the deadline once on the deadline day, and that it lay ahead before it', () => {
    const flat = series({
      method: 'linear',
      horizon: '2040-12-31',
      full: { reachable: false, target: 1, reason: 'flat_or_falling' },
      threeQuarters: { reachable: false, target: 0.75, reason: 'flat_or_falling' },
    });
    const onDeadline = { ...flat, monthly: flat.monthly.slice(0, 2) };
    expect(describeSeries(onDeadline)).toBe(
      'Zur Frist am 31.12.2022 waren 20,0\u00a0% der Zielleistungen OZG-konform.',
    );
    const before = { ...flat, monthly: flat.monthly.slice(0, 1), deadline: point('2022-11-30', 0.1) };
    expect(describeSeries(before)).toBe(
      'Am 30.11.2022 waren 10,0\u00a0% der Zielleistungen OZG-konform; die Frist 31.12.2022 stand noch bevor.',
    );
  });
});

describe('note on recalculated figures', () => {
  it('tells from which day the figures were recalculated and when', () => {
    expect(
      describeRecalculations([
        { effectiveFrom: '2026-01-01', recalculatedOn: '2026-03-15', fileName: 'GV100AD_010126.txt' },
      ]),
    ).toEqual([
      'Gebietsänderung zum 01.01.2026: Die Werte ab dem 01.01.2026 wurden am 15.03.2026 neu berechnet (Gemeindeverzeichnis GV100AD_010126.txt).',
    ]);
    expect(describeRecalculations([])).toEqual([]);
  });
});

describe('the course by Reifegradmodell 2.0', () => {
  const figures = (share: number | null) => ({
    counted: 100,
    assessed: share === null ? 0 : 40,
    atOrAbove: share === null ? 0 : share * 100,
    analogProcessing: 10,
    share,
    assessedShare: share === null ? 0 : 0.4,
    analogShare: 0.1,
  });
  const by2: ProgressSeries = {
    ...series({
      method: '',
      horizon: '2040-12-31',
      full: { reachable: false, target: 1, reason: 'too_few_points' },
      threeQuarters: { reachable: false, target: 0.75, reason: 'too_few_points' },
    }),
    model2: { version: 1, minLevel: 4, firstDay: '2022-12-15' },
    monthly: [
      { ...point('2022-11-30', 0.1), model2: null },
      { ...point('2022-12-31', 0.2), model2: figures(null) },
      { ...point('2023-01-31', 0.5), model2: figures(0.25) },
    ],
  };

  it('plots the 2.0 share from the first 2.0 snapshot on, without forecast points', () => {
    expect(shapeSeries2(by2)).toEqual([
      { time: dateToTime('2022-12-31'), date: '2022-12-31', actual: null, forecast: null },
      { time: dateToTime('2023-01-31'), date: '2023-01-31', actual: 0.25, forecast: null },
    ]);
  });

  it('says in German where it stands and since when it is recorded', () => {
    const text = describeSeries2(by2);
    expect(text).toContain('mindestens Stufe 4');
    expect(text).toContain('25,0');
    expect(text).toContain('seit dem 15.12.2022');
    expect(describeSeries2({ ...by2, model2: { version: 1, minLevel: 3, firstDay: null } })).toMatch(
      /noch keinen Tagesstand nach Reifegradmodell 2\.0/,
    );
  });
});
