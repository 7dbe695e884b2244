import { sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Rebuilds the per-administration rollups from the statuses (after bulk loads
 * such as the demo seed or an applicability change). Only statuses of
 * Reifegradmodell 1.1 count into the level columns.
 */
export async function recomputeRollups(db: Db, regionIds?: readonly number[]): Promise<void> {
  const scope = regionIds ? sql`where region_id = any(${`{${regionIds.join(',')}}`}::int[])` : sql``;
  const statusScope = regionIds ? sql`and s.region_id = any(${`{${regionIds.join(',')}}`}::int[])` : sql``;
  await db.execute(sql`delete from region_rollups ${scope}`);
  await db.execute(sql`
    insert into region_rollups (region_id, target_count, level0, level1, level2, level3, level4)
    select s.region_id,
      count(*)::int,
      (count(*) filter (where s.maturity_level = 0))::int,
      (count(*) filter (where s.maturity_level = 1))::int,
      (count(*) filter (where s.maturity_level = 2))::int,
      (count(*) filter (where s.maturity_level = 3))::int,
      (count(*) filter (where s.maturity_level = 4))::int
    from service_statuses s
    where s.in_target and s.maturity_model = '1.1' ${statusScope}
    group by s.region_id`);
}
