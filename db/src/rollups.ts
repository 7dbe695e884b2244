import { sql } from 'drizzle-orm';
import { type Db, intArray } from './client';

/**
 * Rebuilds the per-administration rollups from the statuses (after bulk loads
 * such as imports, the demo seed or an applicability change); single status
 * changes adjust them by delta. Every administration with statuses gets a row,
 * with zeros when none of its statuses is in its target set. Only statuses of
 * Reifegradmodell 1.1 count into the level columns.
 *
 * Concurrency: the rollup rows are locked first, so a status edit that has
 * already adjusted a row commits before the counts are read (each statement of
 * a READ COMMITTED transaction sees what committed before it), and an edit that
 * comes later applies its delta on top of the rebuilt row. Rows are upserted,
 * never deleted and re-inserted, so no delta can hit a missing row.
 */
export async function recomputeRollups(db: Db, regionIds?: readonly number[]): Promise<void> {
  const scope = regionIds ? sql`where region_id = any(${intArray(regionIds)})` : sql``;
  await db.execute(sql`select region_id from region_rollups ${scope} order by region_id for update`);
  await db.execute(sql`
    insert into region_rollups (region_id, target_count, level0, level1, level2, level3, level4)
    select region_id,
      (count(*) filter (where counted))::int,
      (count(*) filter (where counted and maturity_level = 0))::int,
      (count(*) filter (where counted and maturity_level = 1))::int,
      (count(*) filter (where counted and maturity_level = 2))::int,
      (count(*) filter (where counted and maturity_level = 3))::int,
      (count(*) filter (where counted and maturity_level = 4))::int
    from (select region_id, maturity_level, in_target and maturity_model = '1.1' as counted from service_statuses ${scope}) s
    group by region_id
    on conflict (region_id) do update set
      target_count = excluded.target_count, level0 = excluded.level0, level1 = excluded.level1,
      level2 = excluded.level2, level3 = excluded.level3, level4 = excluded.level4, updated_at = now()`);
}
