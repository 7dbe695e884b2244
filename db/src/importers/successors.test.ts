import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncTargetSets } from '../applicability';
import { type Database, queryRows } from '../client';
import { recomputeRollups } from '../rollups';
import { ozgServices } from '../schema/index';
import { createTestDatabase, gv100Line, sampleGv100 } from '../testing/index';
import { ImportFileError } from './errors';
import { importGv100 } from './gv100';
import { importSuccessors } from './successors';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const HEADER = 'old_ags,new_ags,date,kind';
const gemeinde = (gemeindeKey: string, name: string, population: number) =>
  gv100Line({
    type: '60',
    date: '20260101',
    land: '99',
    bezirk: '1',
    kreis: '31',
    gemeinde: gemeindeKey,
    verband: `0${gemeindeKey}`,
    name,
    gvType: '64',
    areaHectares: 1000,
    population,
  });
/** The sample Land of 2026 without some Gemeinden of the Landkreis and with others instead. */
const sample2026 = (without: string[], extra: string[]) =>
  `${sampleGv100({ date: '20260101' })
    .split('\n')
    .filter((line) => line !== '' && !without.some((ags) => line.slice(10, 18) === ags))
    .concat(extra)
    .join('\n')}\n`;

/** The sample Land of 2025 with two services at Gemeinde level and some history. */
async function loadWithHistory(levels: Record<string, [number, number]>) {
  await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'gv2025.txt' });
  await database.db.insert(ozgServices).values(
    [90001, 90002].map((ozgId) => ({
      ozgId,
      name: `Leistung ${ozgId}`,
      lebenslage: 'Test',
      themenfeld: 'Querschnitt' as const,
      municipallyRelevant: true,
      executingLevel: 'gemeinde' as const,
    })),
  );
  await syncTargetSets(database.db, { source: 'api' });
  // The statuses were created today; give them a history from 2024 on (events are append-only).
  await database.db.execute(sql`
    insert into status_events (status_id, region_id, ozg_id, occurred_at, source, before, after,
      maturity_level, maturity_model, in_target)
    select id, region_id, ozg_id, '2024-01-02T10:00:00Z', 'seed', '{}', '{"inTarget": true}', 0, '1.1', true
    from service_statuses`);
  for (const [ags, [first, second]] of Object.entries(levels)) {
    await database.db.execute(sql`
      with target(ozg_id, level) as (values (90001, ${first}::smallint), (90002, ${second}::smallint)),
      raised as (
        update service_statuses st set maturity_level = t.level,
          online_since = case when t.level >= 3 then '2024-03-01'::date end, version = st.version + 1
        from target t, region_versions v
        where v.ags = ${ags} and v.valid_to is null and st.region_id = v.region_id and st.ozg_id = t.ozg_id
        returning st.id, st.region_id, st.ozg_id, st.maturity_level)
      insert into status_events (status_id, region_id, ozg_id, occurred_at, source, before, after,
        maturity_level, maturity_model, in_target)
      select id, region_id, ozg_id, '2024-03-01T10:00:00Z', 'ui', '{"maturityLevel": 0}',
        jsonb_build_object('maturityLevel', maturity_level), maturity_level, '1.1', true from raised`);
  }
  await recomputeRollups(database.db);
}

const statusesOf = (ags: string) =>
  queryRows<{ ozg_id: number; level: number; in_target: boolean; online_since: string | null }>(
    database.db,
    sql`select st.ozg_id, st.maturity_level as level, st.in_target, st.online_since::text
        from service_statuses st
        where st.region_id = (select region_id from region_versions where ags = ${ags} order by valid_from desc limit 1)
        order by st.ozg_id`,
  );

describe('successor list: mergers and splits', () => {
  it('merges two Gemeinden into a new one: the highest level of each service counts, the old records stay and are linked', async () => {
    await loadWithHistory({ '99131002': [3, 1], '99131003': [2, 4] });
    await importSuccessors({
      database,
      text: `${HEADER}\n99131002,99131004,01.01.2026,Zusammenschluss\n99131003,99131004,2026-01-01,Zusammenschluss\n`,
      fileName: 'aenderungen.csv',
    });
    const summary = await importGv100({
      database,
      text: sample2026(['99131002', '99131003'], [gemeinde('004', 'Beispielfeld', 6_500)]),
      fileName: 'gv2026.txt',
    });
    expect(summary.mergers).toEqual([
      { newAgs: '99131004', oldAgs: ['99131002', '99131003'], statusesTakenOver: 2 },
    ]);
    expect(summary.successions).toEqual([]);
    expect(await statusesOf('99131004')).toEqual([
      { ozg_id: 90001, level: 3, in_target: true, online_since: '2024-03-01' },
      { ozg_id: 90002, level: 4, in_target: true, online_since: '2024-03-01' },
    ]);
    // The merged records are kept with their levels, out of the target set, never dropped.
    expect(await statusesOf('99131002')).toEqual([
      { ozg_id: 90001, level: 3, in_target: false, online_since: '2024-03-01' },
      { ozg_id: 90002, level: 1, in_target: false, online_since: null },
    ]);
    const links = await queryRows<{ old_ags: string; linked: boolean; applied_on: string }>(
      database.db,
      sql`select s.old_ags, s.predecessor_region_id is not null and s.successor_region_id =
            (select region_id from region_versions where ags = '99131004') as linked, s.applied_on::text
          from region_successions s order by s.old_ags`,
    );
    expect(links).toEqual([
      { old_ags: '99131002', linked: true, applied_on: '2026-01-01' },
      { old_ags: '99131003', linked: true, applied_on: '2026-01-01' },
    ]);
    // Each taken-over level is an event naming the record it came from, counted from the Stichtag.
    const [event] = await queryRows<{ after: { takenOverFromStatus: number }; effective_on: string }>(
      database.db,
      sql`select e.after, e.effective_on::text from status_events e
          join region_versions v on v.region_id = e.region_id and v.ags = '99131004'
          where e.ozg_id = 90002 and e.maturity_level = 4`,
    );
    expect(event?.effective_on).toBe('2026-01-01');
    const [source] = await queryRows<{ ags: string }>(
      database.db,
      sql`select v.ags from service_statuses st join region_versions v on v.region_id = st.region_id
          where st.id = ${event?.after.takenOverFromStatus}`,
    );
    expect(source?.ags).toBe('99131003');
    // The Landkreis counts the merged Gemeinde from the Stichtag on: 2 Gemeinden × 2 services.
    const [kreis] = await queryRows<{ target_count: number; conformant: number }>(
      database.db,
      sql`select target_count, conformant from progress_snapshots p
          join region_versions v on v.region_id = p.region_id and v.ags = '99131'
          where p.day <= '2026-02-01' order by p.day desc limit 1`,
    );
    expect(kreis).toEqual({ target_count: 4, conformant: 2 });
  });

  it('splits a Gemeinde: each part starts with its record', async () => {
    await loadWithHistory({ '99131001': [4, 2] });
    await importSuccessors({
      database,
      text: `${HEADER}\n99131001,99131005,2026-01-01,Aufteilung\n99131001,99131006,2026-01-01,Aufteilung\n`,
      fileName: 'aenderungen.csv',
    });
    const summary = await importGv100({
      database,
      text: sample2026(
        ['99131001'],
        [gemeinde('005', 'Musterau-Nord', 30_000), gemeinde('006', 'Musterau-Süd', 30_000)],
      ),
      fileName: 'gv2026.txt',
    });
    expect(summary.mergers).toEqual([
      { newAgs: '99131005', oldAgs: ['99131001'], statusesTakenOver: 2 },
      { newAgs: '99131006', oldAgs: ['99131001'], statusesTakenOver: 2 },
    ]);
    for (const part of ['99131005', '99131006']) {
      expect((await statusesOf(part)).map((status) => [status.ozg_id, status.level])).toEqual([
        [90001, 4],
        [90002, 2],
      ]);
    }
  });

  it('follows an explicit key change where the names do not tell, and a dry run writes nothing', async () => {
    await loadWithHistory({ '99131003': [3, 0] });
    const renamed = sample2026(['99131003'], [gemeinde('007', 'Neu-Probefeld', 2_500)]);
    const count = () =>
      queryRows<{ n: number }>(
        database.db,
        sql`select (select count(*) from regions) + (select count(*) from territory_imports)::int as n`,
      );
    const before = await count();
    // Without the list the names differ: the dry run shows an ended and a new Gemeinde, and writes nothing.
    const dry = await importGv100({ database, text: renamed, fileName: 'gv2026.txt', dryRun: true });
    expect(dry.successions).toEqual([]);
    expect(dry.changes).toMatchObject({ created: 1, closed: 1 });
    expect(await count()).toEqual(before);
    await importSuccessors({
      database,
      text: `${HEADER}\n99131003,99131007,2026-01-01,Schlüsseländerung\n`,
      fileName: 'aenderungen.csv',
    });
    const summary = await importGv100({ database, text: renamed, fileName: 'gv2026.txt' });
    expect(summary.successions).toEqual([
      { oldAgs: '99131003', newAgs: '99131007', name: 'Probefeld', matchedBy: 'list' },
    ]);
    expect((await statusesOf('99131007')).map((status) => [status.level, status.in_target])).toEqual([
      [3, true],
      [0, true],
    ]);
  });

  it('counts a change from the Stichtag, but never before the record it changes existed', async () => {
    // Statuses created today (after the Stichtag below): a Kreis task of the kreisfreie Stadt.
    await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'gv2025.txt' });
    await database.db.insert(ozgServices).values({
      ozgId: 90003,
      name: 'Kreisaufgabe',
      lebenslage: 'Test',
      themenfeld: 'Querschnitt',
      municipallyRelevant: true,
      executingLevel: 'kreis',
    });
    await syncTargetSets(database.db, { source: 'api' });
    // Teststadt loses its kreisfreiheit on 2026-01-01 and joins the Landkreis under a new key.
    const text = sample2026(
      ['99101000'],
      [
        gv100Line({
          type: '60',
          date: '20260101',
          land: '99',
          bezirk: '1',
          kreis: '31',
          gemeinde: '010',
          verband: '0010',
          name: 'Teststadt, Stadt',
          gvType: '63',
          population: 200_000,
        }),
      ],
    ).replace(/^402026010199101.*\n/m, '');
    const summary = await importGv100({ database, text, fileName: 'gv2026.txt' });
    expect(summary.successions).toMatchObject([{ oldAgs: '99101000', newAgs: '99131010' }]);
    const [left] = await queryRows<{ in_target: boolean; effective_on: string }>(
      database.db,
      sql`select in_target, effective_on::text from status_events e
          join region_versions v on v.region_id = e.region_id and v.ags = '99131010'
          where e.ozg_id = 90003 order by e.id desc limit 1`,
    );
    expect(left).toEqual({ in_target: false, effective_on: '2026-01-01' });
    // Between the Stichtag and today the task did not exist yet: the Land never counts it below zero.
    const [land] = await queryRows<{ lowest: number }>(
      database.db,
      sql`select min(p.target_count)::int as lowest from progress_snapshots p
          join region_versions v on v.region_id = p.region_id and v.ags = '99'`,
    );
    expect(land?.lowest).toBeGreaterThanOrEqual(0);
  });

  const bad: [string, string, RegExp][] = [
    ['a short key', '9913100,99131004,2026-01-01,Zusammenschluss', /:2: old_ags: "9913100" ist kein/],
    ['an unknown kind', '99131002,99131004,2026-01-01,Umzug', /:2: kind: "Umzug" ist keine Art/],
    [
      'an invalid date',
      '99131002,99131004,31.02.2026,Zusammenschluss',
      /:2: date: "31.02.2026" ist kein Datum/,
    ],
    [
      'a key change with two successors',
      '99131002,99131004,2026-01-01,Schlüsseländerung\n99131002,99131005,2026-01-01,Schlüsseländerung',
      /:2: kind: 99131002 → 99131004 widerspricht Zeile 3/,
    ],
  ];
  it.each(bad)('refuses a list with %s, all or nothing', async (_label, lines, message) => {
    const error = await importSuccessors({
      database,
      text: `${HEADER}\n${lines}\n`,
      fileName: 'liste.csv',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(/^liste\.csv:/);
    expect((error as Error).message).toMatch(message);
    const [count] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from region_successions`,
    );
    expect(count?.n).toBe(0);
  });
});
