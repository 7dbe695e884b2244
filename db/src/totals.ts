import { daysBetween, OZG_CONFORMANT_LEVEL, OZG_DEADLINE, THEMENFELDER, type Themenfeld } from '@ozg/shared';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { germanDay, germanToday } from './calendar';
import { type Db, intArray, queryRowsAs } from './client';
import { administrationLinks, CURRENT, countedStatus, validOn } from './domain-sql';

/*
 * Region totals and progress snapshots: what the dashboards read (decision 005).
 *
 * - region_rollups: per administration (a Gemeinde, or a Landkreis for its own
 *   tasks) and Themenfeld, the counts of its target statuses (rollups.ts).
 * - region_totals: per region of the current territory, the sums over the
 *   administrations below it, per Themenfeld and in total, with the
 *   population-weighted sums and a histogram of the days late.
 * - progress_snapshots: per region, its total at the end of every German
 *   calendar day (Europe/Berlin, decision 010) on which it changed, on the
 *   territory of that day.
 *
 * `administrations` means one thing everywhere (today, snapshots' days, asOf):
 * the Gemeinden and Landkreise (for their own tasks) with at least one target
 * service (in the target set, Reifegradmodell 1.1) on that day
 * (ADMINISTRATIONS_DEFINITION in shared).
 *
 * A status edit adjusts all three by delta in its transaction
 * (applyStatusDeltas); bulk changes rebuild them (recomputeTotals,
 * rebuildSnapshots).
 */

/** The current ancestors of some regions, the regions themselves included. */
export async function currentAncestors(db: Db, regionIds: readonly number[]): Promise<number[]> {
  const rows = await queryRowsAs(
    db,
    z.object({ id: z.number().int() }),
    sql`with recursive up(id) as (
          select unnest(${intArray(regionIds)})
          union
          select v.parent_region_id from up join region_versions v on v.region_id = up.id and ${validOn('v', CURRENT)}
          where v.parent_region_id is not null)
        select id from up order by id`,
  );
  return rows.map((row) => row.id);
}

/** Today's snapshot row of each region from its current total. */
async function snapshotToday(db: Db, regionIds: readonly number[] | 'all'): Promise<void> {
  const scope = regionIds === 'all' ? sql`` : sql`and region_id = any(${intArray(regionIds)})`;
  await db.execute(sql`
    insert into progress_snapshots (region_id, day, target_count, conformant, weighted_target, weighted_conformant)
    select region_id, ${germanToday}, target_count, level3 + level4, weighted_target, weighted_conformant
    from region_totals where themenfeld is null ${scope}
    on conflict (region_id, day) do update set
      target_count = excluded.target_count, conformant = excluded.conformant,
      weighted_target = excluded.weighted_target, weighted_conformant = excluded.weighted_conformant`);
}

/**
 * Rebuilds the totals of the regions above some administrations (or of the
 * whole current territory) from the rollups and, for the days late, from the
 * statuses; then today's snapshots. Every region in scope gets a row per
 * Themenfeld and one in total, zeros where nothing counts, so that a later
 * delta always finds its row. Rows are locked first and upserted (see
 * recomputeRollups for why); totals of regions that left the territory go.
 */
/** A column restricted to the regions whose totals are recomputed (null: all of them). */
export const totalsScope =
  (scopeIds: readonly number[] | null) =>
  (column: string): SQL =>
    scopeIds ? sql`${sql.raw(column)} = any(${intArray(scopeIds)})` : sql`true`;

/**
 * The row grid of a totals table (1.1 and 2.0 alike), as CTEs `scope` and `grid`: every current region
 * in scope with each Themenfeld and the total (null), so that zeros are rows too and a later delta
 * always finds its row.
 */
export function totalsGridSql(inScope: (column: string) => SQL): SQL {
  const themenfelder = `{${THEMENFELDER.join(',')}}`;
  return sql`scope as (
      select v.region_id from region_versions v where ${validOn('v', CURRENT)} and ${inScope('v.region_id')}
    ),
    grid as (
      select s.region_id, t.themenfeld from scope s
      cross join (select unnest(${themenfelder}::themenfeld[]) union all select null) t(themenfeld)
    )`;
}

export async function recomputeTotals(db: Db, adminIds?: readonly number[]): Promise<void> {
  const scopeIds = adminIds ? await currentAncestors(db, adminIds) : null;
  if (scopeIds && scopeIds.length === 0) return;
  const inScope = totalsScope(scopeIds);
  await db.execute(
    // Same order as applyStatusDeltas (total row first), so a rebuild and an edit cannot deadlock.
    sql`select 1 from region_totals where ${inScope('region_id')} order by region_id, themenfeld nulls first for update`,
  );
  await db.execute(sql`
    insert into region_totals (region_id, themenfeld, administrations, target_count, level0, level1, level2,
      level3, level4, online_by_deadline, weighted_target, weighted_conformant, days_late, updated_at)
    with ${administrationLinks(CURRENT)},
    ${totalsGridSql(inScope)},
    counts as (
      select l.ancestor_id, r.themenfeld,
        (count(distinct l.admin_id) filter (where r.target_count > 0))::int as administrations,
        sum(r.target_count)::int as target, sum(r.level0)::int as l0, sum(r.level1)::int as l1,
        sum(r.level2)::int as l2, sum(r.level3)::int as l3, sum(r.level4)::int as l4,
        sum(r.online_by_deadline)::int as by_deadline,
        sum(l.population * r.target_count)::bigint as w_target,
        sum(l.population * (r.level3 + r.level4))::bigint as w_conformant
      from links l join region_rollups r on r.region_id = l.admin_id
      where ${inScope('l.ancestor_id')}
      group by grouping sets ((l.ancestor_id), (l.ancestor_id, r.themenfeld))
    ),
    late_days as (
      select l.ancestor_id, s.themenfeld, st.online_since - ${OZG_DEADLINE}::date as days, count(*)::int as n
      from links l
      join service_statuses st on st.region_id = l.admin_id
      join ozg_services s on s.ozg_id = st.ozg_id
      where ${inScope('l.ancestor_id')} and ${countedStatus('st')}
        and st.maturity_level >= ${OZG_CONFORMANT_LEVEL} and st.online_since > ${OZG_DEADLINE}::date
      group by grouping sets ((l.ancestor_id, days), (l.ancestor_id, s.themenfeld, days))
    ),
    late as (
      select ancestor_id, themenfeld, jsonb_object_agg(days::text, n) as histogram
      from late_days group by ancestor_id, themenfeld
    )
    select g.region_id, g.themenfeld, coalesce(c.administrations, 0), coalesce(c.target, 0),
      coalesce(c.l0, 0), coalesce(c.l1, 0), coalesce(c.l2, 0), coalesce(c.l3, 0), coalesce(c.l4, 0),
      coalesce(c.by_deadline, 0), coalesce(c.w_target, 0), coalesce(c.w_conformant, 0),
      coalesce(h.histogram, '{}'::jsonb), now()
    from grid g
    left join counts c on c.ancestor_id = g.region_id and c.themenfeld is not distinct from g.themenfeld
    left join late h on h.ancestor_id = g.region_id and h.themenfeld is not distinct from g.themenfeld
    on conflict (region_id, themenfeld) do update set
      administrations = excluded.administrations, target_count = excluded.target_count,
      level0 = excluded.level0, level1 = excluded.level1, level2 = excluded.level2, level3 = excluded.level3,
      level4 = excluded.level4, online_by_deadline = excluded.online_by_deadline,
      weighted_target = excluded.weighted_target, weighted_conformant = excluded.weighted_conformant,
      days_late = excluded.days_late, updated_at = now()`);
  if (!scopeIds) {
    await db.execute(sql`
      delete from region_totals t where not exists (
        select 1 from region_versions v where v.region_id = t.region_id and ${validOn('v', CURRENT)})`);
  }
  await snapshotToday(db, scopeIds ?? 'all');
}

/**
 * Rebuilds every snapshot from the events, for bulk loads with history (demo,
 * benchmark) and territory changes. The territory is constant between two
 * dates on which region versions begin or end (an epoch); in each epoch a
 * region's total on a day is the sum of the states of the administrations
 * below it then. So per epoch: each administration's state at the epoch's
 * first day (all its changes up to then), then its daily changes, summed per
 * ancestor and accumulated over the days. Today's rows are then taken from the
 * totals, which the statuses define.
 */
export async function rebuildSnapshots(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`delete from progress_snapshots`);
    // Per administration and German day: the change in target statuses and in OZG-konform ones.
    await t.execute(sql`
      create temporary table snapshot_changes on commit drop as
      select region_id as admin_id, day, sum(d_target)::int as d_target, sum(d_conformant)::int as d_conformant
      from (
        -- A territory change counts from its Stichtag (effective_on), not from the import day, but
        -- never before the status's previous event (running maximum), so no change precedes its cause.
        select e.region_id, max(coalesce(e.effective_on, c.day)) over w as day,
          c.counted - coalesce(lag(c.counted) over w, 0) as d_target,
          c.conformant - coalesce(lag(c.conformant) over w, 0) as d_conformant
        from status_events e
        cross join lateral (select ${germanDay(sql`e.occurred_at`)} as day,
          ${countedStatus('e')}::int as counted,
          (${countedStatus('e')} and e.maturity_level >= ${OZG_CONFORMANT_LEVEL})::int as conformant) c
        window w as (partition by e.status_id order by e.occurred_at, e.id)
      ) x
      group by region_id, day
      having sum(d_target) <> 0 or sum(d_conformant) <> 0`);
    await t.execute(sql`create index on snapshot_changes (admin_id, day)`);
    const boundaries = await queryRowsAs(
      t,
      z.object({ day: z.string() }),
      sql`select distinct day::text from (
            select valid_from as day from region_versions
            union select valid_to from region_versions where valid_to is not null) d
          order by 1`,
    );
    for (const [index, boundary] of boundaries.entries()) {
      const start = sql`${boundary.day}::date`;
      const next = boundaries[index + 1];
      const beforeNext = next ? sql`and day < ${next.day}::date` : sql``;
      await t.execute(sql`
        insert into progress_snapshots (region_id, day, target_count, conformant, weighted_target, weighted_conformant)
        with ${administrationLinks({ day: start })},
        changes as (
          select a.admin_id, ${start} as day, coalesce(sum(c.d_target), 0)::int as d_target,
            coalesce(sum(c.d_conformant), 0)::int as d_conformant
          from (select distinct admin_id from links) a
          left join snapshot_changes c on c.admin_id = a.admin_id and c.day <= ${start}
          group by a.admin_id
          union all
          select admin_id, day, d_target, d_conformant from snapshot_changes
          where day > ${start} ${beforeNext}
        )
        select l.ancestor_id, c.day,
          sum(sum(c.d_target)) over w, sum(sum(c.d_conformant)) over w,
          sum(sum(l.population * c.d_target)) over w, sum(sum(l.population * c.d_conformant)) over w
        from links l join changes c on c.admin_id = l.admin_id
        group by l.ancestor_id, c.day
        window w as (partition by l.ancestor_id order by c.day)`);
    }
    await snapshotToday(t, 'all');
    await t.execute(sql`drop table snapshot_changes`);
  });
}

/** A counted status (in the target set, Reifegradmodell 1.1) before and after an edit. */
export type StatusDelta = {
  regionId: number;
  themenfeld: Themenfeld;
  from: { level: number; onlineSince: string | null };
  to: { level: number; onlineSince: string | null };
};

const onlineByDeadline = (state: StatusDelta['from']) =>
  state.level >= OZG_CONFORMANT_LEVEL && state.onlineSince !== null && state.onlineSince <= OZG_DEADLINE;

/** Days after the deadline a late OZG-konform status went online; null if it is not one. */
const daysLate = (state: StatusDelta['from']): number | null => {
  if (state.level < OZG_CONFORMANT_LEVEL || state.onlineSince === null || state.onlineSince <= OZG_DEADLINE)
    return null;
  return daysBetween(OZG_DEADLINE, state.onlineSince);
};

type Adjustment = {
  levels: number[];
  byDeadline: number;
  conformant: number;
  histogram: Map<number, number>;
};

/**
 * Applies status edits to the rollup of each administration, to the totals of
 * it and its ancestors (per Themenfeld and in total) and to today's
 * snapshots, in the caller's transaction. Rows are locked in key order so that
 * concurrent edits below the same Land cannot deadlock.
 */
export async function applyStatusDeltas(db: Db, deltas: readonly StatusDelta[]): Promise<void> {
  const perAdmin = new Map<string, { regionId: number; themenfeld: Themenfeld; change: Adjustment }>();
  for (const delta of deltas) {
    const key = `${delta.regionId}:${delta.themenfeld}`;
    const entry = perAdmin.get(key) ?? {
      regionId: delta.regionId,
      themenfeld: delta.themenfeld,
      change: emptyAdjustment(),
    };
    addDelta(entry.change, delta);
    perAdmin.set(key, entry);
  }
  const changed = [...perAdmin.values()].filter(({ change }) => !isEmpty(change));
  if (changed.length === 0) return;

  const rollupRows = changed.map(({ regionId, themenfeld, change }) => ({
    region_id: regionId,
    themenfeld,
    ...countDeltas(change),
  }));
  // As for the totals below: the administrations' ids are the index condition, else the recordset's
  // estimate of 100 rows has the planner hash it against a scan of every rollup row.
  const adminIds = [...new Set(changed.map(({ regionId }) => regionId))];
  await db.execute(sql`
    select 1 from region_rollups
    where region_id = any(${intArray(adminIds)}) and (region_id, themenfeld) in (
      select region_id, themenfeld from jsonb_to_recordset(${JSON.stringify(rollupRows)}::jsonb)
        as d(region_id int, themenfeld themenfeld))
    order by region_id, themenfeld for update`);
  const adjusted = await queryRowsAs(
    db,
    z.object({ region_id: z.number().int() }),
    sql`
    update region_rollups r set
      level0 = r.level0 + d.d0, level1 = r.level1 + d.d1, level2 = r.level2 + d.d2,
      level3 = r.level3 + d.d3, level4 = r.level4 + d.d4, online_by_deadline = r.online_by_deadline + d.dd,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rollupRows)}::jsonb)
      as d(region_id int, themenfeld themenfeld, d0 int, d1 int, d2 int, d3 int, d4 int, dd int)
    where r.region_id = any(${intArray(adminIds)}) and r.region_id = d.region_id and r.themenfeld = d.themenfeld
    returning r.region_id`,
  );
  // Every administration with statuses has its rollup rows; a missing one would silently lose this change.
  if (adjusted.length !== rollupRows.length) {
    throw new Error('Rollup-Zeile fehlt: Zählung wäre falsch, Änderung abgebrochen.');
  }

  // The administrations' current ancestors and the inhabitants each administration serves.
  const links = await queryRowsAs(
    db,
    z.object({ admin_id: z.number().int(), population: z.number(), ancestor_id: z.number().int() }),
    sql`with ${administrationLinks(CURRENT)}
        select admin_id, population::float8 as population, ancestor_id from links
        where admin_id = any(${intArray(adminIds)})`,
  );
  const totals = new Map<string, { regionId: number; themenfeld: Themenfeld | null; change: Adjustment }>();
  for (const { regionId, themenfeld, change } of changed) {
    for (const link of links.filter((row) => row.admin_id === regionId)) {
      for (const scope of [themenfeld, null]) {
        const key = `${link.ancestor_id}:${scope ?? ''}`;
        const entry = totals.get(key) ?? {
          regionId: link.ancestor_id,
          themenfeld: scope,
          change: emptyAdjustment(),
        };
        mergeAdjustment(entry.change, change, link.population);
        totals.set(key, entry);
      }
    }
  }
  const ordered = [...totals.values()].sort(
    (a, b) => a.regionId - b.regionId || (a.themenfeld ?? '').localeCompare(b.themenfeld ?? ''),
  );
  // Only the rows this edit touches are locked and read, and a histogram only when it changes (a Land's is large).
  const keys = ordered.map(({ regionId, themenfeld, change }) => ({
    region_id: regionId,
    themenfeld,
    histogram: [...change.histogram.values()].some((count) => count !== 0),
  }));
  // The few regions whose rows change: an index condition on the leading column of (region_id,
  // themenfeld). The null-safe match on the Themenfeld (null is the total row) is then made among their
  // rows only. As a bare join condition, `is not distinct from` is no index condition, and with the
  // recordset's default estimate of 100 rows the planner scanned all of region_totals (decision 005).
  const regionIds = [...new Set(ordered.map((row) => row.regionId))];
  const ofRegions = sql`t.region_id = any(${intArray(regionIds)})`;
  const current = await queryRowsAs(
    db,
    z.object({
      region_id: z.number().int(),
      themenfeld: z.enum(THEMENFELDER).nullable(),
      days_late: z.record(z.string(), z.number()).nullable(),
    }),
    sql`select t.region_id, t.themenfeld, case when k.histogram then t.days_late end as days_late
        from region_totals t
        join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(region_id int, themenfeld themenfeld, histogram boolean)
          on t.region_id = k.region_id and t.themenfeld is not distinct from k.themenfeld
        where ${ofRegions}
        order by t.region_id, t.themenfeld nulls first for update of t`,
  );
  const found = new Map(current.map((row) => [`${row.region_id}:${row.themenfeld ?? ''}`, row.days_late]));
  const totalRows = ordered.map(({ regionId, themenfeld, change }) => {
    const key = `${regionId}:${themenfeld ?? ''}`;
    if (!found.has(key)) throw new Error(`Summenzeile fehlt für Gebiet ${regionId}: Änderung abgebrochen.`);
    const histogram = found.get(key);
    return {
      region_id: regionId,
      themenfeld,
      ...countDeltas(change),
      dw: change.conformant,
      days_late: histogram ? addToHistogram(histogram, change.histogram) : null,
    };
  });
  await db.execute(sql`
    update region_totals t set
      level0 = t.level0 + d.d0, level1 = t.level1 + d.d1, level2 = t.level2 + d.d2,
      level3 = t.level3 + d.d3, level4 = t.level4 + d.d4, online_by_deadline = t.online_by_deadline + d.dd,
      weighted_conformant = t.weighted_conformant + d.dw, days_late = coalesce(d.days_late, t.days_late),
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(totalRows)}::jsonb)
      as d(region_id int, themenfeld themenfeld, d0 int, d1 int, d2 int, d3 int, d4 int, dd int, dw bigint, days_late jsonb)
    where ${ofRegions} and t.region_id = d.region_id and t.themenfeld is not distinct from d.themenfeld`);
  await snapshotToday(db, regionIds);
}

/** The columns d0…d4 (per Reifegrad) and dd (online by the deadline) that the update statements add. */
const countDeltas = (change: Adjustment) => ({
  d0: change.levels[0],
  d1: change.levels[1],
  d2: change.levels[2],
  d3: change.levels[3],
  d4: change.levels[4],
  dd: change.byDeadline,
});

const emptyAdjustment = (): Adjustment => ({
  levels: [0, 0, 0, 0, 0],
  byDeadline: 0,
  conformant: 0,
  histogram: new Map(),
});

function addDelta(change: Adjustment, delta: StatusDelta): void {
  const from = Math.min(delta.from.level, 4);
  const to = Math.min(delta.to.level, 4);
  change.levels[from] = (change.levels[from] ?? 0) - 1;
  change.levels[to] = (change.levels[to] ?? 0) + 1;
  change.byDeadline += Number(onlineByDeadline(delta.to)) - Number(onlineByDeadline(delta.from));
  change.conformant +=
    Number(delta.to.level >= OZG_CONFORMANT_LEVEL) - Number(delta.from.level >= OZG_CONFORMANT_LEVEL);
  for (const [days, sign] of [
    [daysLate(delta.from), -1],
    [daysLate(delta.to), 1],
  ] as const) {
    if (days !== null) change.histogram.set(days, (change.histogram.get(days) ?? 0) + sign);
  }
}

/** Adds an administration's change to an ancestor's, its OZG-konform change weighted by inhabitants. */
function mergeAdjustment(target: Adjustment, change: Adjustment, population: number): void {
  change.levels.forEach((value, level) => {
    target.levels[level] = (target.levels[level] ?? 0) + value;
  });
  target.byDeadline += change.byDeadline;
  target.conformant += change.conformant * population;
  for (const [days, count] of change.histogram)
    target.histogram.set(days, (target.histogram.get(days) ?? 0) + count);
}

const isEmpty = (change: Adjustment) =>
  change.levels.every((value) => value === 0) &&
  change.byDeadline === 0 &&
  [...change.histogram.values()].every((value) => value === 0);

function addToHistogram(
  histogram: Record<string, number>,
  change: Map<number, number>,
): Record<string, number> {
  const result = { ...histogram };
  for (const [days, count] of change) {
    const value = (result[days] ?? 0) + count;
    if (value === 0) delete result[days];
    else result[days] = value;
  }
  return result;
}
