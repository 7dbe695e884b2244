import { type Database, queryRows } from '@ozg/db';
import { createTestDatabase, readOfficialFile } from '@ozg/db/testing';
import { ErrorBodySchema, type Status } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStatusesRoute } from '../routes/statuses/statuses.routes';
import { startServer } from '../server';
import { createUser } from '../services/users';
import { demoTestApp, readBody, signIn, signInAs, type TestApp, type TestClient, testApp } from '../testing';
import { createLoadGate, OVERLOADED_MESSAGE, RETRY_AFTER_SECONDS } from './load-gate';

/*
 * The bounded queue in front of the database (decision 028), on both
 * databases: the same limits are passed for either. To make requests wait
 * inside the database, PGlite's one connection is held in an open transaction;
 * on a server a connection of the test pool holds a lock on region_totals,
 * which the progress reads (and every status write) need. The cancel of a
 * running read, a server's only, is in load-gate.server.test.ts.
 */
let database: Database;
/** One request at a time, two waiting: small enough that a burst in one tick overflows it. */
let app: TestApp;
let officer: TestClient;
let status: Status;

const LIMITS = { maxActive: 1, maxQueued: 2 };
const PROGRESS = '/api/v1/regions/06/progress';

beforeAll(async () => {
  ({ database, app } = await demoTestApp({ embeddedLimits: LIMITS, serverLimits: LIMITS }));
  officer = await signInAs(app, 'officer');
  const page = await readBody(
    await officer.request('GET', '/api/v1/regions/06435901/statuses?pageSize=1'),
    listStatusesRoute,
    200,
  );
  status = page.items[0] as Status;
});
afterAll(async () => {
  await database.close();
});

/**
 * Makes the progress reads wait inside the database until `release`: embedded, its one connection is held
 * in an open transaction; on a server a connection of the test pool locks region_totals. `ready` resolves
 * once the hold is in place.
 */
function holdDatabase(target: Database = database) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let ready: Promise<void>;
  let done: Promise<unknown>;
  if (target.driver.kind === 'pglite') {
    done = target.driver.client.transaction(async () => {
      await released;
    });
    ready = Promise.resolve();
  } else {
    const pool = target.driver.pool;
    let locked = () => {};
    ready = new Promise<void>((resolve) => {
      locked = resolve;
    });
    done = (async () => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('lock table region_totals in access exclusive mode');
        locked();
        await released;
        await client.query('commit');
      } finally {
        client.release();
      }
    })();
  }
  let finished = false;
  return {
    ready,
    release: async () => {
      release();
      if (finished) return;
      finished = true;
      await done;
    },
  };
}

const eventCount = async () =>
  (
    await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from status_events where status_id = ${status.id}`,
    )
  )[0]?.n ?? 0;

describe('the bounded queue in front of the database', () => {
  it('refuses a flood beyond the limit with 503, the German message and Retry-After; never 500; answers again afterwards', async () => {
    // All 30 reach the gate in this tick, before any query answers: 1 runs, 2 wait, the rest are refused.
    const responses = await Promise.all(Array.from({ length: 30 }, () => app.request(PROGRESS)));
    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((code) => code !== 200 && code !== 503)).toEqual([]);
    const refused = responses.filter((res) => res.status === 503);
    expect(statuses.filter((code) => code === 200).length).toBeGreaterThanOrEqual(
      LIMITS.maxActive + LIMITS.maxQueued,
    );
    expect(refused.length).toBeGreaterThan(0);
    for (const res of refused) {
      expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
      const body = ErrorBodySchema.parse(await res.json());
      expect(body.error).toEqual({ code: 'overloaded', message: OVERLOADED_MESSAGE });
    }
    // No place is lost: as many requests as the gate holds all get through at once, then a plain read.
    const again = await Promise.all(
      Array.from({ length: LIMITS.maxActive + LIMITS.maxQueued }, () => app.request(PROGRESS)),
    );
    expect(again.map((res) => res.status)).toEqual([200, 200, 200]);
    expect((await app.request('/api/v1/regions/06/children/progress')).status).toBe(200);
  });

  it('documents the 503 with the error schema and Retry-After on every route but the health checks', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, Record<string, unknown>> }>>;
    };
    const progress = doc.paths['/regions/{key}/progress']?.get?.responses['503'];
    expect(progress?.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/Error' } },
    });
    expect(progress?.headers).toHaveProperty('Retry-After');
    expect(doc.paths['/statuses/{id}']?.patch?.responses).toHaveProperty('503');
    expect(doc.paths['/health/live']?.get?.responses).not.toHaveProperty('503');
  });

  it('does not start a waiting request whose client disconnected: its write never runs', async () => {
    const eventsBefore = await eventCount();
    const held = holdDatabase();
    await held.ready;
    // The first request takes the one place and waits for the connection; the write waits for the place.
    const first = app.request(PROGRESS.replace('/06/', '/06435/'));
    const client = new AbortController();
    const write = app.request(`/api/v1/statuses/${status.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${officer.sessionToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: status.version, note: 'Abgebrochen, bevor sie an der Reihe war' }),
      signal: client.signal,
    });
    client.abort();
    await held.release();
    expect((await first).status).toBe(200);
    expect((await write).status).toBe(499);
    expect(await eventCount()).toBe(eventsBefore);
    const now = await readBody(
      await officer.request('GET', '/api/v1/regions/06435901/statuses?pageSize=1'),
      listStatusesRoute,
      200,
    );
    expect(now.items[0]?.version).toBe(status.version);
  });

  it('lets the health checks pass a full queue', async () => {
    const strict = testApp(database, {
      embeddedLimits: { maxActive: 1, maxQueued: 0 },
      serverLimits: { maxActive: 1, maxQueued: 0 },
    });
    const held = holdDatabase();
    await held.ready;
    const first = strict.request(PROGRESS);
    const refused = await strict.request(PROGRESS);
    const live = await strict.request('/api/v1/health/live');
    await held.release();
    expect(refused.status).toBe(503);
    expect(live.status).toBe(200);
    expect((await first).status).toBe(200);
  });
});

describe('the queue over real HTTP', () => {
  it('refuses beyond the queue, and a write whose client disconnects while it waits never runs', async () => {
    const running = startServer({
      database,
      port: 0,
      host: '127.0.0.1',
      secureCookies: false,
      trustProxy: false,
      embeddedLimits: { maxActive: 1, maxQueued: 1 },
      serverLimits: { maxActive: 1, maxQueued: 1 },
    });
    const base = `http://127.0.0.1:${(await running.ready).port}`;
    const eventsBefore = await eventCount();
    const held = holdDatabase();
    await held.ready;
    try {
      // The first read takes the place and waits for the connection.
      const first = fetch(`${base}${PROGRESS}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const client = new AbortController();
      const write = fetch(`${base}/api/v1/statuses/${status.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${officer.sessionToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ version: status.version, note: 'Abgebrochen, bevor sie an der Reihe war' }),
        signal: client.signal,
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      // The write waits in the queue of one: the next request is refused.
      const third = await fetch(`${base}${PROGRESS}`);
      expect(third.status).toBe(503);
      expect(third.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
      expect(ErrorBodySchema.parse(await third.json()).error.message).toBe(OVERLOADED_MESSAGE);
      client.abort();
      await expect(write).rejects.toThrow();
      // The server sees the closed connection (the request's signal) and drops the write from the queue.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await held.release();
      expect((await first).status).toBe(200);
      // One place, in order of arrival: this read runs after anything that was still queued.
      expect((await fetch(`${base}${PROGRESS}`)).status).toBe(200);
      expect(await eventCount()).toBe(eventsBefore);
    } finally {
      await held.release();
      await running.shutdown(1_000);
    }
  });
});

describe('a streamed import', () => {
  it('keeps its place in the queue until the import ends, not only until the stream starts', async () => {
    const empty = await createTestDatabase();
    try {
      await createUser({
        db: empty.db,
        email: 'referat@land.example',
        role: 'admin',
        regionKeys: [],
        password: 'ein-langes-passwort',
      });
      const strict = testApp(empty, {
        embeddedLimits: { maxActive: 1, maxQueued: 0 },
        serverLimits: { maxActive: 1, maxQueued: 0 },
      });
      const admin = await signIn(strict, 'referat@land.example', 'ein-langes-passwort');
      const upload = await admin.request(
        'POST',
        '/api/v1/imports/gv100?land=06&progress=stream',
        readOfficialFile('GV100AD_301123.txt'),
        { 'content-type': 'text/plain' },
      );
      expect(upload.status).toBe(200);
      const reader = (upload.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let received = '';
      const { value } = await reader.read();
      received += decoder.decode(value, { stream: true });
      // The first progress line is out and the handler has returned; the import still holds the place.
      expect((await strict.request('/api/v1/regions/06')).status).toBe(503);
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
      }
      expect(received.trim().split('\n').at(-1)).toContain('"status":200');
      expect((await strict.request('/api/v1/regions/06')).status).toBe(200);
    } finally {
      await empty.close();
    }
  });
});

describe('createLoadGate', () => {
  it('starts waiting requests in order of arrival, skips one that was abandoned, refuses beyond the queue', async () => {
    const gate = createLoadGate({ maxActive: 1, maxQueued: 2 });
    const enter = (signal?: AbortSignal) => {
      const entered = gate.enter(signal);
      if (entered === 'full') throw new Error('unerwartet voll');
      return entered;
    };
    const started: string[] = [];
    const first = await enter();
    const abandoned = new AbortController();
    const second = enter(abandoned.signal);
    const third = enter();
    expect(gate.enter()).toBe('full');
    expect(gate.queued).toBe(2);
    abandoned.abort();
    expect(await second).toBeNull();
    expect(gate.queued).toBe(1);
    void third.then((release) => {
      started.push('third');
      release?.();
    });
    first?.();
    first?.(); // releasing twice frees one place only
    await third;
    expect(started).toEqual(['third']);
    expect(gate.active).toBe(0);
    expect(await enter(AbortSignal.abort())).toBeNull();
    expect(gate.active).toBe(0);
  });
});
