import { type Db, queryRows } from '@ozg/db';
import {
  CITY_KREIS_KINDS,
  forecastReach,
  OZG_CONFORMANT_LEVEL,
  OZG_DEADLINE,
  type ProgressSeries,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { summarizeRegion, today } from './regions';

type Point = { date: string; targetServices: number; conformant: number; share: number | null };

/**
 * The state of a region's target services at the end of each given day, from
 * the append-only events and on the territory valid on that day: a status
 * counts for the day if the latest event before the day's end (UTC) had it in
 * the target set, and as OZG-konform if that event had Reifegrad >= 3.
 *
 * Exact and simple; it reads the events of the region on every call, which is
 * fine for a Land but is to be backed by stored snapshots at national scale
 * (see docs/decisions/005-analytics.md).
 */
export async function stateOnDays(db: Db, regionId: number, days: readonly string[]): Promise<Point[]> {
  const cityKinds = `{${CITY_KREIS_KINDS.join(',')}}`;
  const valid = (alias: string) =>
    sql`${sql.raw(alias)}.valid_from <= d.day and (${sql.raw(alias)}.valid_to is null or ${sql.raw(alias)}.valid_to > d.day)`;
  const rows = await queryRows<{ day: string; target: number; conformant: number }>(
    db,
    sql`
    with days(day) as (select unnest(${`{${days.join(',')}}`}::date[])),
    -- Administrations on each day, with their ancestors of that day (at most three levels up).
    members as (
      select d.day, a.region_id
      from days d
      join region_versions a on ${valid('a')}
      join regions ar on ar.id = a.region_id
      left join region_versions p1 on p1.region_id = a.parent_region_id and ${valid('p1')}
      left join region_versions p2 on p2.region_id = p1.parent_region_id and ${valid('p2')}
      left join region_versions p3 on p3.region_id = p2.parent_region_id and ${valid('p3')}
      where (ar.level = 'gemeinde' or (ar.level = 'kreis' and not a.kind = any(${cityKinds}::region_kind[])))
        and ${regionId}::int in (a.region_id, p1.region_id, p2.region_id, p3.region_id)
    ),
    intervals as (
      select e.region_id, e.in_target and e.maturity_model = '1.1' as counted, e.maturity_level, e.occurred_at as since,
        lead(e.occurred_at) over (partition by e.status_id order by e.occurred_at, e.id) as until
      from status_events e
      where e.region_id in (select region_id from members)
    )
    select d.day::text as day,
      count(i.*) filter (where i.counted)::int as target,
      count(i.*) filter (where i.counted and i.maturity_level >= ${OZG_CONFORMANT_LEVEL})::int as conformant
    from days d
    left join members m on m.day = d.day
    left join intervals i on i.region_id = m.region_id
      and i.since < ((d.day + 1)::timestamp at time zone 'UTC')
      and (i.until is null or i.until >= ((d.day + 1)::timestamp at time zone 'UTC'))
    group by d.day
    order by d.day`,
  );
  return rows.map((row) => ({
    date: row.day,
    targetServices: row.target,
    conformant: row.conformant,
    share: row.target > 0 ? row.conformant / row.target : null,
  }));
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
  'Lineare Regression über die Monatswerte der letzten 12 Monate; Spanne aus Steigung ± 1,96 Standardfehler. ' +
  'Bei flachem oder fallendem Verlauf kein Datum („nicht beim aktuellen Tempo“).';

export async function getProgressSeries({ db, key }: { db: Db; key: string }): Promise<ProgressSeries> {
  const now = today();
  const region = await summarizeRegion(db, key, now);
  const [first] = await queryRows<{ first: string | null }>(
    db,
    sql`select min(occurred_at)::date::text as first from status_events`,
  );
  const months = monthEnds(first?.first ?? now, now);
  const days = lastDays(now, 90);
  const all = [...new Set([...months, ...days, OZG_DEADLINE])].sort();
  const points = new Map((await stateOnDays(db, region.id, all)).map((point) => [point.date, point]));
  const pick = (date: string) => points.get(date) as Point;
  const monthly = months.map(pick);
  const shares = monthly
    .filter((point) => point.share !== null)
    .map((point) => ({ date: point.date, share: point.share as number }));
  return {
    region,
    monthly,
    daily: days.map(pick),
    deadline: pick(OZG_DEADLINE),
    forecast: {
      method: FORECAST_METHOD,
      full: forecastReach(shares, 1),
      threeQuarters: forecastReach(shares, 0.75),
    },
  };
}
