import { type Database, queryRows } from '@ozg/db';
import {
  computeProgress,
  type ProgressFigures,
  type RegionProgress,
  type StatusFact,
  THEMENFELDER,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp } from '../../testing';
import { listStatusesRoute } from '../statuses/statuses.routes';
import { childrenProgressRoute, progressRoute, seriesRoute } from './progress.routes';

let database: Database;
let app: TestApp;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
});
afterAll(async () => {
  await database.close();
});

type FactRow = StatusFact & { themenfeld: string };

/**
 * The reference route: statuses straight from the table, the region found by
 * AGS prefix (not by parent links), a Landkreis's inhabitants summed over the
 * 8-digit keys below it, and the figures from the pure computeProgress.
 */
async function referenceFacts(agsPrefix: string): Promise<FactRow[]> {
  return queryRows<FactRow>(
    database.db,
    sql`select st.in_target as "inTarget", st.maturity_level as "maturityLevel", st.online_since::text as "onlineSince",
          s.themenfeld,
          (case when length(v.ags) = 8 then v.population
                else (select sum(c.population) from region_versions c
                      where c.valid_to is null and length(c.ags) = 8 and c.ags like v.ags || '%') end)::float8 as population
        from service_statuses st
        join region_versions v on v.region_id = st.region_id and v.valid_to is null
        join ozg_services s on s.ozg_id = st.ozg_id
        where v.ags like ${`${agsPrefix}%`} and st.maturity_model = '1.1'`,
  );
}

function expectFigures(actual: RegionProgress['figures'], expected: ProgressFigures) {
  expect({
    ...actual,
    conformantShare: null,
    populationWeightedShare: null,
    onlineByDeadlineShare: null,
    medianDaysLate: null,
  }).toEqual({
    ...expected,
    conformantShare: null,
    populationWeightedShare: null,
    onlineByDeadlineShare: null,
    medianDaysLate: null,
  });
  for (const field of [
    'conformantShare',
    'populationWeightedShare',
    'onlineByDeadlineShare',
    'medianDaysLate',
  ] as const) {
    if (expected[field] === null) expect(actual[field]).toBeNull();
    else expect(actual[field]).toBeCloseTo(expected[field] as number, 9);
  }
}

describe('progress of a region', () => {
  for (const [key, label] of [
    ['06', 'the Land'],
    ['064', 'a Regierungsbezirk'],
    ['06435', 'a Landkreis with its own Kreis services'],
    ['06412', 'a kreisfreie Stadt by its Kreis key'],
    ['06435901', 'a Gemeinde'],
  ] as const) {
    it(`equals the reference computation from the statuses for ${label} (${key})`, async () => {
      const res = await app.request(`/api/v1/regions/${key}/progress`);
      expect(res.status).toBe(200);
      const progress = await readBody(res, progressRoute, 200);
      const facts = await referenceFacts(key);
      expect(facts.length).toBeGreaterThan(0);
      expectFigures(progress.figures, computeProgress(facts));
      for (const { themenfeld, figures } of progress.byThemenfeld) {
        expectFigures(figures, computeProgress(facts.filter((fact) => fact.themenfeld === themenfeld)));
      }
      expect(progress.byThemenfeld.map((entry) => entry.themenfeld)).toEqual(
        [...new Set(facts.map((fact) => fact.themenfeld))].sort((a, b) => a.localeCompare(b, 'de')),
      );
    });
  }

  it('changes with the next status edit: no stale figures', async () => {
    const before = await readBody(await app.request('/api/v1/regions/06435901/progress'), progressRoute, 200);
    const childBefore = (
      await readBody(await app.request('/api/v1/regions/06435/children/progress'), childrenProgressRoute, 200)
    ).children.find((child) => child.region.ags === '06435901');
    const seriesBefore = await readBody(
      await app.request('/api/v1/regions/06435/progress/series'),
      seriesRoute,
      200,
    );
    const officer = await signInAs(app, 'officer');
    const list = await readBody(
      await officer.request('GET', '/api/v1/regions/06435901/statuses?overdue=true&pageSize=1'),
      listStatusesRoute,
      200,
    );
    const status = list.items[0] as { id: number; version: number };
    await officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
      version: status.version,
      maturityLevel: 3,
      onlineSince: '2022-05-02',
    });
    const after = await readBody(await app.request('/api/v1/regions/06435901/progress'), progressRoute, 200);
    expect(after.figures.conformant).toBe(before.figures.conformant + 1);
    expect(after.figures.onlineByDeadline).toBe(before.figures.onlineByDeadline + 1);
    // The breakdown and the series read other derived tables: they see the edit at once too.
    const childAfter = (
      await readBody(await app.request('/api/v1/regions/06435/children/progress'), childrenProgressRoute, 200)
    ).children.find((child) => child.region.ags === '06435901');
    expect(childAfter?.figures.conformant).toBe((childBefore?.figures.conformant as number) + 1);
    const seriesAfter = await readBody(
      await app.request('/api/v1/regions/06435/progress/series'),
      seriesRoute,
      200,
    );
    expect(seriesAfter.daily.at(-1)?.conformant).toBe((seriesBefore.daily.at(-1)?.conformant as number) + 1);
    const land = await readBody(await app.request('/api/v1/regions/06/progress'), progressRoute, 200);
    expectFigures(land.figures, computeProgress(await referenceFacts('06')));
  });

  it('is public open data, and knows all Themenfelder by name', async () => {
    const progress = await readBody(await app.request('/api/v1/regions/06/progress'), progressRoute, 200);
    expect(progress.administrations).toBeGreaterThan(200);
    for (const entry of progress.byThemenfeld) expect(THEMENFELDER).toContain(entry.themenfeld);
  });
});

describe('children breakdown', () => {
  it('ranks the Kreise of a Regierungsbezirk by OZG-konform share and adds up to the parent', async () => {
    const res = await app.request('/api/v1/regions/064/children/progress');
    const { parent, children } = await readBody(res, childrenProgressRoute, 200);
    expect(parent.ags).toBe('064');
    expect(children).toHaveLength(14);
    const shares = children.map((child) => child.figures.conformantShare as number);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    // Competition ranking: 1 + the number of children with a higher share (equal shares share a rank).
    expect(children.map((child) => child.rank)).toEqual(
      shares.map((share) => 1 + shares.filter((other) => other > share).length),
    );
    const parentProgress = await readBody(
      await app.request('/api/v1/regions/064/progress'),
      progressRoute,
      200,
    );
    expect(children.reduce((sum, child) => sum + child.figures.targetServices, 0)).toBe(
      parentProgress.figures.targetServices,
    );
    for (const child of children.slice(0, 3)) {
      expectFigures(child.figures, computeProgress(await referenceFacts(child.region.ags)));
    }
  });

  it('sorts by name or by overdue services on request, keeping the ranks', async () => {
    const byName = await readBody(
      await app.request('/api/v1/regions/06435/children/progress?sort=name'),
      childrenProgressRoute,
      200,
    );
    const names = byName.children.map((child) => child.region.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
    const byOverdue = await readBody(
      await app.request('/api/v1/regions/06435/children/progress?sort=overdue&order=asc'),
      childrenProgressRoute,
      200,
    );
    const overdue = byOverdue.children.map((child) => child.figures.overdue);
    expect(overdue).toEqual([...overdue].sort((a, b) => a - b));
    expect(new Set(byName.children.map((child) => child.rank))).toEqual(
      new Set(byOverdue.children.map((child) => child.rank)),
    );
  });
});

describe('progress as of a date', () => {
  it('from the events for today equals today from the rollups (two routes, one answer)', async () => {
    const { currentFigures, figuresAsOf } = await import('../../services/progress');
    const { today } = await import('../../services/regions');
    const [land] = await queryRows<{ region_id: number }>(
      database.db,
      sql`select region_id from region_versions where ags = '06'`,
    );
    const [kreis] = await queryRows<{ region_id: number }>(
      database.db,
      sql`select region_id from region_versions where ags = '06435'`,
    );
    const ids = [land?.region_id as number, kreis?.region_id as number];
    const fromRollups = await currentFigures(database.db, ids);
    const fromEvents = await figuresAsOf(database.db, ids, today());
    for (const id of ids) {
      const a = fromRollups.get(id);
      const b = fromEvents.get(id);
      expect(b?.total.target).toBe(a?.total.target);
      expect([b?.total.l0, b?.total.l1, b?.total.l2, b?.total.l3, b?.total.l4]).toEqual([
        a?.total.l0,
        a?.total.l1,
        a?.total.l2,
        a?.total.l3,
        a?.total.l4,
      ]);
      expect(b?.total.by_deadline).toBe(a?.total.by_deadline);
      expect(b?.total.w_conformant).toBeCloseTo(a?.total.w_conformant as number, 3);
      expect(b?.total.median_days_late).toBe(a?.total.median_days_late);
      expect(b?.byThemenfeld.length).toBe(a?.byThemenfeld.length);
    }
  });

  it('GET /regions/{key}/progress?asOf=2022-12-31 equals the deadline point of the series', async () => {
    const progress = await readBody(
      await app.request('/api/v1/regions/06435/progress?asOf=2022-12-31'),
      progressRoute,
      200,
    );
    const series = await readBody(
      await app.request('/api/v1/regions/06435/progress/series'),
      seriesRoute,
      200,
    );
    expect(progress.figures.targetServices).toBe(series.deadline.targetServices);
    expect(progress.figures.conformant).toBe(series.deadline.conformant);
    const today = await readBody(await app.request('/api/v1/regions/06435/progress'), progressRoute, 200);
    expect(progress.figures.conformant).toBeLessThan(today.figures.conformant);
    // The Kreise of a Regierungsbezirk (with their own Kreis services) add up to it on that day too.
    const bezirk = await readBody(
      await app.request('/api/v1/regions/064/progress?asOf=2022-12-31'),
      progressRoute,
      200,
    );
    const kreise = await readBody(
      await app.request('/api/v1/regions/064/children/progress?asOf=2022-12-31'),
      childrenProgressRoute,
      200,
    );
    expect(kreise.children.reduce((sum, child) => sum + child.figures.conformant, 0)).toBe(
      bezirk.figures.conformant,
    );
    expect(kreise.children.reduce((sum, child) => sum + child.figures.targetServices, 0)).toBe(
      bezirk.figures.targetServices,
    );
  });

  it('as of the deadline day a page of 2022 shows nothing late and never more on time than OZG-konform', async () => {
    for (const key of ['06', '064', '06435']) {
      const progress = await readBody(
        await app.request(`/api/v1/regions/${key}/progress?asOf=2022-12-31`),
        progressRoute,
        200,
      );
      // On 31.12.2022 nothing can yet have gone online after the deadline.
      expect(progress.figures.medianDaysLate).toBeNull();
      expect(progress.figures.onlineByDeadline).toBe(progress.figures.conformant);
      for (const { figures } of progress.byThemenfeld) {
        expect(figures.targetServices).toBeGreaterThan(0);
        expect(figures.onlineByDeadline).toBeLessThanOrEqual(figures.conformant);
      }
    }
  });

  it('GET /regions/{key}/progress/series?asOf= ends on that day, and its forecast starts there', async () => {
    const res = await app.request('/api/v1/regions/06/progress/series?asOf=2022-12-31');
    expect(res.status).toBe(200);
    const series = await readBody(res, seriesRoute, 200);
    expect(series.monthly.at(-1)?.date).toBe('2022-12-31');
    expect(series.daily.at(-1)?.date).toBe('2022-12-31');
    expect(series.monthly.every((point) => point.date <= '2022-12-31')).toBe(true);
    expect(series.forecast.horizon).toBe('2040-12-31');
    for (const forecast of [series.forecast.full, series.forecast.threeQuarters])
      if (forecast.reachable) expect(forecast.date <= series.forecast.horizon).toBe(true);
    const progress = await readBody(
      await app.request('/api/v1/regions/06/progress?asOf=2022-12-31'),
      progressRoute,
      200,
    );
    expect(series.deadline.conformant).toBe(progress.figures.conformant);
    // Before the deadline its state is not known yet: the point is the day itself, nothing later is read.
    const early = await readBody(
      await app.request('/api/v1/regions/06/progress/series?asOf=2022-06-30'),
      seriesRoute,
      200,
    );
    expect(early.deadline.date).toBe('2022-06-30');
    expect(early.deadline).toEqual(early.monthly.at(-1));
  });

  it('administrations are the Gemeinden and Landkreise with at least one target service, today and as of a day', async () => {
    // A Gemeinde whose services all leave its target set no longer counts (nor does it count in its Themenfelder).
    const [gemeinde] = await queryRows<{ region_id: number }>(
      database.db,
      sql`select region_id from region_versions where ags = '06435902' and valid_to is null`,
    );
    await database.db.execute(
      sql`update service_statuses set in_target = false where region_id = ${gemeinde?.region_id as number}`,
    );
    const { rebuildDerivedTables } = await import('@ozg/db');
    await rebuildDerivedTables(database.db);
    const bySql = async (state: ReturnType<typeof sql>) =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select count(distinct st.region_id)::int as n from region_versions v join regions r on r.id = v.region_id
              join ${state} st on st.region_id = v.region_id and st.in_target and st.maturity_model = '1.1'
              where v.valid_to is null and v.ags like '06%'
                and (r.level = 'gemeinde' or (r.level = 'kreis' and v.kind = 'landkreis'))`,
        )
      )[0]?.n;
    const today = await readBody(await app.request('/api/v1/regions/06/progress'), progressRoute, 200);
    expect(today.administrations).toBe(await bySql(sql`service_statuses`));
    const past = await readBody(
      await app.request('/api/v1/regions/06/progress?asOf=2024-06-30'),
      progressRoute,
      200,
    );
    expect(past.administrations).toBe(
      await bySql(sql`(select distinct on (status_id) region_id, in_target, maturity_model from status_events
          where occurred_at < '2024-06-30T22:00:00Z' order by status_id, occurred_at desc, id desc)`),
    );
  });
});
