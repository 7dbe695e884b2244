import { OZG_CONFORMANT_LEVEL, OZG_DEADLINE } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { type Db, intArray } from './client';
import { countedStatus } from './domain-sql';
import { recomputeTotals } from './totals';

/**
 * Rebuilds the rollups (per administration and Themenfeld) from the statuses
 * after bulk loads such as imports, the demo seed or an applicability change;
 * status edits adjust them by delta. Every administration with statuses gets a
 * row per Themenfeld of its statuses, with zeros when none is in its target set.
 * Only statuses of Reifegradmodell 1.1 count.
 *
 * Concurrency: the rollup rows are locked first, so a status edit that has
 * already adjusted a row commits before the counts are read (each statement of
 * a READ COMMITTED transaction sees what committed before it), and an edit that
 * comes later applies its delta on top of the rebuilt row. Rows are upserted,
 * never deleted and re-inserted, so no delta can hit a missing row.
 * The totals of the regions above them follow (totals.ts).
 */
export async function recomputeRollups(db: Db, regionIds?: readonly number[]): Promise<void> {
  const scope = regionIds ? sql`where region_id = any(${intArray(regionIds)})` : sql``;
  const statusScope = regionIds ? sql`where st.region_id = any(${intArray(regionIds)})` : sql``;
  await db.execute(
    sql`select region_id from region_rollups ${scope} order by region_id, themenfeld for update`,
  );
  await db.execute(sql`
    insert into region_rollups (region_id, themenfeld, target_count, level0, level1, level2, level3, level4, online_by_deadline)
    select region_id, themenfeld,
      (count(*) filter (where counted))::int,
      (count(*) filter (where counted and maturity_level = 0))::int,
      (count(*) filter (where counted and maturity_level = 1))::int,
      (count(*) filter (where counted and maturity_level = 2))::int,
      (count(*) filter (where counted and maturity_level = 3))::int,
      (count(*) filter (where counted and maturity_level = 4))::int,
      (count(*) filter (where counted and maturity_level >= ${OZG_CONFORMANT_LEVEL} and online_since <= ${OZG_DEADLINE}::date))::int
    from (
      select st.region_id, s.themenfeld, st.maturity_level, st.online_since,
        ${countedStatus('st')} as counted
      from service_statuses st join ozg_services s on s.ozg_id = st.ozg_id ${statusScope}
    ) x
    group by region_id, themenfeld
    on conflict (region_id, themenfeld) do update set
      target_count = excluded.target_count, level0 = excluded.level0, level1 = excluded.level1,
      level2 = excluded.level2, level3 = excluded.level3, level4 = excluded.level4,
      online_by_deadline = excluded.online_by_deadline, updated_at = now()`);
  // A (region, Themenfeld) without statuses any more (its services moved to another Themenfeld in a
  // catalogue import) has no group above: its row is zeroed, or the region's totals would count it twice.
  await db.execute(sql`
    update region_rollups r set target_count = 0, level0 = 0, level1 = 0, level2 = 0, level3 = 0, level4 = 0,
      online_by_deadline = 0, updated_at = now()
    where ${regionIds ? sql`r.region_id = any(${intArray(regionIds)}) and ` : sql``}r.target_count > 0
      and not exists (
        select 1 from service_statuses st join ozg_services s on s.ozg_id = st.ozg_id
        where st.region_id = r.region_id and s.themenfeld = r.themenfeld)`);
  await recomputeTotals(db, regionIds);
}

/**
 * Rollups summed per administration, for tests and reports that compare totals
 * (one row per region).
 */
export const ROLLUP_TOTALS = sql`(
  select region_id, sum(target_count)::int as target_count, sum(level0)::int as level0, sum(level1)::int as level1,
    sum(level2)::int as level2, sum(level3)::int as level3, sum(level4)::int as level4,
    sum(online_by_deadline)::int as online_by_deadline
  from region_rollups group by region_id)`;
