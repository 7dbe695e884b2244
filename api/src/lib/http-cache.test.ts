import { countedStatus, type Database, queryRows, RENEW_LINEAGE_SQL, rebuildDerivedTables } from '@ozg/db';
import {
  type Laggards,
  MaturityModelListSchema,
  type MaturityModelVersion,
  StatusSchema,
  todayInGermany,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laggardsRoute, progressRoute, seriesRoute } from '../routes/progress/progress.routes';
import { listStatusesRoute } from '../routes/statuses/statuses.routes';
import { completeAnswers, demoTestApp, readBody, signInAs, type TestApp, testApp } from '../testing';
import { figureCache, matchesEtag } from './http-cache';
import { createMetrics } from './metrics';
import type { AppBindings } from './router';

/*
 * Two app instances over one database (decision 023): each has its own
 * response cache; both must answer a status edit in their next read, and a
 * conditional request with the ETag of before the edit must get the new
 * figures, not a 304. Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
 */
let database: Database;
let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  ({ database, app: first } = await demoTestApp());
  second = testApp(database);
});
afterAll(async () => {
  await database.close();
});

const PROGRESS = '/api/v1/regions/06435901/progress';

/** A status edit through the first instance: one overdue status of Gemeinde 06435901 becomes OZG-konform. */
async function bringOneOverdueStatusOnline(): Promise<void> {
  const officer = await signInAs(first, 'officer');
  const list = await readBody(
    await officer.request('GET', '/api/v1/regions/06435901/statuses?overdue=true&pageSize=1'),
    listStatusesRoute,
    200,
  );
  const status = list.items[0] as { id: number; version: number };
  const edit = await officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
    version: status.version,
    maturityLevel: 3,
    onlineSince: '2022-05-02',
  });
  expect(edit.status).toBe(200);
}

describe('conditional requests and the response cache of the public figures', () => {
  it('answers 304 to the current ETag, and the new figures on both instances after a write', async () => {
    const before = await first.request(PROGRESS);
    const etag = before.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(before.headers.get('cache-control')).toBe('no-cache');
    const figuresBefore = await readBody(before, progressRoute, 200);

    // Unchanged data: 304 without a body on either instance, and the same ETag from both.
    const notModified = await first.request(PROGRESS, { headers: { 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    const fromSecond = await second.request(PROGRESS);
    expect(fromSecond.headers.get('etag')).toBe(etag);
    await fromSecond.arrayBuffer();
    expect((await second.request(PROGRESS, { headers: { 'if-none-match': etag } })).status).toBe(304);
    // Served twice from each instance's cache: still the same body.
    const cached = await readBody(await second.request(PROGRESS), progressRoute, 200);
    expect(cached).toEqual(figuresBefore);

    // A status edit through the first instance.
    await bringOneOverdueStatusOnline();

    // The writing instance and the other one: the old ETag no longer matches, the figures are new.
    for (const app of [first, second]) {
      const after = await app.request(PROGRESS, { headers: { 'if-none-match': etag } });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(etag);
      const figures = await readBody(after, progressRoute, 200);
      expect(figures.figures.conformant).toBe(figuresBefore.figures.conformant + 1);
    }
  });

  it('gives the figures and the course by 2.0 anew on both instances after a criteria answer', async () => {
    const PROGRESS_2 = `${PROGRESS}?model=2.0`;
    const SERIES_2 = '/api/v1/regions/06435901/progress/series?model=2.0';
    const progressBefore = await first.request(PROGRESS_2);
    const progressEtag = progressBefore.headers.get('etag') as string;
    const assessedBefore = (await readBody(progressBefore, progressRoute, 200)).model2?.assessed ?? 0;
    const seriesBefore = await first.request(SERIES_2);
    const seriesEtag = seriesBefore.headers.get('etag') as string;
    expect(seriesEtag).toMatch(/^W\/".+"$/);
    const todayBefore = (await readBody(seriesBefore, seriesRoute, 200)).daily.at(-1)?.model2?.assessed ?? 0;
    for (const app of [first, second]) {
      expect((await app.request(PROGRESS_2, { headers: { 'if-none-match': progressEtag } })).status).toBe(
        304,
      );
      expect((await app.request(SERIES_2, { headers: { 'if-none-match': seriesEtag } })).status).toBe(304);
    }

    // Every criterion of the current 2.0 version at its top option, for a status not yet assessed.
    const officer = await signInAs(first, 'officer');
    const [unassessed] = await queryRows<{ id: number }>(
      database.db,
      sql`select st.id from service_statuses st
          join region_versions v on v.region_id = st.region_id and v.valid_to is null and v.ags = '06435901'
          where ${countedStatus('st')} and not exists (select 1 from maturity_answers a where a.status_id = st.id)
          order by st.id limit 1`,
    );
    if (!unassessed) throw new Error('no unassessed status of the officer');
    const models = MaturityModelListSchema.parse(
      await (await first.request('/api/v1/maturity/models')).json(),
    );
    const model = models.items.find((m) => m.family === '2.0' && m.current) as MaturityModelVersion;
    const status = StatusSchema.parse(
      await (await officer.request('GET', `/api/v1/statuses/${unassessed.id}`)).json(),
    );
    const edit = await officer.request('PATCH', `/api/v1/statuses/${unassessed.id}`, {
      version: status.version,
      criteria: completeAnswers(model),
    });
    expect(edit.status, await edit.clone().text()).toBe(200);

    for (const app of [first, second]) {
      const progress = await app.request(PROGRESS_2, { headers: { 'if-none-match': progressEtag } });
      expect(progress.status).toBe(200);
      expect((await readBody(progress, progressRoute, 200)).model2?.assessed).toBe(assessedBefore + 1);
      const series = await app.request(SERIES_2, { headers: { 'if-none-match': seriesEtag } });
      expect(series.status).toBe(200);
      expect((await readBody(series, seriesRoute, 200)).daily.at(-1)?.model2?.assessed).toBe(todayBefore + 1);
    }
  });

  it('keeps the answer of a past day through status edits, and gives it anew after a write that changes the past', async () => {
    const PAST = `${PROGRESS}?asOf=2024-06-30`;
    const TODAY = `${PROGRESS}?asOf=${todayInGermany()}`;
    const past = await first.request(PAST);
    const pastEtag = past.headers.get('etag') as string;
    const pastFigures = await readBody(past, progressRoute, 200);
    const today = await first.request(TODAY);
    const todayEtag = today.headers.get('etag') as string;
    await today.arrayBuffer();

    // A status edit today: the past day is unchanged on both instances (304), today is not.
    await bringOneOverdueStatusOnline();
    for (const app of [first, second]) {
      expect((await app.request(PAST, { headers: { 'if-none-match': pastEtag } })).status).toBe(304);
      const now = await app.request(TODAY, { headers: { 'if-none-match': todayEtag } });
      expect(now.status).toBe(200);
      await now.arrayBuffer();
    }
    // And what the cache serves for the past day is what the replay says now.
    const replayed = await readBody(await testApp(database).request(PAST), progressRoute, 200);
    expect(replayed).toEqual(pastFigures);
    expect(await readBody(await second.request(PAST), progressRoute, 200)).toEqual(pastFigures);

    // A rebuild of the derived tables (as after a territory change or `pnpm ozg rebuild`) may change
    // any past day: the old ETag no longer matches on either instance.
    await rebuildDerivedTables(database.db);
    for (const app of [first, second]) {
      const after = await app.request(PAST, { headers: { 'if-none-match': pastEtag } });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(pastEtag);
      expect(await readBody(after, progressRoute, 200)).toEqual(pastFigures);
    }
  });

  it('gives no 304 across a restore, which brings back the versions of the backup on a new lineage', async () => {
    const PAST = `${PROGRESS}?asOf=2024-06-30`;
    const tags = new Map<string, string>();
    for (const url of [PROGRESS, PAST]) {
      const response = await first.request(url);
      tags.set(url, response.headers.get('etag') as string);
      await response.arrayBuffer();
    }
    const versions = sql`select data_version, past_version from instance_state`;
    const before = await queryRows(database.db, versions);
    // What restoreDatabase runs after the dump: the rows stay as they are, versions included.
    await database.db.execute(sql.raw(RENEW_LINEAGE_SQL));
    expect(await queryRows(database.db, versions)).toEqual(before);
    for (const app of [first, second]) {
      for (const [url, etag] of tags) {
        const after = await app.request(url, { headers: { 'if-none-match': etag } });
        expect(after.status, url).toBe(200);
        expect(after.headers.get('etag')).not.toBe(etag);
        await after.arrayBuffer();
      }
    }
  });

  it('keys the cache by the full query string', async () => {
    const today = await readBody(await first.request(PROGRESS), progressRoute, 200);
    const past = await readBody(await first.request(`${PROGRESS}?asOf=2021-06-30`), progressRoute, 200);
    expect(past.figures).not.toEqual(today.figures);
  });

  it('caches the laggards for signed-in readers only, privately, and anew after a write', async () => {
    const LAGGARDS = '/api/v1/regions/06/laggards';
    const consultant = await signInAs(first, 'consultant');
    const before = await consultant.request('GET', LAGGARDS);
    expect(before.status).toBe(200);
    const etag = before.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/".+"$/);
    // Never kept by a shared cache for someone else.
    expect(before.headers.get('cache-control')).toBe('private, no-cache');
    const laggardsBefore = await readBody(before, laggardsRoute, 200);

    // Cached now: a signed-out request still gets the route's refusal, neither the body nor a 304.
    for (const headers of [{}, { 'if-none-match': etag }] as Record<string, string>[]) {
      const signedOut = await first.request(LAGGARDS, { headers });
      expect(signedOut.status).toBe(401);
      expect(signedOut.headers.get('etag')).toBeNull();
      expect(await signedOut.text()).not.toContain(laggardsBefore.items[0]?.region.name ?? '');
    }
    // Another signed-in user of another role gets the same answer, from either instance.
    const viewer = await signInAs(second, 'viewer');
    expect((await viewer.request('GET', LAGGARDS, undefined, { 'if-none-match': etag })).status).toBe(304);
    expect(await readBody(await viewer.request('GET', LAGGARDS), laggardsRoute, 200)).toEqual(laggardsBefore);

    // A status edit of a listed Gemeinde: both instances give its new share, not the cached one.
    await bringOneOverdueStatusOnline();
    const conformantOf = (laggards: Laggards) =>
      laggards.items.find((item) => item.region.ags === '06435901')?.conformant;
    for (const reader of [consultant, viewer]) {
      const after = await reader.request('GET', LAGGARDS, undefined, { 'if-none-match': etag });
      expect(after.status).toBe(200);
      expect(conformantOf(await readBody(after, laggardsRoute, 200))).toBe(
        (conformantOf(laggardsBefore) ?? 0) + 1,
      );
    }
  });

  it('gives the readers who come in together one answer, and the new one after a write', async () => {
    const metrics = createMetrics(database);
    const third = testApp(database, { metrics });
    const outcomes = async () =>
      (await metrics.figureCache.get()).values.reduce((sum, value) => sum + value.value, 0);
    const together = async () => {
      const answers = await Promise.all(Array.from({ length: 6 }, () => third.request(PROGRESS)));
      return Promise.all(answers.map((answer) => readBody(answer, progressRoute, 200)));
    };

    const before = await together();
    expect(new Set(before.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(await outcomes()).toBe(6);

    await bringOneOverdueStatusOnline();
    for (const body of await together())
      expect(body.figures.conformant).toBe((before[0]?.figures.conformant ?? 0) + 1);
  });

  it('computes an answer once while it is being computed: the readers who come in meanwhile wait for it', async () => {
    // A figure route whose computation is held open until the test lets it finish.
    const metrics = createMetrics(database);
    let computations = 0;
    let finish: () => void = () => {};
    const held = new Promise<void>((resolve) => (finish = resolve));
    const app = new Hono<AppBindings>()
      .use(async (c, next) => {
        c.set('database', database);
        c.set('actor', null);
        c.set('metrics', metrics);
        await next();
      })
      .use(figureCache())
      .get('/api/v1/regions/:key/progress', async (c) => {
        computations++;
        await held;
        return c.json({ computation: computations });
      });
    const answers = Array.from({ length: 3 }, () => app.request('/api/v1/regions/06/progress'));
    // Without the sharing every reader would start its own computation at once; give them the time.
    await expect
      .poll(() => computations, { timeout: 1_000 })
      .toBe(3)
      .catch(() => undefined);
    finish();
    const bodies = await Promise.all((await Promise.all(answers)).map((answer) => answer.json()));
    expect(computations).toBe(1);
    expect(bodies).toEqual([{ computation: 1 }, { computation: 1 }, { computation: 1 }]);
    const counted = (await metrics.figureCache.get()).values;
    expect(Object.fromEntries(counted.map((value) => [value.labels.outcome, value.value]))).toEqual({
      computed: 1,
      shared: 2,
    });
  });

  it('matches If-None-Match lists, weak or strong, and *', () => {
    expect(matchesEtag('W/"3-2026-12-02"', 'W/"3-2026-12-02"')).toBe(true);
    expect(matchesEtag('"1-x", "3-2026-12-02"', 'W/"3-2026-12-02"')).toBe(true);
    expect(matchesEtag('*', 'W/"3-2026-12-02"')).toBe(true);
    expect(matchesEtag('W/"2-2026-12-02"', 'W/"3-2026-12-02"')).toBe(false);
    expect(matchesEtag(undefined, 'W/"3-2026-12-02"')).toBe(false);
  });
});
