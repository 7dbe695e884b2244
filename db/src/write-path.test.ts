import { REIFEGRADMODELL_2_0 } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, type Db, intArray, queryRows } from './client';
import { appendEventsSql, stateOf } from './domain-sql';
import { addMaturityModel, listMaturityModels, recomputeAssessments } from './maturity/index';
import { migrateDb } from './migrate';
import { modelDeltas, readModelStates } from './model-totals';
import {
  createDemoTestDatabase,
  modelSnapshotDifferences,
  modelTotalsDifferences,
  pastModelSnapshots,
} from './testing/index';
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
  modelRollups: await queryRows(
    db,
    sql`select region_id, themenfeld, family, counted, assessed, level0, level1, level2, level3, level4, level5,
          level6, level7, analog
        from region_model_rollups order by region_id, themenfeld, family`,
  ),
  modelTotals: await queryRows(
    db,
    sql`select region_id, themenfeld, family, counted, assessed, level0, level1, level2, level3, level4, level5,
          level6, level7, analog
        from region_model_totals order by region_id, themenfeld nulls first, family`,
  ),
  modelSnapshots: await queryRows(
    db,
    sql`select region_id, family, day::text, counted, assessed, level0, level1, level2, level3, level4, level5,
          level6, level7, analog
        from region_model_snapshots order by region_id, family, day`,
  ),
});

const dataVersion = async (db: Db) =>
  (await queryRows<{ v: number }>(db, sql`select data_version::int as v from instance_state`))[0]?.v;

describe('derived tables', () => {
  it('rebuildDerivedTables recomputes rollups, totals, snapshots and the 2.0 tables from the statuses, assessments and events, and marks the data as changed', async () => {
    const { db } = database;
    const expected = await derivedTables(db);
    expect(expected.snapshots.length).toBeGreaterThan(0);
    // Wrong counts and snapshots on UTC days shifted by one (as written before decision 010).
    await db.execute(sql`update region_rollups set level0 = level0 + 7, target_count = target_count + 7`);
    await db.execute(
      sql`update region_totals set level3 = level3 + level4, level4 = 0, days_late = '{}'::jsonb`,
    );
    expect(expected.modelTotals.length).toBeGreaterThan(0);
    await db.execute(
      sql`update region_model_rollups set counted = counted + 3, level7 = level7 + 1, assessed = assessed + 1`,
    );
    await db.execute(sql`delete from region_model_totals where themenfeld is not null`);
    await db.execute(sql`update region_model_totals set analog = 0`);
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

  it('the 2.0 tables moved by assessment deltas and target-set changes equal a plain recomputation and a rebuild', async () => {
    const { db } = database;
    expect(await modelTotalsDifferences(db)).toEqual([]);
    // The demo's course by 2.0: its past days are what was recorded then, and no later write changes them.
    const past = await pastModelSnapshots(db);
    expect(past.length).toBeGreaterThan(0);
    const criteria = REIFEGRADMODELL_2_0.criteria;
    type Op =
      | { kind: 'assess'; pick: number; version: number; answers: (number | null)[] }
      | { kind: 'clear'; pick: number; version: number }
      | { kind: 'toggleTarget'; pick: number }
      | { kind: 'newVersion' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          kind: fc.constant('assess' as const),
          pick: fc.nat(),
          version: fc.nat(),
          // Per criterion: mostly its top option (-1), so that assessments complete, else any option or none.
          answers: fc.array(
            fc.oneof(
              { weight: 8, arbitrary: fc.constant(-1) },
              { weight: 3, arbitrary: fc.nat({ max: 3 }) },
              { weight: 1, arbitrary: fc.constant(null) },
            ),
            { minLength: criteria.length, maxLength: criteria.length },
          ),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('clear' as const), pick: fc.nat(), version: fc.nat() }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('toggleTarget' as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'newVersion' as const }) },
    );
    // Statuses of a few administrations, some already assessed by the demo, some not counted.
    const statuses = await queryRows<{ id: number; region_id: number }>(
      db,
      sql`select id, region_id from service_statuses
          where region_id in (select region_id from service_statuses group by region_id order by region_id limit 6)
          order by id`,
    );
    const apply = async (operation: Op) => {
      const status = statuses[('pick' in operation ? operation.pick : 0) % statuses.length];
      if (!status) throw new Error('no statuses');
      if (operation.kind === 'newVersion') {
        await addMaturityModel(db, REIFEGRADMODELL_2_0, null);
        return;
      }
      if (operation.kind === 'toggleTarget') {
        // A 1.1 status change that changes whether the status counts: set-based, the rollups of its region rebuilt.
        await applyStatusChanges(db, {
          statement: sql`
            with changed as (
              update service_statuses set in_target = not in_target, version = version + 1 where id = ${status.id}
              returning id, region_id, ozg_id, maturity_level, maturity_model, in_target
            )
            ${appendEventsSql(
              {
                ...stateOf('changed'),
                source: sql`'api'`,
                before: sql`jsonb_build_object('inTarget', not in_target)`,
                after: sql`jsonb_build_object('inTarget', in_target)`,
              },
              sql`changed`,
            )}`,
          derived: { rollupsOf: [status.region_id] },
        });
        return;
      }
      const versions = (await listMaturityModels(db)).filter((model) => model.family === '2.0');
      const model = versions[operation.version % versions.length];
      if (!model) throw new Error('no 2.0 model');
      const before = await readModelStates(db, [status.id]);
      await db.execute(
        sql`delete from maturity_answers where status_id = ${status.id} and model_id = ${model.id}`,
      );
      if (operation.kind === 'assess') {
        const answers = criteria.flatMap((criterion, index) => {
          const pick = operation.answers[index];
          if (pick === null || pick === undefined) return [];
          const option =
            criterion.levels[pick < 0 ? criterion.levels.length - 1 : pick % criterion.levels.length];
          return option ? [{ key: criterion.key, level: option.level }] : [];
        });
        if (answers.length > 0)
          await db.execute(sql`
            insert into maturity_answers (status_id, model_id, criterion_key, level)
            select ${status.id}, ${model.id}, a.key, a.level
            from jsonb_to_recordset(${JSON.stringify(answers)}::jsonb) as a(key text, level smallint)`);
      }
      await recomputeAssessments(
        db,
        [{ statusId: status.id, modelId: model.id }],
        new Map(versions.map((version) => [version.id, version])),
      );
      // The assessment write's derived change: no 1.1 delta, the status's 2.0 contribution before and after.
      await applyStatusChanges(db, {
        statement: sql`select 1 where false`,
        derived: { deltas: [], modelDeltas: modelDeltas(before, await readModelStates(db, [status.id])) },
      });
    };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 15 }), async (operations) => {
        for (const operation of operations) await apply(operation);
        expect(await modelTotalsDifferences(db)).toEqual([]);
        expect(await modelSnapshotDifferences(db)).toEqual([]);
        expect(await pastModelSnapshots(db)).toEqual(past);
      }),
      { numRuns: 8 },
    );
    const assessed = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from maturity_assessments where status_id = any(${intArray(statuses.map((s) => s.id))})`,
    );
    expect(assessed[0]?.n).toBeGreaterThan(0);
    const moved = await derivedTables(db);
    await rebuildDerivedTables(db);
    const rebuilt = await derivedTables(db);
    expect(rebuilt.modelRollups).toEqual(moved.modelRollups);
    expect(rebuilt.modelTotals).toEqual(moved.modelTotals);
    expect(rebuilt.modelSnapshots).toEqual(moved.modelSnapshots);
    expect(await pastModelSnapshots(db)).toEqual(past);
  }, 300_000);

  it("an assessment write moves today's 2.0 snapshot of the administration and its ancestors, never a past one", async () => {
    const { db } = database;
    const [status] = await queryRows<{ id: number; region_id: number }>(
      db,
      sql`select st.id, st.region_id from service_statuses st
          where st.in_target and st.maturity_model = '1.1'
            and not exists (select 1 from maturity_assessments a where a.status_id = st.id)
          order by st.id limit 1`,
    );
    if (!status) throw new Error('no unassessed status');
    const [{ ancestors } = { ancestors: [] }] = await queryRows<{ ancestors: number[] }>(
      db,
      sql`with recursive up(id) as (
            select ${status.region_id}::int
            union select v.parent_region_id from up join region_versions v on v.region_id = up.id and v.valid_to is null
            where v.parent_region_id is not null)
          select array_agg(id order by id) as ancestors from up`,
    );
    expect(ancestors.length).toBeGreaterThanOrEqual(3);
    /** Each region's latest 2.0 snapshot: its day and assessed count. */
    const latest = async () =>
      queryRows<{ region_id: number; day: string; assessed: number }>(
        db,
        sql`select distinct on (region_id) region_id, day::text as day, assessed from region_model_snapshots
            where region_id = any(${intArray(ancestors)}) order by region_id, day desc`,
      );
    const before = await latest();
    const past = await pastModelSnapshots(db);
    const [model] = (await listMaturityModels(db)).filter((m) => m.family === '2.0');
    if (!model) throw new Error('no 2.0 model');
    const states = await readModelStates(db, [status.id]);
    // Every criterion at its top option: a complete assessment at level 7.
    await db.execute(sql`
      insert into maturity_answers (status_id, model_id, criterion_key, level)
      select ${status.id}, ${model.id}, c.key, c.level
      from jsonb_to_recordset(${JSON.stringify(
        REIFEGRADMODELL_2_0.criteria.map((c) => ({ key: c.key, level: c.levels.at(-1)?.level })),
      )}::jsonb) as c(key text, level smallint)`);
    await recomputeAssessments(
      db,
      [{ statusId: status.id, modelId: model.id }],
      new Map([[model.id, model]]),
    );
    await db.transaction(async (tx) => {
      await applyStatusChanges(tx as unknown as Db, {
        statement: sql`select 1 where false`,
        derived: {
          deltas: [],
          modelDeltas: modelDeltas(states, await readModelStates(tx as unknown as Db, [status.id])),
        },
      });
    });

    const [{ today } = { today: '' }] = await queryRows<{ today: string }>(
      db,
      sql`select ((now() at time zone 'Europe/Berlin')::date)::text as today`,
    );
    const after = await latest();
    expect(after.map((row) => row.day)).toEqual(ancestors.map(() => today));
    expect(after.map((row) => row.assessed)).toEqual(
      ancestors.map((id) => {
        const was = before.find((row) => row.region_id === id);
        return (was?.assessed ?? 0) + 1;
      }),
    );
    expect(await modelSnapshotDifferences(db)).toEqual([]);
    expect(await pastModelSnapshots(db)).toEqual(past);
  }, 120_000);

  it("every rebuild keeps the past 2.0 snapshots and takes today's from the 2.0 totals", async () => {
    const { db } = database;
    const past = await pastModelSnapshots(db);
    expect(past.length).toBeGreaterThan(100);
    const changes: Parameters<typeof applyStatusChanges>[1][] = [
      { statement: sql`select 1 where false`, derived: { rollupsOf: 'all' } },
      { statement: sql`select 1 where false`, derived: { everything: true } },
    ];
    for (const write of [...changes, null]) {
      // Today's rows wrong or missing: the rebuild takes them from the totals again.
      await db.execute(sql`
        update region_model_snapshots set counted = counted + 5
        where day = (now() at time zone 'Europe/Berlin')::date and region_id % 2 = 0`);
      await db.execute(sql`
        delete from region_model_snapshots where day = (now() at time zone 'Europe/Berlin')::date and region_id % 2 = 1`);
      expect(await modelSnapshotDifferences(db)).not.toEqual([]);
      if (write) await applyStatusChanges(db, write);
      else await rebuildDerivedTables(db);
      expect(await modelSnapshotDifferences(db)).toEqual([]);
      // Today's row of every region with a 2.0 total, not only the latest of an earlier day.
      const [count] = await queryRows<{ today: number; totals: number }>(
        db,
        sql`select (select count(*)::int from region_model_snapshots
                    where day = (now() at time zone 'Europe/Berlin')::date) as today,
              (select count(*)::int from region_model_totals where themenfeld is null) as totals`,
      );
      expect(count?.today).toBe(count?.totals);
      expect(await pastModelSnapshots(db)).toEqual(past);
    }
  }, 240_000);

  it('a database that had statuses before the 2.0 tables existed gets them filled on the next start', async () => {
    const { db } = database;
    const expected = await derivedTables(db);
    await db.execute(sql`delete from region_model_totals`);
    await db.execute(sql`delete from region_model_rollups`);
    await migrateDb(database);
    const filled = await derivedTables(db);
    expect(filled.modelRollups).toEqual(expected.modelRollups);
    expect(filled.modelTotals).toEqual(expected.modelTotals);
    expect(await modelSnapshotDifferences(db)).toEqual([]);
  }, 120_000);

  it("a database that had 2.0 totals before the 2.0 snapshots existed gets today's on the next start", async () => {
    const { db } = database;
    await db.execute(sql`delete from region_model_snapshots`);
    await migrateDb(database);
    expect(await modelSnapshotDifferences(db)).toEqual([]);
    const [row] = await queryRows<{ days: number }>(
      db,
      sql`select count(distinct day)::int as days from region_model_snapshots`,
    );
    expect(row?.days).toBe(1);
  }, 120_000);
});
