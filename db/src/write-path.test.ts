import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, type Db, queryRows } from './client';
import { appendEventsSql, stateOf } from './domain-sql';
import { createDemoTestDatabase } from './testing/index';
import { applyStatusChanges, rebuildDerivedTables } from './write-path';

let database: Database;
beforeEach(async () => {
  database = await createDemoTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const derivedTables = async (db: Db) => ({
  rollups: await queryRows(
    db,
    sql`select region_id, themenfeld, target_count, level0, level1, level2, level3, level4, online_by_deadline
        from region_rollups order by region_id, themenfeld`,
  ),
  totals: await queryRows(
    db,
    sql`select region_id, themenfeld, administrations, target_count, level0, level1, level2, level3, level4,
          online_by_deadline, weighted_target::text, weighted_conformant::text, days_late
        from region_totals order by region_id, themenfeld nulls first`,
  ),
  snapshots: await queryRows(
    db,
    sql`select region_id, day::text, target_count, conformant, weighted_target::text, weighted_conformant::text
        from progress_snapshots order by region_id, day`,
  ),
});

const dataVersion = async (db: Db) =>
  (await queryRows<{ v: number }>(db, sql`select data_version::int as v from instance_state`))[0]?.v;

describe('derived tables', () => {
  it('rebuildDerivedTables recomputes rollups, totals and snapshots from the statuses and events, and marks the data as changed', async () => {
    const { db } = database;
    const expected = await derivedTables(db);
    expect(expected.snapshots.length).toBeGreaterThan(0);
    // Wrong counts and snapshots on UTC days shifted by one (as written before decision 010).
    await db.execute(sql`update region_rollups set level0 = level0 + 7, target_count = target_count + 7`);
    await db.execute(
      sql`update region_totals set level3 = level3 + level4, level4 = 0, days_late = '{}'::jsonb`,
    );
    await db.execute(sql`
      with moved as (delete from progress_snapshots where day < current_date - 30 returning *)
      insert into progress_snapshots (region_id, day, target_count, conformant, weighted_target, weighted_conformant)
      select region_id, day - 1, target_count + 1, conformant, weighted_target, weighted_conformant from moved
      on conflict do nothing`);
    expect(await derivedTables(db)).not.toEqual(expected);
    const before = await dataVersion(db);

    await rebuildDerivedTables(db);

    expect(await derivedTables(db)).toEqual(expected);
    expect(await dataVersion(db)).toBe((before ?? 0) + 1);
  }, 240_000);

  it('counts only statuses of the counted maturity model: a status of Reifegradmodell 2.0 leaves the rollup', async () => {
    const { db } = database;
    const [status] = await queryRows<{ id: number; region_id: number }>(
      db,
      sql`select id, region_id from service_statuses where in_target and maturity_model = '1.1' order by id limit 1`,
    );
    const target = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select sum(target_count)::int as n from region_rollups where region_id = ${status?.region_id as number}`,
        )
      )[0]?.n;
    const counted = await target();
    const before = await dataVersion(db);

    const events = await applyStatusChanges<{ id: number }>(db, {
      statement: sql`
        with changed as (
          update service_statuses set maturity_model = '2.0', maturity_level = 5, online_since = null,
            version = version + 1
          where id = ${status?.id as number}
          returning id, region_id, ozg_id, maturity_level, maturity_model, in_target
        ),
        appended as (
          ${appendEventsSql(
            {
              ...stateOf('changed'),
              source: sql`'api'`,
              before: sql`'{}'::jsonb`,
              after: sql`jsonb_build_object('maturityModel', '2.0', 'maturityLevel', 5)`,
            },
            sql`changed`,
          )}
          returning id
        )
        select id from appended`,
      derived: { rollupsOf: [status?.region_id as number] },
    });

    expect(events).toHaveLength(1);
    expect(await target()).toBe((counted ?? 0) - 1);
    // One write, one new data version.
    expect(await dataVersion(db)).toBe((before ?? 0) + 1);
    const [event] = await queryRows<{ maturity_model: string; status_id: number }>(
      db,
      sql`select maturity_model, status_id from status_events where id = ${events[0]?.id as number}`,
    );
    expect(event).toEqual({ maturity_model: '2.0', status_id: status?.id });
  }, 120_000);
});
