import { Writable } from 'node:stream';
import type { Database } from '@ozg/db';
import { createTestDatabase } from '@ozg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { createLogger } from './lib/logger';
import { createMetrics } from './lib/metrics';
import { createUser } from './services/users';
import { signIn } from './testing';

const PASSWORD = 'geheimes-passwort-2026';
const METRICS_TOKEN = 'metrik-token-0123456789';
let database: Database;
let lines: string[];

/** The app's JSON log captured line by line. */
function capturedLogger() {
  lines = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return createLogger({ level: 'info', destination });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await createUser({
    db: database.db,
    email: 'betrieb@land.example',
    role: 'admin',
    regionKeys: [],
    password: PASSWORD,
  });
});
afterAll(async () => {
  await database.close();
});

describe('request log', () => {
  it('writes one JSON line per request with request id, user, route, status and duration, and no secret', async () => {
    const app = createApp(database, { logger: capturedLogger() });
    const admin = await signIn(app, 'betrieb@land.example', PASSWORD);
    const me = await admin.request('GET', '/api/v1/me', undefined, { 'x-request-id': 'anfrage-42' });
    expect(me.headers.get('x-request-id')).toBe('anfrage-42');
    await app.request('/api/v1/me', { headers: { authorization: `Bearer ${admin.sessionToken}` } });
    await app.request('/api/v1/regions/06?token=geheim-im-query');

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const login = entries.find((entry) => entry.route === '/api/v1/auth/login');
    expect(login).toMatchObject({ method: 'POST', status: 200, userId: null });
    const signedIn = entries.find((entry) => entry.requestId === 'anfrage-42');
    expect(signedIn).toMatchObject({ method: 'GET', route: '/api/v1/me', status: 200 });
    expect(signedIn?.userId).toEqual(expect.any(Number));
    expect(signedIn?.durationMs).toEqual(expect.any(Number));
    const region = entries.find((entry) => entry.route === '/api/v1/regions/:key');
    expect(region).toMatchObject({ path: '/api/v1/regions/06', status: 404 });
    // The password, the session and CSRF tokens, cookies, headers and query strings never appear.
    const log = lines.join('\n');
    for (const secret of [PASSWORD, admin.sessionToken, admin.csrfToken, 'geheim-im-query', 'ozg_session'])
      expect(log).not.toContain(secret);
    expect(log.toLowerCase()).not.toMatch(/cookie|authorization/);
  });
});

describe('GET /metrics', () => {
  it('is not served on the main port without a configured token', async () => {
    const app = createApp(database);
    expect((await app.request('/metrics')).status).toBe(404);
  });

  it('refuses a request without the token', async () => {
    const app = createApp(database, { metricsToken: METRICS_TOKEN });
    expect((await app.request('/metrics')).status).toBe(401);
    const wrong = await app.request('/metrics', { headers: { authorization: 'Bearer falsch' } });
    expect(wrong.status).toBe(401);
  });

  it('shows the request durations per route and the pool after requests', async () => {
    const metrics = createMetrics(database);
    const app = createApp(database, { metricsToken: METRICS_TOKEN, metrics });
    for (let i = 0; i < 3; i++) expect((await app.request('/api/v1/health')).status).toBe(200);
    const res = await app.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toContain(
      'ozg_http_request_duration_seconds_count{method="GET",route="/api/v1/health",status="200"} 3',
    );
    expect(text).toMatch(/ozg_db_pool_connections\{pool="primary",state="total"\} \d+/);
    expect(text).toContain('# TYPE ozg_imports_total counter');
    expect(text).toContain('# TYPE ozg_jobs_total counter');
  });
});

describe('health probes', () => {
  it('GET /health/live answers without the database, /health/ready when migrated and not draining', async () => {
    const lifecycle = { draining: false };
    const app = createApp(database, { lifecycle });
    expect(await (await app.request('/api/v1/health/live')).json()).toEqual({ status: 'live' });
    const ready = await app.request('/api/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    lifecycle.draining = true;
    const draining = await app.request('/api/v1/health/ready');
    expect(draining.status).toBe(503);
    expect(await draining.json()).toEqual({
      status: 'unavailable',
      reason: 'Der Dienst wird heruntergefahren.',
    });
  });
});
