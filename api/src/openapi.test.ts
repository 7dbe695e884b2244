import type { Database } from '@ozg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoRole, demoTestApp, signInAs, type TestApp, type TestClient } from './testing';
import {
  type ApiDocument,
  apiDocument,
  concretePath as fill,
  type Operation,
  operations as operationsOf,
  type RouteSamples,
  routeSamples,
} from './testing-routes';

let database: Database;
let app: TestApp;
let doc: ApiDocument;
const ROLES: DemoRole[] = ['admin', 'officer', 'kreisOfficer', 'consultant', 'viewer'];
let clients: Record<DemoRole, TestClient>;
let samples: RouteSamples;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  doc = await apiDocument(app);
  clients = Object.fromEntries(
    await Promise.all(ROLES.map(async (role) => [role, await signInAs(app, role)] as const)),
  ) as Record<DemoRole, TestClient>;
  samples = await routeSamples(database);
});
afterAll(async () => {
  await database.close();
});

const operations = () => operationsOf(doc);
const concretePath = (path: string, variant: 0 | 1 | 'bad') =>
  fill(samples, path, variant === 'bad' ? { raw: '%00' } : variant);

/** A body of the route's first Content-Type; '{}' is rarely valid, which is fine: only the status matters. */
function probeBody(
  path: string,
  operation: Operation,
): { body?: string | FormData; headers: Record<string, string> } {
  const type = Object.keys(operation.requestBody?.content ?? {})[0];
  if (!type) return { headers: {} };
  if (type === 'multipart/form-data') return { body: new FormData(), headers: {} };
  return { body: VALID_BODIES[path] ?? '{}', headers: { 'content-type': type } };
}

/** Where a status needs a body of the right shape: a wrong password is 401, not 400. */
const VALID_BODIES: Record<string, string> = {
  '/auth/login': JSON.stringify({ email: 'lesen@demo.example', password: 'falsches-passwort' }),
};

describe('OpenAPI document', () => {
  it('describes every route with a summary, its success schema and its error responses', () => {
    const all = operations();
    expect(all.length).toBeGreaterThanOrEqual(20);
    for (const { path, method, operation } of all) {
      const name = `${method} ${path}`;
      expect(operation.summary, name).toBeTruthy();
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect(success.length, name).toBeGreaterThan(0);
      for (const [status, response] of success) {
        if (status !== '204')
          expect(Object.keys(response.content ?? {}).length, `${name} ${status}`).toBeGreaterThan(0);
      }
      if (operation.requestBody)
        expect(Object.keys(operation.requestBody.content).length, name).toBeGreaterThan(0);
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'Status', 'StatusPatch', 'CsvImportResult']),
    );
  });

  it('lists exactly the statuses 400, 401, 403, 413 and 415 that each route answers, and every other status it answered', async () => {
    const mismatches: string[] = [];
    for (const { path, method, operation } of operations()) {
      const name = `${method} ${path}`;
      const answered = new Set<number>();
      const send = async (client: TestClient | null, url: string, init: ReturnType<typeof probeBody>) => {
        const res = client
          ? await client.request(method, url, init.body, init.headers)
          : await app.request(url, {
              method,
              headers: init.headers,
              ...(init.body ? { body: init.body } : {}),
            });
        await res.arrayBuffer();
        answered.add(res.status);
        return res.status;
      };
      const body = probeBody(path, operation);
      const writes = method !== 'GET';

      // Anonymous: 401 where sign-in is needed.
      const anonymous = await send(null, concretePath(path, 0), body);
      if (operation.security) expect(anonymous, `${name} anonym`).toBe(401);
      // Every role, on its own region and on another one: 403 where a role or region is refused.
      // Signing out would end the clients' sessions; its 403 comes from the CSRF check below.
      if (path !== '/auth/logout') {
        for (const role of ROLES) {
          for (const variant of path.includes('{') ? ([0, 1] as const) : ([0] as const))
            await send(clients[role], concretePath(path, variant), body);
        }
      }
      // A signed-in write without the session's CSRF token: 403.
      if (writes)
        await send(clients.admin, concretePath(path, 0), {
          ...body,
          headers: { ...body.headers, 'x-csrf-token': 'falsch' },
        });
      if (operation.requestBody) {
        // Larger than any limit (the Content-Length alone decides).
        await send(clients.admin, concretePath(path, 0), {
          body: 'x',
          headers: {
            'content-type': Object.keys(operation.requestBody.content)[0] ?? '',
            'content-length': String(100 * 1024 * 1024),
          },
        });
        await send(clients.admin, concretePath(path, 0), {
          body: 'x',
          headers: { 'content-type': 'application/x-unbekannt' },
        });
      }
      // Bad input where there is input: a NUL byte in every parameter, a body that is no JSON.
      const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
      if (operation.parameters?.length || operation.requestBody) {
        const search = query.map((parameter) => `${parameter.name}=%00`).join('&');
        const bad = operation.requestBody?.content['application/json'] ? { ...body, body: '{"x": ' } : body;
        const badPath = concretePath(
          path,
          (operation.parameters ?? []).some((p) => p.in === 'path') ? 'bad' : 0,
        );
        await send(clients.admin, `${badPath}${search ? `?${search}` : ''}`, bad);
      }

      expect(answered.has(500), `${name} antwortet 500`).toBe(false);
      const documented = new Set(Object.keys(operation.responses).map(Number));
      for (const status of answered)
        if (!documented.has(status)) mismatches.push(`${name}: ${status} nicht dokumentiert`);
      for (const status of [400, 401, 403, 413, 415])
        if (documented.has(status) && !answered.has(status))
          mismatches.push(`${name}: ${status} dokumentiert, aber nie beantwortet`);
    }
    expect(mismatches).toEqual([]);
  }, 240_000);
});
