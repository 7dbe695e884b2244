import { type Database, queryRows } from '@ozg/db';
import { pastModelSnapshots } from '@ozg/db/testing';
import {
  MaturityModelListSchema,
  type MaturityModelVersion,
  type ProgressSeries,
  StatusSchema,
  todayInGermany,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeAnswers,
  demoTestApp,
  readBody,
  signInAs,
  type TestApp,
  type TestClient,
} from '../../testing';
import { childrenProgressRoute, progressRoute, seriesRoute } from './progress.routes';

/*
 * The course by Reifegradmodell 2.0 (decision 020): every point from the
 * latest row of region_model_snapshots at or before its day, null before the
 * first; a write today moves today's point only, and a past day never sees it.
 */
let database: Database;
let app: TestApp;
let officer: TestClient;
const GEMEINDE = '06435901';

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  officer = await signInAs(app, 'officer');
});
afterAll(async () => {
  await database.close();
});

const fetchSeries = async (key: string, query: string) =>
  readBody(await app.request(`/api/v1/regions/${key}/progress/series${query}`), seriesRoute, 200);

const pointsOf = (series: ProgressSeries) => [series.deadline, ...series.monthly, ...series.daily];

/**
 * Reference by a second route: the region's snapshot row of the greatest day
 * not after D (a max subquery, not the service's lateral "order by limit 1"),
 * and the shares computed here from its columns.
 */
async function reference(ags: string, day: string, minLevel: number) {
  const [row] = await queryRows<{ counted: number; assessed: number; levels: number[]; analog: number }>(
    database.db,
    sql`select s.counted, s.assessed, s.analog,
          array[s.level0, s.level1, s.level2, s.level3, s.level4, s.level5, s.level6, s.level7] as levels
        from region_model_snapshots s
        join region_versions v on v.region_id = s.region_id and v.valid_to is null and v.ags = ${ags}
        where s.family = '2.0' and s.day = (
          select max(x.day) from region_model_snapshots x
          where x.region_id = s.region_id and x.family = '2.0' and x.day <= ${day}::date)`,
  );
  if (!row) return null;
  const atOrAbove = row.levels.slice(minLevel).reduce((sum, n) => sum + n, 0);
  return {
    counted: row.counted,
    assessed: row.assessed,
    atOrAbove,
    analogProcessing: row.analog,
    share: row.counted > 0 && row.assessed > 0 ? atOrAbove / row.counted : null,
    assessedShare: row.counted > 0 ? row.assessed / row.counted : null,
    analogShare: row.counted > 0 ? row.analog / row.counted : null,
  };
}

describe('progress series by Reifegradmodell 2.0', () => {
  it('equals a plain recomputation from region_model_snapshots at every point, null before the first', async () => {
    for (const [key, minLevel] of [
      ['06', 3],
      ['06435', 5],
      [GEMEINDE, 3],
    ] as const) {
      const series = await fetchSeries(key, `?model=2.0&minLevel=${minLevel}`);
      expect(series.model2?.minLevel).toBe(minLevel);
      const [first] = await queryRows<{ first: string | null }>(
        database.db,
        sql`select min(s.day)::text as first from region_model_snapshots s
            join region_versions v on v.region_id = s.region_id and v.valid_to is null and v.ags = ${key}`,
      );
      expect(series.model2?.firstDay).toBe(first?.first);
      for (const point of pointsOf(series)) {
        const want = await reference(key, point.date, minLevel);
        if (want === null) expect(point.model2, `${key} ${point.date}`).toBeNull();
        else {
          expect(point.model2, `${key} ${point.date}`).toMatchObject({
            counted: want.counted,
            assessed: want.assessed,
            atOrAbove: want.atOrAbove,
            analogProcessing: want.analogProcessing,
          });
          for (const field of ['share', 'assessedShare', 'analogShare'] as const) {
            const value = point.model2?.[field];
            if (want[field] === null) expect(value).toBeNull();
            else expect(value).toBeCloseTo(want[field] as number, 12);
          }
        }
      }
      // The demo's course begins in July 2025: before it unknown (null, not 0), from it on known.
      expect(series.deadline.model2).toBeNull();
      expect(series.monthly.find((point) => point.date === '2025-05-31')?.model2).toBeNull();
      expect(series.monthly.at(-1)?.model2).not.toBeNull();
    }
    // The Land's share by 2.0 grew over the last year (the demo's assessments began in mid-2025 and grew).
    const land = await fetchSeries('06', '?model=2.0');
    const shares = land.monthly.flatMap((point) => (point.model2?.share != null ? [point.model2.share] : []));
    expect(shares.length).toBeGreaterThan(10);
    expect(shares.at(-1) as number).toBeGreaterThan(shares[0] as number);
  });

  it('leaves the 1.1 answer as it was: without model no model2, with 2.0 the same 1.1 figures', async () => {
    const plain = await fetchSeries('06435', '');
    expect(plain.model2).toBeUndefined();
    expect(pointsOf(plain).every((point) => point.model2 === undefined)).toBe(true);
    const by2 = await fetchSeries('06435', '?model=2.0');
    const strip = (series: ProgressSeries) => pointsOf(series).map(({ model2: _, ...point }) => point);
    expect(strip(by2)).toEqual(strip(plain));
    expect(by2.forecast).toEqual(plain.forecast);
    // The default level is the conformant level of the newest 2.0 version.
    expect(by2.model2?.minLevel).toBe(3);
    const res = await app.request('/api/v1/regions/06/progress/series?model=2.0&minLevel=8');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/minLevel/);
  });

  it('exports the course by 2.0 beside the 1.1 columns, empty before the first 2.0 snapshot', async () => {
    const res = await app.request('/api/v1/regions/06/progress/series?model=2.0&minLevel=4&format=csv');
    expect(res.status).toBe(200);
    const lines = (await res.text()).split('\r\n');
    const header = lines.find((line) => line.startsWith('Datum'));
    expect(header).toContain('RG2.0 Anteil Stufe 4+ (%)');
    expect(header).toContain('RG2.0 Anteil bewertet (%)');
    // The deadline row (2022) has no 2.0 value: three empty cells at its end.
    const deadline = lines.find((line) => line.startsWith('2022-12-31'));
    expect(deadline?.endsWith(';;;')).toBe(true);
  });

  it("a write today moves today's point only; a past point and an as-of series never reflect it", async () => {
    const today = todayInGermany();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const [status] = await queryRows<{ id: number }>(
      database.db,
      sql`select st.id from service_statuses st
          join region_versions v on v.region_id = st.region_id and v.valid_to is null and v.ags = ${GEMEINDE}
          where st.in_target and st.maturity_model = '1.1'
            and not exists (select 1 from maturity_answers a where a.status_id = st.id)
          order by st.id limit 1`,
    );
    if (!status) throw new Error('no unassessed status of the officer');
    const models = MaturityModelListSchema.parse(
      await (await app.request('/api/v1/maturity/models')).json(),
    ).items;
    const model = models.find((m) => m.family === '2.0' && m.current) as MaturityModelVersion;
    const keys = ['06', '06435', GEMEINDE];
    const before = await Promise.all(keys.map((key) => fetchSeries(key, '?model=2.0')));
    const asOfBefore = await Promise.all(keys.map((key) => fetchSeries(key, `?model=2.0&asOf=${yesterday}`)));
    const progressOn = async (key: string) =>
      readBody(
        await app.request(`/api/v1/regions/${key}/progress?model=2.0&asOf=${yesterday}`),
        progressRoute,
        200,
      );
    const progressBefore = await Promise.all(keys.map(progressOn));
    const past = await pastModelSnapshots(database.db);

    // Every criterion at its top option: a complete assessment at level 7.
    const fresh = StatusSchema.parse(
      await (await officer.request('GET', `/api/v1/statuses/${status.id}`)).json(),
    );
    const res = await officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
      version: fresh.version,
      criteria: completeAnswers(model),
    });
    expect(res.status, await res.clone().text()).toBe(200);

    const after = await Promise.all(keys.map((key) => fetchSeries(key, '?model=2.0')));
    for (const [index, key] of keys.entries()) {
      const was = before[index] as ProgressSeries;
      const now = after[index] as ProgressSeries;
      const todayWas = was.daily.at(-1)?.model2;
      const todayNow = now.daily.at(-1)?.model2;
      expect(now.daily.at(-1)?.date).toBe(today);
      expect(todayNow?.assessed, key).toBe((todayWas?.assessed ?? 0) + 1);
      expect(todayNow?.atOrAbove, key).toBe((todayWas?.atOrAbove ?? 0) + 1);
      expect(now.monthly.at(-1)?.model2).toEqual(todayNow);
      // Every point before today is as it was.
      const pastPoints = (series: ProgressSeries) => pointsOf(series).filter((point) => point.date < today);
      expect(pastPoints(now), key).toEqual(pastPoints(was));
      expect(await fetchSeries(key, `?model=2.0&asOf=${yesterday}`), key).toEqual(asOfBefore[index]);
      expect(await progressOn(key), key).toEqual(progressBefore[index]);
    }
    expect(await pastModelSnapshots(database.db)).toEqual(past);
  });

  it('gives progress and children on a past day from the snapshot of that day, and refuses a day before the first', async () => {
    const day = '2026-03-31';
    for (const [key, minLevel] of [
      ['06', 3],
      [GEMEINDE, 5],
    ] as const) {
      const progress = await readBody(
        await app.request(`/api/v1/regions/${key}/progress?model=2.0&minLevel=${minLevel}&asOf=${day}`),
        progressRoute,
        200,
      );
      const expected = await reference(key, day, minLevel);
      expect(expected, key).not.toBeNull();
      expect(progress.model2, key).toMatchObject({
        minLevel,
        counted: expected?.counted,
        assessed: expected?.assessed,
        atOrAbove: expected?.atOrAbove,
        analogProcessing: expected?.analogProcessing,
        assessedShare: expected?.assessedShare,
        analogShare: expected?.analogShare,
      });
      // The day's figures are not today's: the demo assesses more after March 2026.
      const now = await readBody(
        await app.request(`/api/v1/regions/${key}/progress?model=2.0`),
        progressRoute,
        200,
      );
      if (key === '06') expect(progress.model2?.assessed).toBeLessThan(now.model2?.assessed ?? 0);
    }
    const children = await readBody(
      await app.request(`/api/v1/regions/06435/children/progress?model=2.0&asOf=${day}`),
      childrenProgressRoute,
      200,
    );
    expect(children.children.length).toBeGreaterThan(0);
    for (const child of children.children)
      expect(child.model2?.assessed, child.region.ags).toBe(
        (await reference(child.region.ags, day, 3))?.assessed ?? 0,
      );

    const early = await app.request('/api/v1/regions/06/progress?model=2.0&asOf=2024-01-01');
    expect(early.status).toBe(400);
    const message = JSON.stringify(await early.json());
    expect(message).toContain('asOf');
    expect(message).toContain('01.01.2024');
    expect(message).toMatch(/der erste ist vom \d{2}\.\d{2}\.\d{4}/);
  });
});
