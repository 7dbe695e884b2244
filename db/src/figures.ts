import { OZG_CONFORMANT_LEVEL, OZG_DEADLINE, THEMENFELDER } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { endOfGermanDaySql, germanDay } from './calendar';
import { type Db, queryRowsAs } from './client';
import { administrationsBelow, countedStatus, onDay } from './domain-sql';

/*
 * The as-of replay (decisions 005, 009, 010): every figure of a German day from
 * the events recorded by its end, on that day's territory. It lives in db so
 * that the demo seed can freeze the key dates with the same computation as the
 * API's `?asOf=` (one computation, decision 018).
 */

/**
 * The figures of one region, in total (themenfeld null) or of one Themenfeld:
 * counts as int4, the population-weighted sums and the median as float8, so
 * both drivers give numbers. Flat on purpose: it parses a row per region and
 * Themenfeld on the hot progress paths.
 */
export const FigureRowSchema = z.object({
  root_id: z.number().int(),
  themenfeld: z.enum(THEMENFELDER).nullable(),
  administrations: z.number().int(),
  target: z.number().int(),
  l0: z.number().int(),
  l1: z.number().int(),
  l2: z.number().int(),
  l3: z.number().int(),
  l4: z.number().int(),
  by_deadline: z.number().int(),
  w_target: z.number(),
  w_conformant: z.number(),
  median_days_late: z.number().nullable(),
});
export type FigureRow = z.infer<typeof FigureRowSchema>;

/** The replay's rows: a sum over no conformant service is null there (made 0 below). */
const ReplayedFigureRow = FigureRowSchema.extend({ w_conformant: z.number().nullable() });

export type Figures = Map<number, { total: FigureRow; byThemenfeld: FigureRow[] }>;

export function groupFigures(rows: FigureRow[]): Figures {
  const result: Figures = new Map();
  for (const row of rows) {
    const entry = result.get(row.root_id) ?? { total: emptyRow(row.root_id), byThemenfeld: [] };
    if (row.themenfeld === null) entry.total = row;
    else entry.byThemenfeld.push(row);
    result.set(row.root_id, entry);
  }
  return result;
}

/**
 * The same figures as of a past day, from the events alone, on the territory
 * of that day (the regions below each root by the versions valid that day). The
 * day is the German calendar day (decision 010): a status counts with the
 * state of its latest event before midnight in Berlin at the end of the day,
 * its "online seit" included (the latest event that set it), so nothing
 * recorded later changes a figure of that day: a service that went online
 * later is missing on that day, not late. The one exception is deliberate and
 * announced: a territory change loaded after its Stichtag counts from the
 * Stichtag, as in the snapshots, and the series says the days were
 * recalculated (decision 009). An administration counts when it has at least
 * one target service that day (ADMINISTRATIONS_DEFINITION).
 */
export async function figuresAsOf(db: Db, rootIds: number[], day: string): Promise<Figures> {
  const dayEnd = endOfGermanDaySql(day);
  const rows = await queryRowsAs(
    db,
    ReplayedFigureRow,
    sql`
    with recursive ${administrationsBelow(rootIds, onDay(day))},
    members as (select root_id, region_id, population from administrations),
    -- A status counts with its latest event recorded by the end of the day, or with a later
    -- one whose Stichtag (effective_on, a territory change loaded late) is on or before the
    -- day: as in the snapshots (rebuildSnapshots), such a change counts from its Stichtag,
    -- but never before an event recorded between the day and it (decision 009).
    late_dated as (
      select t.id, t.status_id, t.region_id, t.ozg_id, t.occurred_at, t.maturity_level,
        t.maturity_model, t.in_target, t.after
      from status_events t
      where t.region_id in (select region_id from members)
        and t.effective_on <= ${day}::date and t.occurred_at >= ${dayEnd}
        and not exists (
          select 1 from status_events u
          where u.status_id = t.status_id and u.occurred_at >= ${dayEnd}
            and (u.occurred_at, u.id) < (t.occurred_at, t.id)
            and coalesce(u.effective_on, ${germanDay(sql`u.occurred_at`)}) > ${day}::date)
    ),
    state as (
      select distinct on (e.status_id) e.status_id, e.region_id, e.ozg_id, e.maturity_level,
        ${countedStatus('e')} as counted
      from (
        select e.id, e.status_id, e.region_id, e.ozg_id, e.occurred_at, e.maturity_level,
          e.maturity_model, e.in_target
        from status_events e
        where e.region_id in (select region_id from members) and e.occurred_at < ${dayEnd}
        union all
        select id, status_id, region_id, ozg_id, occurred_at, maturity_level, maturity_model, in_target
        from late_dated) e
      order by e.status_id, e.occurred_at desc, e.id desc
    ),
    online as (
      select distinct on (e.status_id) e.status_id, (e.after ->> 'onlineSince')::date as online_since
      from (
        select e.id, e.status_id, e.occurred_at, e.after
        from status_events e
        where e.region_id in (select region_id from members) and e.occurred_at < ${dayEnd}
          and e.after ? 'onlineSince'
        union all
        select id, status_id, occurred_at, after from late_dated where after ? 'onlineSince') e
      order by e.status_id, e.occurred_at desc, e.id desc
    ),
    facts as (
      select m.root_id, m.region_id, m.population, s.themenfeld, st.maturity_level,
        case when st.maturity_level >= ${OZG_CONFORMANT_LEVEL} then o.online_since end as online_since
      from members m
      join state st on st.region_id = m.region_id and st.counted
      join ozg_services s on s.ozg_id = st.ozg_id
      left join online o on o.status_id = st.status_id
    )
    select root_id, themenfeld,
      count(distinct region_id)::int as administrations,
      count(*)::int as target,
      (count(*) filter (where maturity_level = 0))::int as l0,
      (count(*) filter (where maturity_level = 1))::int as l1,
      (count(*) filter (where maturity_level = 2))::int as l2,
      (count(*) filter (where maturity_level = 3))::int as l3,
      (count(*) filter (where maturity_level >= 4))::int as l4,
      (count(*) filter (where online_since <= ${OZG_DEADLINE}::date))::int as by_deadline,
      sum(population)::float8 as w_target,
      (sum(population) filter (where maturity_level >= ${OZG_CONFORMANT_LEVEL}))::float8 as w_conformant,
      (percentile_cont(0.5) within group (order by (online_since - ${OZG_DEADLINE}::date))
        filter (where online_since > ${OZG_DEADLINE}::date))::float8 as median_days_late
    from facts
    group by grouping sets ((root_id), (root_id, themenfeld))`,
  );
  return groupFigures(rows.map((row) => ({ ...row, w_conformant: row.w_conformant ?? 0 })));
}

export const emptyRow = (rootId: number): FigureRow => ({
  root_id: rootId,
  themenfeld: null,
  administrations: 0,
  target: 0,
  l0: 0,
  l1: 0,
  l2: 0,
  l3: 0,
  l4: 0,
  by_deadline: 0,
  w_target: 0,
  w_conformant: 0,
  median_days_late: null,
});
