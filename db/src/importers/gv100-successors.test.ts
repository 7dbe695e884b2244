import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../client';
import { recomputeRollups } from '../rollups';
import { createTestDatabase, gv100Line, readOfficialFile } from '../testing/index';
import { rebuildSnapshots } from '../totals';
import { importCatalog } from './catalog';
import { importGv100 } from './gv100';

/*
 * Hanau's case on the real GV100AD: on 1 January 2026 Hanau (06435014) left the
 * Main-Kinzig-Kreis (06435) and became kreisfrei. The "newer" directory is made
 * here from the official one (never committed): Hessen's records dated
 * 2026-01-01, Hanau as the Gemeinde 06415000 (type 61) of a new Kreis 06415.
 */
const OLD_HANAU = '06435014';
const NEW_HANAU = '06415000';

function hessenAsOf2026(official: string): string {
  const lines = official
    .split(/\r?\n/)
    .filter((line) => line.slice(10, 12) === '06')
    .map((line) => `${line.slice(0, 2)}20260101${line.slice(10)}`)
    // Hanau's Gemeindeverband record goes with its old Kreis (Verbände are skipped anyway).
    .filter((line) => !(line.startsWith('50') && line.slice(10, 22) === '06435   0014'))
    .map((line) =>
      line.startsWith('60') && line.slice(10, 18) === OLD_HANAU
        ? `${line.slice(0, 10)}064150000000${line.slice(22, 122)}61${line.slice(124)}`
        : line,
    );
  const kreis = gv100Line({
    type: '40',
    date: '20260101',
    land: '06',
    bezirk: '4',
    kreis: '15',
    name: 'Hanau, Brüder-Grimm-Stadt',
    seat: 'Hanau',
    gvType: '41',
  });
  return `${[...lines, kreis].join('\n')}\n`;
}

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const one = async <T>(query: ReturnType<typeof sql>): Promise<T> => {
  const [row] = await queryRows<T>(database.db, query);
  return row as T;
};
const currentId = async (ags: string) =>
  (
    await one<{ id: number }>(
      sql`select region_id as id from region_versions where ags = ${ags} and valid_to is null`,
    )
  ).id;
/** The series value of a region on a day: its latest snapshot at or before it. */
const seriesOn = (regionId: number, day: string) =>
  one<{ target: number; conformant: number }>(
    sql`select target_count as target, conformant from progress_snapshots
        where region_id = ${regionId} and day <= ${day} order by day desc limit 1`,
  );

describe('Hanau becomes kreisfrei under a new key (real GV100AD)', () => {
  it('keeps its statuses, events and history; the past series is unchanged; from the Stichtag on Hanau counts in its new Kreis', async () => {
    const official = readOfficialFile('GV100AD_301123.txt');
    await importCatalog({
      database,
      ozg: { text: readOfficialFile('ozg-leistungen.csv'), fileName: 'ozg-leistungen.csv' },
      leika: { text: readOfficialFile('leika-leistungen.csv'), fileName: 'leika-leistungen.csv' },
    });
    // One Kreis-level task, so that the new kind (kreisfreie Stadt) adds a service.
    const { kreisTask } = await one<{ kreisTask: number }>(
      sql`update ozg_services set executing_level = 'kreis'
          where ozg_id = (select min(ozg_id) from ozg_services where municipally_relevant)
          returning ozg_id as "kreisTask"`,
    );
    await importGv100({ database, text: official, fileName: 'GV100AD_301123.txt', land: '06' });
    const hanau = await currentId(OLD_HANAU);
    const mkk = await currentId('06435');
    const hessen = await currentId('06');

    // The import created the statuses today, after the Stichtag of the newer file; give them a
    // history from January 2024 on, as if the directory had been loaded then.
    await database.db.execute(sql`
      insert into status_events (status_id, region_id, ozg_id, occurred_at, source, before, after,
        maturity_level, maturity_model, in_target)
      select id, region_id, ozg_id, '2024-01-02T10:00:00Z', 'seed', '{}', '{"inTarget": true}', 0, '1.1', true
      from service_statuses where in_target`);
    // Hanau's history: 19 services OZG-konform since May 2024.
    await database.db.execute(sql`
      with picked as (
        select id from service_statuses where region_id = ${hanau} and in_target order by ozg_id limit 19),
      raised as (
        update service_statuses st set maturity_level = 3, online_since = '2024-05-01', version = st.version + 1
        from picked where st.id = picked.id returning st.id, st.region_id, st.ozg_id)
      insert into status_events (status_id, region_id, ozg_id, occurred_at, source, before, after,
        maturity_level, maturity_model, in_target)
      select id, region_id, ozg_id, '2024-05-01T10:00:00Z', 'ui', '{"maturityLevel": 0}',
        '{"maturityLevel": 3}', 3, '1.1', true from raised`);
    await recomputeRollups(database.db);
    await rebuildSnapshots(database.db);

    const before = await one<{ target: number; conformant: number; events: number }>(
      sql`select count(*) filter (where in_target)::int as target,
            count(*) filter (where in_target and maturity_level >= 3)::int as conformant,
            (select count(*) from status_events where region_id = ${hanau})::int as events
          from service_statuses where region_id = ${hanau}`,
    );
    expect(before).toEqual({ target: 460, conformant: 19, events: 460 * 2 + 19 });
    const pastOf = (regionId: number) =>
      queryRows<{ day: string; target_count: number; conformant: number }>(
        database.db,
        sql`select day::text, target_count, conformant from progress_snapshots
            where region_id = ${regionId} and day < '2026-01-01' order by day`,
      );
    const hessenPast = await pastOf(hessen);
    const mkkPast = await pastOf(mkk);
    const hessenLastYear = await seriesOn(hessen, '2025-12-31');
    const mkkLastYear = await seriesOn(mkk, '2025-12-31');

    const summary = await importGv100({
      database,
      text: hessenAsOf2026(official),
      fileName: 'GV100AD_010126.txt',
      land: '06',
    });

    // Recognised by its name: the same region, now under the new key below the new Kreis.
    expect(summary.successions).toEqual([
      { oldAgs: OLD_HANAU, newAgs: NEW_HANAU, name: 'Hanau, Brüder-Grimm-Stadt', matchedBy: 'name' },
    ]);
    expect(summary.changes).toMatchObject({ created: 1, closed: 0, succeeded: 1 });
    expect(await currentId(NEW_HANAU)).toBe(hanau);
    const versions = await queryRows<{ ags: string; kind: string; valid_to: string | null; kreis: string }>(
      database.db,
      sql`select v.ags, v.kind::text, v.valid_to::text, k.ags as kreis from region_versions v
          join region_versions k on k.region_id = v.parent_region_id and k.valid_to is null
          where v.region_id = ${hanau} order by v.valid_from`,
    );
    expect(versions).toEqual([
      { ags: OLD_HANAU, kind: 'stadt', valid_to: '2026-01-01', kreis: '06435' },
      { ags: NEW_HANAU, kind: 'kreisfreie_stadt', valid_to: null, kreis: '06415' },
    ]);

    // Statuses and events carry over; the Kreis task is added at level 0, effective on the Stichtag.
    const after = await one<{ target: number; conformant: number; events: number; retired: number }>(
      sql`select count(*) filter (where in_target)::int as target,
            count(*) filter (where in_target and maturity_level >= 3)::int as conformant,
            (select count(*) from status_events where region_id = ${hanau})::int as events,
            (select count(*) from status_events where region_id = ${hanau} and not in_target)::int as retired
          from service_statuses where region_id = ${hanau}`,
    );
    expect(after).toEqual({ target: 461, conformant: 19, events: before.events + 1, retired: 0 });
    const added = await one<{ level: number; effective_on: string; source: string }>(
      sql`select e.maturity_level as level, e.effective_on::text, e.source::text from status_events e
          where e.region_id = ${hanau} and e.ozg_id = ${kreisTask}`,
    );
    expect(added).toEqual({ level: 0, effective_on: '2026-01-01', source: 'import' });

    // The past is not rewritten.
    expect(await pastOf(hessen)).toEqual(hessenPast);
    expect(await pastOf(mkk)).toEqual(mkkPast);
    // From the Stichtag on (also before the import day) Hanau counts in its new Kreis, and the Land keeps it.
    const newKreis = await currentId('06415');
    for (const day of ['2026-01-01', '2026-03-15']) {
      expect(await seriesOn(newKreis, day)).toEqual({ target: 461, conformant: 19 });
      expect(await seriesOn(mkk, day)).toEqual({
        target: mkkLastYear.target - 460,
        conformant: mkkLastYear.conformant - 19,
      });
      expect(await seriesOn(hessen, day)).toEqual({
        target: hessenLastYear.target + 1,
        conformant: hessenLastYear.conformant,
      });
    }
    // The ministry's note: figures from the Stichtag on were recalculated on the import day.
    const log = await queryRows<{ stichtag: string; territory_changes: number; successions: number }>(
      database.db,
      sql`select stichtag::text, territory_changes, successions from territory_imports order by id`,
    );
    expect(log).toEqual([
      { stichtag: '2023-11-30', territory_changes: 0, successions: 0 },
      { stichtag: '2026-01-01', territory_changes: 2, successions: 1 },
    ]);
  }, 180_000);
});
