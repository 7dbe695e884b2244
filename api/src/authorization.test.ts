import { type Database, queryRows } from '@ozg/db';
import type { ErrorBody, Status } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoRole, demoTestApp, signInAs, type TestApp, type TestClient } from './testing';

/**
 * Every mutating route against every role: allowed gets 2xx, the others 403,
 * signed-out 401, and a refused request changes nothing.
 */
let database: Database;
let app: TestApp;
const clients = {} as Record<DemoRole, TestClient>;
const ROLES: DemoRole[] = ['admin', 'officer', 'kreisOfficer', 'consultant', 'viewer'];
const GEMEINDE = '06435901'; // the demo officer's Gemeinde
const KREIS = '06435'; // the demo Kreis officer's Landkreis
const HUNDESTEUER = 99031;
const KFZ = 99022; // a Kreis-level service of the demo catalogue

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  for (const role of ROLES) clients[role] = await signInAs(app, role);
});
afterAll(async () => {
  await database.close();
});

async function statusOf(key: string, ozgId: number): Promise<Status> {
  const res = await clients.admin.request('GET', `/api/v1/regions/${key}/statuses?q=${ozgId}`);
  const status = ((await res.json()) as { items: Status[] }).items[0];
  if (!status) throw new Error(`kein Status ${key}/${ozgId}`);
  return status;
}

type Request = { method: string; path: string; body?: unknown; headers?: Record<string, string> };
type RouteCase = { name: string; allowed: DemoRole[]; prepare: () => Promise<Request> };

const csvHeaders = { 'content-type': 'text/csv' };
const ROUTES: RouteCase[] = [
  {
    name: 'PATCH /statuses/{id} (Gemeinde service)',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const s = await statusOf(GEMEINDE, HUNDESTEUER);
      return {
        method: 'PATCH',
        path: `/api/v1/statuses/${s.id}`,
        body: { version: s.version, note: `Notiz ${Date.now()}` },
      };
    },
  },
  {
    name: 'PATCH /statuses/{id} (Kreis service)',
    allowed: ['admin', 'kreisOfficer'],
    prepare: async () => {
      const s = await statusOf(KREIS, KFZ);
      return {
        method: 'PATCH',
        path: `/api/v1/statuses/${s.id}`,
        body: { version: s.version, note: `Notiz ${Date.now()}` },
      };
    },
  },
  {
    name: 'POST /statuses/bulk',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const s = await statusOf(GEMEINDE, HUNDESTEUER);
      return {
        method: 'POST',
        path: '/api/v1/statuses/bulk',
        body: { statuses: [{ id: s.id, version: s.version }], changes: { contact: `Kontakt ${Date.now()}` } },
      };
    },
  },
  {
    name: 'POST /regions/{key}/statuses.csv',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const s = await statusOf(GEMEINDE, HUNDESTEUER);
      return {
        method: 'POST',
        path: `/api/v1/regions/${GEMEINDE}/statuses.csv?mode=commit`,
        body: `status_id;version;notiz\n${s.id};${s.version};CSV ${Date.now()}\n`,
        headers: csvHeaders,
      };
    },
  },
  {
    name: 'PUT /services/executing-levels',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'PUT',
      path: '/api/v1/services/executing-levels',
      body: { services: [{ ozgId: HUNDESTEUER, executingLevel: 'gemeinde' }] },
    }),
  },
  {
    name: 'POST /services/executing-levels.csv',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/services/executing-levels.csv',
      body: `ozg_id;ausfuehrende_ebene\n${HUNDESTEUER};Gemeinde\n`,
      headers: csvHeaders,
    }),
  },
  {
    name: 'PUT /regions/{key}/applicability-exceptions',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'PUT',
      path: `/api/v1/regions/${GEMEINDE}/applicability-exceptions`,
      body: { ozgId: KFZ, applies: false, reason: 'Test der Berechtigungen' },
    }),
  },
  {
    name: 'DELETE /regions/{key}/applicability-exceptions/{ozgId}',
    allowed: ['admin'],
    prepare: async () => {
      await database.db.execute(sql`
        insert into applicability_exceptions (region_id, ozg_id, applies, reason)
        select region_id, ${KFZ}, false, 'vorbereitet' from region_versions where ags = ${GEMEINDE} and valid_to is null
        on conflict do nothing`);
      return { method: 'DELETE', path: `/api/v1/regions/${GEMEINDE}/applicability-exceptions/${KFZ}` };
    },
  },
];

const dataVersion = async () =>
  (await queryRows<{ v: number }>(database.db, sql`select data_version::int as v from instance_state`))[0]?.v;

describe('authorization matrix', () => {
  for (const route of ROUTES) {
    for (const role of [...ROLES, 'signed-out' as const]) {
      const allowed = role !== 'signed-out' && route.allowed.includes(role);
      const expected = role === 'signed-out' ? 401 : allowed ? '2xx' : 403;
      it(`${route.name} as ${role}: ${expected}`, async () => {
        const request = await route.prepare();
        const before = await dataVersion();
        const res =
          role === 'signed-out'
            ? await app.request(request.path, {
                method: request.method,
                headers: { 'content-type': 'application/json', ...request.headers },
                ...(request.body === undefined
                  ? {}
                  : { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }),
              })
            : await clients[role].request(request.method, request.path, request.body, request.headers);
        if (allowed) {
          expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(300);
        } else {
          expect(res.status).toBe(expected);
          const body = (await res.json()) as ErrorBody;
          expect(body.error.code).toBe(role === 'signed-out' ? 'unauthenticated' : 'forbidden');
          expect(await dataVersion()).toBe(before);
        }
      });
    }
  }
});
