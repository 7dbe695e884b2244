import { type Database, queryRows, schema, syncTargetSets } from '@ozg/db';
import { importGv100 } from '@ozg/db/importers';
import { createDemoTestDatabase, createTestDatabase, sampleGv100 } from '@ozg/db/testing';
import { OZG_DEADLINE, type ProgressSeries, todayInGermany } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthEnds, totalsOnDays } from '../../services/history';
import { figuresAsOf } from '../../services/progress';
import { readBody, testApp } from '../../testing';
import { seriesRoute } from './progress.routes';

describe('progress series on the demo', () => {
  let database: Database;
  let series: ProgressSeries;
  beforeAll(async () => {
    // A copy of the run's demo template: the demo as seedDemo generates it for DEMO_TODAY, not a second seed.
    database = await createDemoTestDatabase();
    const res = await testApp(database).request('/api/v1/regions/06435/progress/series');
    expect(res.status).toBe(200);
    series = await readBody(res, seriesRoute, 200);
  });
  afterAll(async () => {
    await database.close();
  });

  /** Reference: replay every event of the Kreis (found by AGS prefix) in TypeScript up to the end of a German day. */
  async function replay(day: string) {
    const events = await queryRows<{
      status_id: number;
      occurred_at: string;
      maturity_level: number;
      in_target: boolean;
    }>(
      database.db,
      sql`select e.status_id, to_char(e.occurred_at at time zone 'Europe/Berlin', 'YYYY-MM-DD"T"HH24:MI:SS') as occurred_at,
            e.maturity_level, e.in_target
          from status_events e join region_versions v on v.region_id = e.region_id and v.valid_to is null
          where v.ags like '06435%' order by e.id`,
    );
    const latest = new Map<number, { level: number; inTarget: boolean }>();
    for (const event of events) {
      if (event.occurred_at.slice(0, 10) <= day)
        latest.set(event.status_id, { level: event.maturity_level, inTarget: event.in_target });
    }
    const target = [...latest.values()].filter((state) => state.inTarget);
    return { targetServices: target.length, conformant: target.filter((state) => state.level >= 3).length };
  }

  it('has a point at every month end since the first event, the last one today', () => {
    expect(series.monthly[0]?.date).toBe('2021-01-31');
    expect(series.monthly.at(-1)?.date).toBe(series.daily.at(-1)?.date);
    expect(series.daily).toHaveLength(90);
    expect(series.deadline.date).toBe(OZG_DEADLINE);
  });

  it('equals a replay of the events for the deadline, some month ends and today', async () => {
    const checks = [
      series.deadline,
      series.monthly[5],
      series.monthly[30],
      series.monthly.at(-1),
      series.daily[10],
    ];
    for (const point of checks) {
      if (!point) throw new Error('missing point');
      expect({
        date: point.date,
        targetServices: point.targetServices,
        conformant: point.conformant,
      }).toEqual({
        date: point.date,
        ...(await replay(point.date)),
      });
    }
  });

  it('rises over time, as the demo does, and forecasts with its method stated', () => {
    const first = series.monthly[0]?.share ?? 0;
    const last = series.monthly.at(-1)?.share ?? 0;
    expect(last).toBeGreaterThan(first);
    expect(series.forecast.method).toMatch(/Regression/);
    for (const forecast of [series.forecast.full, series.forecast.threeQuarters]) {
      if (forecast.reachable) expect(forecast.date > (series.monthly.at(-1)?.date ?? '')).toBe(true);
      else expect(forecast.reason === 'reached').toBe((series.monthly.at(-1)?.share ?? 0) >= forecast.target);
    }
  });

  it('still rises in the last twelve months, so that 75 % and 100 % have a forecast date', () => {
    const last = series.monthly.at(-1);
    const yearBefore = series.monthly.at(-13);
    expect((last?.share ?? 0) - (yearBefore?.share ?? 0)).toBeGreaterThan(0.01);
    for (const forecast of [series.forecast.full, series.forecast.threeQuarters]) {
      if (!forecast.reachable) expect(forecast.reason).toBe('reached');
    }
    expect(series.forecast.full).toMatchObject({ reachable: true });
  });
});

describe('progress series across a territory change', () => {
  it('counts a town in its old Kreis before it became kreisfrei and in its new Kreis after', async () => {
    const database = await createTestDatabase();
    try {
      await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'alt.txt' });
      await database.db.insert(schema.ozgServices).values({
        ozgId: 90001,
        name: 'Leistung',
        lebenslage: 'Test',
        themenfeld: 'Querschnitt',
        municipallyRelevant: true,
        executingLevel: 'gemeinde',
      });
      // A Kreis task: the kreisfreie Stadt takes it on from the Stichtag, the Landkreis keeps it.
      await database.db.insert(schema.ozgServices).values({
        ozgId: 90002,
        name: 'Kreisaufgabe',
        lebenslage: 'Test',
        themenfeld: 'Querschnitt',
        municipallyRelevant: true,
        executingLevel: 'kreis',
      });
      await syncTargetSets(database.db, { source: 'api' });
      // Give each status a history that starts in 2025 (events are append-only; backdated inserts stand for old records).
      await database.db.execute(sql`
        insert into status_events (status_id, region_id, ozg_id, occurred_at, source, before, after, maturity_level, maturity_model, in_target)
        select id, region_id, ozg_id, '2025-03-01T10:00:00Z', 'seed', '{}', '{"maturityLevel": 3}', 3, '1.1', true
        from service_statuses`);
      await importGv100({
        database,
        text: sampleGv100({ date: '20260101', moveStadtToOwnKreis: true }),
        fileName: 'neu.txt',
        today: '2026-11-25',
      });
      const [landkreis] = await queryRows<{ region_id: number }>(
        database.db,
        sql`select region_id from region_versions where ags = '99131' and valid_to is null`,
      );
      const id = landkreis?.region_id as number;
      // Two routes: the stored snapshots (what the series reads) and a replay of the events on that day's territory.
      const snapshots = await totalsOnDays(database.db, [id], ['2025-06-30', '2026-02-28']);
      const replayed2025 = (await figuresAsOf(database.db, [id], '2025-06-30')).get(id)?.total;
      const replayed2026 = (await figuresAsOf(database.db, [id], '2026-02-28')).get(id)?.total;
      // Before: Musterau, Beispielbach and Probefeld and the Landkreis's own task, all at level 3 since March 2025.
      expect(snapshots.get(`${id}:2025-06-30`)).toMatchObject({ targetServices: 4, conformant: 4 });
      expect(replayed2025).toMatchObject({ target: 4, l3: 4 });
      // After: Musterau belongs to its own Kreis, with its record and history (decision 009).
      expect(snapshots.get(`${id}:2026-02-28`)).toMatchObject({ targetServices: 3, conformant: 3 });
      expect(replayed2026).toMatchObject({ target: 3, l3: 3 });
      const res = await testApp(database).request('/api/v1/regions/99102/progress/series');
      expect(res.status).toBe(200);
      const city = await readBody(res, seriesRoute, 200);
      const february = city.monthly.find((point) => point.date === '2026-02-28');
      // Its Gemeinde task at level 3, and the Kreis task it took on at the Stichtag at level 0.
      expect(february).toMatchObject({ targetServices: 2, conformant: 1 });
      // The as-of view of that day counts the same: the Kreis task from its Stichtag, not from the import day.
      const [city2026] = await queryRows<{ region_id: number }>(
        database.db,
        sql`select region_id from region_versions where ags = '99102' and valid_to is null`,
      );
      const cityId = city2026?.region_id as number;
      expect((await figuresAsOf(database.db, [cityId], '2026-02-28')).get(cityId)?.total).toMatchObject({
        target: 2,
        l0: 1,
        l3: 1,
      });
      // The ministry is told that the figures from the Stichtag on were recalculated on the import day.
      expect(city.recalculations).toEqual([
        { effectiveFrom: '2026-01-01', recalculatedOn: todayInGermany(), fileName: 'neu.txt' },
      ]);
      const before = await testApp(database).request('/api/v1/regions/99/progress/series');
      expect((await readBody(before, seriesRoute, 200)).recalculations).toHaveLength(1);
    } finally {
      await database.close();
    }
  });
});

describe('monthEnds', () => {
  it('lists month ends and stops at the last day', () => {
    expect(monthEnds('2024-11-15', '2025-02-10')).toEqual([
      '2024-11-30',
      '2024-12-31',
      '2025-01-31',
      '2025-02-10',
    ]);
    expect(monthEnds('2024-02-01', '2024-02-29')).toEqual(['2024-02-29']);
  });
});
