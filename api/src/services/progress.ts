import {
  administrationsBelow,
  countedStatus,
  type Db,
  endOfGermanDaySql,
  germanDay,
  intArray,
  onDay,
  queryRows,
} from '@ozg/db';
import {
  type ChildrenProgress,
  medianOfHistogram,
  OZG_CONFORMANT_LEVEL,
  OZG_DEADLINE,
  type PROGRESS_SORTS,
  type ProgressFigures,
  type RegionLevel,
  type RegionProgress,
  type Themenfeld,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { listChildren, summarizeRegion, today } from './regions';

type FigureRow = {
  root_id: number;
  themenfeld: Themenfeld | null;
  administrations: number;
  target: number;
  l0: number;
  l1: number;
  l2: number;
  l3: number;
  l4: number;
  by_deadline: number;
  w_target: number;
  w_conformant: number;
  median_days_late: number | null;
};

/**
 * Today's figures of several regions at once, each over its whole subtree, in
 * total and (unless only the totals are asked for) per Themenfeld: read from
 * the region totals, a handful of rows per region whatever its size; the median
 * days late comes from their histogram of days late. Themenfelder without
 * target services are left out, as figuresAsOf leaves them out.
 */
export async function currentFigures(db: Db, rootIds: number[], totalsOnly = false): Promise<Figures> {
  const rows = await queryRows<Omit<FigureRow, 'median_days_late'> & { days_late: Record<string, number> }>(
    db,
    sql`select region_id as root_id, themenfeld, administrations, target_count as target,
          level0 as l0, level1 as l1, level2 as l2, level3 as l3, level4 as l4, online_by_deadline as by_deadline,
          weighted_target::float8 as w_target, weighted_conformant::float8 as w_conformant, days_late
        from region_totals
        where region_id = any(${intArray(rootIds)})
          and ${totalsOnly ? sql`themenfeld is null` : sql`(themenfeld is null or target_count > 0)`}`,
  );
  return groupFigures(
    rows.map(({ days_late, ...row }) => ({ ...row, median_days_late: medianOfHistogram(days_late) })),
  );
}

type Figures = Map<number, { total: FigureRow; byThemenfeld: FigureRow[] }>;

function groupFigures(rows: FigureRow[]): Figures {
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
  const rows = await queryRows<FigureRow>(
    db,
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

/** Today from the totals; another day from the events. */
function figuresOf(db: Db, rootIds: number[], day: string, totalsOnly = false): Promise<Figures> {
  return day === today() ? currentFigures(db, rootIds, totalsOnly) : figuresAsOf(db, rootIds, day);
}

const emptyRow = (rootId: number): FigureRow => ({
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

function toFigures(row: FigureRow): ProgressFigures {
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const conformant = row.l3 + row.l4;
  return {
    targetServices: row.target,
    levelCounts: [row.l0, row.l1, row.l2, row.l3, row.l4],
    conformant,
    conformantShare: share(conformant, row.target),
    populationWeightedShare: share(row.w_conformant, row.w_target),
    onlineByDeadline: row.by_deadline,
    onlineByDeadlineShare: share(row.by_deadline, row.target),
    overdue: row.target - conformant,
    medianDaysLate: row.median_days_late,
  };
}

export async function getProgress({
  db,
  key,
  asOf,
}: {
  db: Db;
  key: string;
  asOf?: string;
}): Promise<RegionProgress> {
  const day = asOf ?? today();
  const region = await summarizeRegion(db, key, day);
  const figures = (await figuresOf(db, [region.id], day)).get(region.id);
  return {
    region,
    administrations: figures?.total.administrations ?? 0,
    figures: toFigures(figures?.total ?? emptyRow(region.id)),
    byThemenfeld: (figures?.byThemenfeld ?? [])
      .map((row) => ({ themenfeld: row.themenfeld as Themenfeld, figures: toFigures(row) }))
      .sort((a, b) => a.themenfeld.localeCompare(b.themenfeld, 'de')),
  };
}

/** The children of a region with their figures, ranked by OZG-konform share (1 = best), then sorted. */
export async function getChildrenProgress({
  db,
  key,
  sort = 'conformantShare',
  order,
  asOf,
  level,
}: {
  db: Db;
  key: string;
  sort?: (typeof PROGRESS_SORTS)[number];
  order?: 'asc' | 'desc';
  asOf?: string;
  /** All descendants of this level instead of the direct children (the Kreise of a Land with Bezirke). */
  level?: RegionLevel;
}): Promise<ChildrenProgress> {
  const day = asOf ?? today();
  const { parent, children } = await listChildren({ db, key, asOf: day, ...(level ? { level } : {}) });
  const figures = await figuresOf(
    db,
    children.map((child) => child.id),
    day,
    true,
  );
  const rows = children.map((child) => {
    const entry = figures.get(child.id);
    return {
      region: child,
      administrations: entry?.total.administrations ?? 0,
      figures: toFigures(entry?.total ?? emptyRow(child.id)),
      rank: null as number | null,
    };
  });
  // Competition ranking: equal shares share a rank; regions without target services get none.
  const ranked = rows.filter((row) => row.figures.conformantShare !== null);
  ranked.sort((a, b) => (b.figures.conformantShare as number) - (a.figures.conformantShare as number));
  ranked.forEach((row, index) => {
    const previous = ranked[index - 1];
    row.rank =
      previous && previous.figures.conformantShare === row.figures.conformantShare
        ? previous.rank
        : index + 1;
  });
  const direction = (order ?? (sort === 'name' ? 'asc' : 'desc')) === 'asc' ? 1 : -1;
  const value = (row: (typeof rows)[number]): number | string | null =>
    sort === 'name'
      ? row.region.name
      : sort === 'population'
        ? row.region.population
        : sort === 'overdue'
          ? row.figures.overdue
          : row.figures[sort];
  rows.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb === null) return a.region.name.localeCompare(b.region.name, 'de');
    if (va === null) return 1; // regions without figures last, in either direction
    if (vb === null) return -1;
    const compared = typeof va === 'string' ? va.localeCompare(vb as string, 'de') : va - (vb as number);
    return direction * compared || a.region.name.localeCompare(b.region.name, 'de');
  });
  return { parent, children: rows };
}
