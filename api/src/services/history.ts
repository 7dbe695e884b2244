import { type Db, DERIVED_MODEL_FAMILY, intArray, queryRowsAs } from '@ozg/db';
import {
  FORECAST_HORIZON,
  forecastReach,
  type Model2SeriesPoint,
  model2SeriesPoint,
  OZG_DEADLINE,
  type ProgressSeries,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { model2OnDays, newestModel2 } from './maturity-figures';
import { summarizeRegion, today } from './regions';

type Point = {
  date: string;
  targetServices: number;
  conformant: number;
  share: number | null;
  model2?: Model2SeriesPoint | null;
};

/** A region's snapshot on a day (int4 columns, the day as text): a few hundred rows per series. */
const DayTotalRow = z.object({
  region_id: z.number().int(),
  day: z.string(),
  target: z.number().int(),
  conformant: z.number().int(),
});

/**
 * Regions' totals at the end of given German days (decision 010), on the territory of each
 * day: the latest progress snapshot of the region at or before the day (one
 * index lookup per region and day). Keyed by `${regionId}:${day}`.
 */
export async function totalsOnDays(
  db: Db,
  regionIds: readonly number[],
  days: readonly string[],
): Promise<Map<string, Point>> {
  const rows = await queryRowsAs(
    db,
    DayTotalRow,
    sql`select r.region_id, d.day::text as day, coalesce(s.target_count, 0) as target, coalesce(s.conformant, 0) as conformant
        from unnest(${intArray(regionIds)}) r(region_id)
        cross join unnest(${`{${days.join(',')}}`}::date[]) d(day)
        left join lateral (
          select p.target_count, p.conformant from progress_snapshots p
          where p.region_id = r.region_id and p.day <= d.day order by p.day desc limit 1) s on true`,
  );
  return new Map(
    rows.map((row) => [
      `${row.region_id}:${row.day}`,
      {
        date: row.day,
        targetServices: row.target,
        conformant: row.conformant,
        share: row.target > 0 ? row.conformant / row.target : null,
      },
    ]),
  );
}

/** Month ends from the month of `first` to the month of `last` (the last one is `last` itself). */
export function monthEnds(first: string, last: string): string[] {
  const result: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (;;) {
    const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    if (end >= last) {
      result.push(last);
      return result;
    }
    result.push(end);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
}

export function lastDays(last: string, count: number): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) =>
    new Date(end - (count - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  );
}

const FORECAST_METHOD =
  'Lineare Regression über die Monatswerte der letzten 12 Monate bis zum Stichtag; Spanne aus Steigung ± 1,96 Standardfehler. ' +
  'Bei flachem oder fallendem Verlauf kein Datum. ' +
  `Die Prognose nennt kein Datum nach ${FORECAST_HORIZON.slice(0, 4)}: so weit trägt eine Gerade über ein Jahr nicht.`;

/**
 * The OZG-konform share over time up to a day (default today): month ends
 * from the region's first snapshot with target services up to that day, the
 * 90 days before it and the deadline, and the forecast from the months up to
 * that day. Nothing after the day is read, so an as-of page ends there.
 * With model 2.0 every point also carries the figures by 2.0 of the same day
 * (decision 020); the forecast stays the 1.1 one (the 2022 deadline view).
 */
export async function getProgressSeries({
  db,
  key,
  asOf,
  model,
}: {
  db: Db;
  key: string;
  asOf?: string;
  model?: { family: '1.1' | '2.0'; minLevel?: number | undefined } | undefined;
}): Promise<ProgressSeries> {
  const end = asOf ?? today();
  const region = await summarizeRegion(db, key, end);
  // Where the region's recorded history begins: its first snapshot with target services (primary key order).
  const [first] = await queryRowsAs(
    db,
    z.object({ first: z.string().nullable() }),
    sql`select min(day)::text as first from progress_snapshots
        where region_id = ${region.id} and target_count > 0 and day <= ${end}::date`,
  );
  const months = monthEnds(first?.first ?? end, end);
  const days = lastDays(end, 90);
  // Before the deadline, the deadline's state is not known yet: the point is the day itself.
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings; Math.min would make them NaN
  const deadline = OZG_DEADLINE <= end ? OZG_DEADLINE : end;
  const all = [...new Set([...months, ...days, deadline])].sort();
  const points = await totalsOnDays(db, [region.id], all);
  const model2 = model?.family === '2.0' ? await seriesModel2(db, region.id, all, end, model.minLevel) : null;
  const pick = (date: string): Point => {
    const point = points.get(`${region.id}:${date}`) as Point;
    return model2 ? { ...point, model2: model2.points.get(date) ?? null } : point;
  };
  const monthly = months.map(pick);
  const shares = monthly
    .filter((point) => point.share !== null)
    .map((point) => ({ date: point.date, share: point.share as number }));
  // Territory changes loaded after their Stichtag rewrote the figures from that day on: say so.
  const recalculations = await queryRowsAs(
    db,
    z.object({ effective_from: z.string(), recalculated_on: z.string(), file_name: z.string() }),
    sql`select stichtag::text as effective_from, recalculated_on::text, file_name from (
          select stichtag, (imported_at at time zone 'Europe/Berlin')::date as recalculated_on, file_name, id
          from territory_imports where land = ${region.ags.slice(0, 2)} and territory_changes > 0) t
        where stichtag < recalculated_on order by stichtag, id`,
  );
  return {
    region,
    ...(model2 ? { model2: model2.meta } : {}),
    recalculations: recalculations.map((row) => ({
      effectiveFrom: row.effective_from,
      recalculatedOn: row.recalculated_on,
      fileName: row.file_name,
    })),
    monthly,
    daily: days.map(pick),
    deadline: pick(deadline),
    forecast: {
      method: FORECAST_METHOD,
      horizon: FORECAST_HORIZON,
      full: forecastReach(shares, 1),
      threeQuarters: forecastReach(shares, 0.75),
    },
  };
}

/** The 2.0 points of a region's series: each day's figures from its latest 2.0 snapshot, and the first such day. */
async function seriesModel2(
  db: Db,
  regionId: number,
  days: readonly string[],
  end: string,
  minLevel: number | undefined,
): Promise<{
  meta: NonNullable<ProgressSeries['model2']>;
  points: Map<string, Model2SeriesPoint | null>;
}> {
  const newest = await newestModel2(db);
  const level = minLevel ?? newest?.conformant ?? 3;
  const [first] = await queryRowsAs(
    db,
    z.object({ first: z.string().nullable() }),
    sql`select min(day)::text as first from region_model_snapshots
        where region_id = ${regionId} and family = ${DERIVED_MODEL_FAMILY}::maturity_model and day <= ${end}::date`,
  );
  const counts = await model2OnDays(db, [regionId], days);
  return {
    meta: { version: newest?.version ?? null, minLevel: level, firstDay: first?.first ?? null },
    points: new Map(
      days.map((day) => {
        const found = counts.get(`${regionId}:${day}`);
        return [day, found ? model2SeriesPoint(found, level) : null];
      }),
    ),
  };
}
