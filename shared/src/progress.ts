import { OZG_CONFORMANT_LEVEL, OZG_DEADLINE } from './maturity';

/**
 * Progress figures and the pure reference functions the analytics are checked
 * against. Shares are 0-1; days are calendar days.
 */

/** One status as the reference computation needs it. */
export type StatusFact = {
  inTarget: boolean;
  maturityLevel: number;
  /** ISO date the service reached Reifegrad 3, or null. */
  onlineSince: string | null;
  /** Inhabitants served by the administration that carries the status. */
  population: number;
};

export type ProgressFigures = {
  targetServices: number;
  /** Target services per Reifegrad 0-4. */
  levelCounts: [number, number, number, number, number];
  /** Reifegrad >= 3. */
  conformant: number;
  conformantShare: number | null;
  /**
   * Each status weighted by the inhabitants its administration serves: the share
   * of inhabitant-service pairs that are OZG-konform.
   */
  populationWeightedShare: number | null;
  /** Reifegrad >= 3 with "online seit" on or before 31.12.2022. */
  onlineByDeadline: number;
  onlineByDeadlineShare: number | null;
  /** Target services still below Reifegrad 3. */
  overdue: number;
  /** Median of the days after the deadline at which late services went online; null when none was late. */
  medianDaysLate: number | null;
};

const DAY_MS = 86_400_000;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The median of values given as a histogram {value: count} (as the totals
 * store the days late), equal to median() of the values written out.
 */
export function medianOfHistogram(histogram: Readonly<Record<string, number>>): number | null {
  const buckets = Object.entries(histogram)
    .map(([value, count]) => [Number(value), count] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  // The k-th smallest value (1-based); the median averages the two middle ones when the count is even.
  const nth = (k: number) => {
    let seen = 0;
    for (const [value, count] of buckets) {
      seen += count;
      if (seen >= k) return value;
    }
    throw new Error('unreachable');
  };
  return (nth(Math.floor((total + 1) / 2)) + nth(Math.floor((total + 2) / 2))) / 2;
}

/** The reference computation of a region's figures from its statuses (no rollups, no SQL). */
export function computeProgress(statuses: readonly StatusFact[]): ProgressFigures {
  const target = statuses.filter((status) => status.inTarget);
  const levelCounts: ProgressFigures['levelCounts'] = [0, 0, 0, 0, 0];
  let weightedConformant = 0;
  let weightedTarget = 0;
  const daysLate: number[] = [];
  let onlineByDeadline = 0;
  for (const status of target) {
    const level = Math.min(4, Math.max(0, status.maturityLevel));
    levelCounts[level as 0 | 1 | 2 | 3 | 4]++;
    weightedTarget += status.population;
    if (status.maturityLevel >= OZG_CONFORMANT_LEVEL) {
      weightedConformant += status.population;
      if (status.onlineSince && status.onlineSince <= OZG_DEADLINE) onlineByDeadline++;
      if (status.onlineSince && status.onlineSince > OZG_DEADLINE)
        daysLate.push(daysBetween(OZG_DEADLINE, status.onlineSince));
    }
  }
  const conformant = levelCounts[3] + levelCounts[4];
  return {
    targetServices: target.length,
    levelCounts,
    conformant,
    conformantShare: share(conformant, target.length),
    populationWeightedShare: share(weightedConformant, weightedTarget),
    onlineByDeadline,
    onlineByDeadlineShare: share(onlineByDeadline, target.length),
    overdue: target.length - conformant,
    medianDaysLate: median(daysLate),
  };
}

export type SeriesPoint = { date: string; share: number };

/**
 * `administrations` in every figure (today, snapshots' days, asOf), one definition:
 * the Gemeinden and Landkreise (for their own tasks) with at least one target
 * service on that day. Kreisfreie Städte count as Gemeinden.
 */
export const ADMINISTRATIONS_DEFINITION =
  'Gemeinden und Landkreise (für ihre eigenen Aufgaben) mit mindestens einer Zielleistung an diesem Tag';

/**
 * The last day a forecast may name. A straight line over the last 12 months
 * says little about decades ahead; beyond this day the forecast says only
 * "not before" (reason `beyond_horizon`), and the chart never reaches past it.
 */
export const FORECAST_HORIZON = '2040-12-31';

export type Forecast =
  | {
      reachable: true;
      target: number;
      date: string;
      earliest: string;
      /** Null when the slope's lower bound is not positive or the latest date lies beyond the horizon. */
      latest: string | null;
      slopePerYear: number;
    }
  | {
      reachable: false;
      target: number;
      reason: 'reached' | 'flat_or_falling' | 'too_few_points' | 'beyond_horizon';
    };

/**
 * When a region reaches a target share at its recent pace: a least-squares line
 * through the monthly shares of the last 12 months. The range uses the slope
 * plus/minus 1.96 standard errors; when the lower bound is not positive, the
 * latest date is open (null). A flat or falling pace gives no date, nor does a
 * date after the horizon (FORECAST_HORIZON); a latest date after it is open.
 */
export function forecastReach(
  series: readonly SeriesPoint[],
  target: number,
  window = 12,
  horizon = FORECAST_HORIZON,
): Forecast {
  const points = series.slice(-window - 1);
  const last = points.at(-1);
  if (last && last.share >= target) return { reachable: false, target, reason: 'reached' };
  if (points.length < 3 || !last) return { reachable: false, target, reason: 'too_few_points' };
  const origin = Date.parse(`${points[0]?.date}T00:00:00Z`);
  const xs = points.map((point) => (Date.parse(`${point.date}T00:00:00Z`) - origin) / DAY_MS);
  const ys = points.map((point) => point.share);
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += ((xs[i] as number) - meanX) ** 2;
    sxy += ((xs[i] as number) - meanX) * ((ys[i] as number) - meanY);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  // A pace below 0.1 percentage points a year counts as flat.
  if (slope * 365 < 0.001) return { reachable: false, target, reason: 'flat_or_falling' };
  const intercept = meanY - slope * meanX;
  const residual = ys.reduce((sum, y, i) => sum + (y - (intercept + slope * (xs[i] as number))) ** 2, 0);
  const standardError = n > 2 ? Math.sqrt(residual / (n - 2) / sxx) : 0;
  const lastX = xs.at(-1) as number;
  const horizonTime = Date.parse(`${horizon}T00:00:00Z`);
  const fromLast = (rate: number) => origin + (lastX + (target - last.share) / rate) * DAY_MS;
  const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
  const central = fromLast(slope);
  if (!(central <= horizonTime)) return { reachable: false, target, reason: 'beyond_horizon' };
  const low = slope - 1.96 * standardError;
  const latest = low > 0 ? fromLast(low) : Number.POSITIVE_INFINITY;
  return {
    reachable: true,
    target,
    date: iso(central),
    earliest: iso(fromLast(slope + 1.96 * standardError)),
    latest: latest <= horizonTime ? iso(latest) : null,
    slopePerYear: slope * 365,
  };
}
