import { appliesByDefault, type ExecutingLevel, type RegionKind, type RegionLevel } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncTargetSets } from './applicability';
import { type Database, queryRows } from './client';
import { importCatalog } from './importers/catalog';
import { importGv100 } from './importers/gv100';
import { applicabilityExceptions, ozgServices } from './schema/index';
import { createTestDatabase, readOfficialFile, sampleGv100 } from './testing/index';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const count = async (query: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(database.db, query))[0]?.n;

describe('target sets', () => {
  it('takes the services out of the target set of a region that closes, keeping its statuses and saying so', async () => {
    await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'alt' });
    await database.db.insert(ozgServices).values({
      ozgId: 90001,
      name: 'Leistung',
      lebenslage: 'Test',
      themenfeld: 'Querschnitt',
      municipallyRelevant: true,
      executingLevel: 'gemeinde',
    });
    await syncTargetSets(database.db, { source: 'api' });
    const [old] = await queryRows<{ region_id: number }>(
      database.db,
      sql`select region_id from region_versions where ags = '99131003'`,
    );
    // Probefeld vanishes from the directory without a successor: the region closes.
    await importGv100({
      database,
      text: sampleGv100({ date: '20260101' })
        .split('\n')
        .filter((line) => line.slice(10, 18) !== '99131003')
        .join('\n'),
      fileName: 'neu',
      today: '2026-11-25',
    });
    const statuses = await queryRows<{ ags: string; in_target: boolean; events: number }>(
      database.db,
      sql`select v.ags, st.in_target, (select count(*)::int from status_events e where e.status_id = st.id) as events
          from service_statuses st join region_versions v on v.region_id = st.region_id
          where st.region_id = ${old?.region_id}`,
    );
    expect(statuses).toEqual([{ ags: '99131003', in_target: false, events: 2 }]);
    const [rollup] = await queryRows<{ target_count: number }>(
      database.db,
      sql`select sum(target_count)::int as target_count from region_rollups where region_id = ${old?.region_id}`,
    );
    expect(rollup?.target_count).toBe(0);
  });

  it('gives every Hessian Gemeinde a status for each municipally relevant service after both imports', async () => {
    await importGv100({ database, text: readOfficialFile('GV100AD_301123.txt'), fileName: 'gv', land: '06' });
    const summary = await importCatalog({
      database,
      ozg: { text: readOfficialFile('ozg-leistungen.csv'), fileName: 'ozg' },
      leika: { text: readOfficialFile('leika-leistungen.csv'), fileName: 'leika' },
    });
    expect(summary.executingLevelDefaults).toBe(557);
    expect(summary.statusesCreated).toBe(421 * 461);
    expect(await count(sql`select count(*)::int as n from service_statuses where in_target`)).toBe(421 * 461);
    expect(await count(sql`select count(*)::int as n from status_events`)).toBe(421 * 461);
    expect(await count(sql`select sum(target_count)::int as n from region_rollups`)).toBe(421 * 461);
    expect(await count(sql`select sum(level0)::int as n from region_rollups`)).toBe(421 * 461);
  }, 120_000);

  it('follows executing levels, region kinds and exceptions exactly as appliesByDefault says', async () => {
    await importGv100({ database, text: sampleGv100(), fileName: 'gv' });
    const levels: (ExecutingLevel | null)[] = ['gemeinde', 'kreis', 'land', 'bund', null];
    await database.db.insert(ozgServices).values(
      levels.map((level, index) => ({
        ozgId: 90001 + index,
        name: `Leistung ${index}`,
        lebenslage: 'Test',
        themenfeld: 'Querschnitt' as const,
        municipallyRelevant: true,
        executingLevel: level,
      })),
    );
    await syncTargetSets(database.db, { source: 'api' });

    type Pair = {
      region_id: number;
      level: RegionLevel;
      kind: RegionKind;
      ozg_id: number;
      executing_level: ExecutingLevel | null;
      in_target: boolean | null;
    };
    const pairs = await queryRows<Pair>(
      database.db,
      sql`select v.region_id, r.level, v.kind, s.ozg_id, s.executing_level, st.in_target
          from region_versions v join regions r on r.id = v.region_id cross join ozg_services s
          left join service_statuses st on st.region_id = v.region_id and st.ozg_id = s.ozg_id
          where v.valid_to is null`,
    );
    expect(pairs.length).toBe(8 * 5);
    for (const pair of pairs) {
      expect([pair.level, pair.kind, pair.executing_level, pair.in_target ?? false]).toEqual([
        pair.level,
        pair.kind,
        pair.executing_level,
        appliesByDefault({ level: pair.level, kind: pair.kind }, pair.executing_level),
      ]);
    }
    // The kreisfreie Stadt has both levels on its Gemeinde record, the Landkreis only the Kreis level.
    expect(
      pairs.filter((p) => p.in_target && p.kind === 'kreisfreie_stadt').map((p) => [p.level, p.ozg_id]),
    ).toEqual(
      expect.arrayContaining([
        ['gemeinde', 90001],
        ['gemeinde', 90002],
      ]),
    );

    // An exception takes a service out of one Gemeinde's target set, keeping the record and saying so in an event.
    const [probefeld] = await queryRows<{ region_id: number }>(
      database.db,
      sql`select region_id from region_versions where ags = '99131003'`,
    );
    await database.db.insert(applicabilityExceptions).values({
      regionId: probefeld?.region_id as number,
      ozgId: 90001,
      applies: false,
      reason: 'Aufgabe an den Kreis übertragen',
    });
    const result = await syncTargetSets(database.db, { source: 'api' });
    expect(result).toEqual({ created: 0, changed: 1, regionIds: [probefeld?.region_id] });
    const [status] = await queryRows<{ in_target: boolean; events: number }>(
      database.db,
      sql`select st.in_target, (select count(*)::int from status_events e where e.status_id = st.id) as events
          from service_statuses st where st.region_id = ${probefeld?.region_id} and st.ozg_id = 90001`,
    );
    expect(status).toEqual({ in_target: false, events: 2 });
    const [rollup] = await queryRows<{ target_count: number }>(
      database.db,
      sql`select sum(target_count)::int as target_count from region_rollups where region_id = ${probefeld?.region_id}`,
    );
    expect(rollup?.target_count).toBe(0);
  });
});
