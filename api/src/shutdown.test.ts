import { type Database, queryRows } from '@ozg/db';
import { createTestDatabase, readOfficialFile } from '@ozg/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server';
import { createUser } from './services/users';

let database: Database;
let running: RunningServer;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await createUser({
    db: database.db,
    email: 'referat@land.example',
    role: 'admin',
    regionKeys: [],
    password: 'ein-langes-passwort',
  });
  running = startServer({ database, port: 0, host: '127.0.0.1', secureCookies: false, trustProxy: false });
  base = `http://127.0.0.1:${(await running.ready).port}`;
});
afterAll(async () => {
  await running.shutdown(0);
  await database.close();
});

const count = async (table: string) =>
  (await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;

describe('graceful shutdown', { timeout: 300_000 }, () => {
  it('lets an import that is running finish whole, refuses new connections meanwhile, and then stops', async () => {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'referat@land.example', password: 'ein-langes-passwort' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    expect(await count('region_versions')).toBe(0);

    const upload = await fetch(`${base}/api/v1/imports/gv100?land=06&progress=stream`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'text/plain' },
      body: readOfficialFile('GV100AD_301123.txt'),
    });
    expect(upload.status).toBe(200);
    const reader = (upload.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    // The first progress line comes before the importer writes anything: the import is running.
    while (!received.includes('\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    const stopped = running.shutdown(240_000);
    await expect(fetch(`${base}/api/v1/health/live`)).rejects.toThrow();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    expect(await stopped).toEqual({ finished: true });
    const last = JSON.parse(received.trim().split('\n').at(-1) ?? '{}') as { status: number };
    expect(last.status).toBe(200);
    // All of it is there: every Hessian Gemeinde of the file, none half-written.
    expect(await count('region_versions')).toBeGreaterThan(400);
    const metrics = await running.metrics.registry.getSingleMetricAsString('ozg_imports_total');
    expect(metrics).toContain('ozg_imports_total{kind="gv100",outcome="ok"} 1');
  });
});
