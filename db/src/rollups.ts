import { sql } from 'drizzle-orm';
import { type Db, intArray } from './client';

/**
 * Rebuilds the per-administration rollups from the statuses (after bulk loads
 * such as imports, the demo seed or an applicability change); single status
 * changes adjust them incrementally. Every administration with statuses gets a
 * row, with zeros when none of its statuses is in its target set. Only statuses
 * of Reifegradmodell 1.1 count into the level columns.
 */
export async function recomputeRollups(db: Db, regionIds?: readonly number[]): Promise<void> {
  const scope = regionIds ? sql`where region_id = any(${intArray(regionIds)})` : sql``;
  await db.execute(sql`delete from region_rollups ${scope}`);
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
    group by region_id`);
}
