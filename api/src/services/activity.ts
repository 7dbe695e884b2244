import { administrationsBelow, CURRENT, type Db, endOfGermanDaySql, queryRowsAs } from '@ozg/db';
import type { Activity } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { findRegion, today } from './regions';

/**
 * How many of a region's target statuses were changed in the last `days` days:
 * shows whether the figures are kept up to date.
 */
export async function getActivity({
  db,
  key,
  days,
}: {
  db: Db;
  key: string;
  days: number;
}): Promise<Activity> {
  const region = await findRegion(db, key, today());
  // Calendar arithmetic on the German date at noon UTC: no time zone shift can change the day.
  const start = new Date(`${today()}T12:00:00Z`);
  start.setUTCDate(start.getUTCDate() - (days - 1));
  const since = start.toISOString().slice(0, 10);
  const [row] = await queryRowsAs(
    db,
    z.object({ target: z.number().int(), updated: z.number().int() }),
    sql`with recursive ${administrationsBelow([region.region_id], CURRENT)}
        select count(*)::int as target,
          (count(*) filter (where st.updated_at >= ${endOfGermanDaySql(sql`${since}::date - 1`)}))::int as updated
        from administrations a join service_statuses st on st.region_id = a.region_id
        where st.in_target`,
  );
  const target = row?.target ?? 0;
  const updated = row?.updated ?? 0;
  return {
    days,
    since,
    targetServices: target,
    updatedStatuses: updated,
    updatedShare: target > 0 ? updated / target : null,
  };
}
