import { type Database, queryRows } from '@ozg/db';
import { ErrorBodySchema } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, signInAs, type TestApp, type TestClient } from './testing';
import {
  type ApiDocument,
  apiDocument,
  bodyFields,
  concretePath,
  operations,
  type RouteSamples,
  routeSamples,
} from './testing-routes';

/**
 * The values that reached PostgreSQL and failed there with a 500 (issue "Trust",
 * item 9), sent by an admin (whom no role check stops) into every parameter,
 * query field and JSON body field of every route of the OpenAPI document, one
 * at a time, on top of an otherwise valid request where one is known. No
 * answer may be a 5xx; every 4xx has the error shape.
 */
const EDGE_VALUES: { name: string; json: unknown; url: string }[] = [
  { name: 'NUL', json: 'a\u0000b', url: 'a%00b' },
  // In a URL a lone surrogate can only be sent as its (invalid) UTF-8 bytes.
  { name: 'einzelnes Surrogat', json: 'a\uD800b', url: 'a%ED%A0%80b' },
  { name: 'Jahr 0000', json: '0000-01-01', url: '0000-01-01' },
  { name: '2^31', json: 2 ** 31, url: '2147483648' },
  { name: '2^31 als Text', json: '2147483648', url: '2147483648' },
  { name: '-2^31 - 1', json: -(2 ** 31) - 1, url: '-2147483649' },
];

let database: Database;
let app: TestApp;
let admin: TestClient;
let doc: ApiDocument;
let samples: RouteSamples;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  admin = await signInAs(app, 'admin');
  doc = await apiDocument(app);
  samples = await routeSamples(database);
});
afterAll(async () => {
  await database.close();
});

const version = async (table: string, id: string) =>
  (
    await queryRows<{ version: number }>(
      database.db,
      sql.raw(`select version from ${table} where id = ${Number(id)}`),
    )
  )[0]?.version ?? 1;

/** Valid bodies (fresh versions), so that an edge value in one field is the only thing wrong. */
const VALID_BODIES: Record<string, () => Promise<Record<string, unknown>>> = {
  'POST /auth/login': async () => ({ email: 'admin@demo.example', password: 'falsch-aber-lang-genug' }),
  'PATCH /statuses/{id}': async () => ({
    version: await version('service_statuses', samples.statuses?.[0] ?? ''),
    note: 'geprüft',
  }),
  'POST /statuses/bulk': async () => {
    const id = samples.statuses?.[0] ?? '';
    return {
      statuses: [{ id: Number(id), version: await version('service_statuses', id) }],
      changes: { note: 'x' },
    };
  },
  'PUT /regions/{key}/applicability-exceptions': async () => ({
    ozgId: 99001,
    applies: true,
    reason: 'Prüfung',
  }),
  'POST /consulting/modules': async () => ({ name: 'Prüfmodul', area: 'ozg', description: 'x' }),
  'PATCH /consulting/modules/{id}': async () => ({
    version: await version('consulting_modules', samples.modules?.[0] ?? ''),
    description: 'x',
  }),
  'PATCH /consultations/{id}': async () => ({
    action: 'schedule',
    version: await version('consultations', samples.consultations?.[0] ?? ''),
    scheduledFor: '2030-01-15',
  }),
  'POST /consultations/{id}/measures': async () => ({
    title: 'Maßnahme',
    dueDate: '2030-01-15',
    ozgIds: [99001],
  }),
  'PATCH /measures/{id}': async () => ({
    version: await version('measures', samples.measures?.[0] ?? ''),
    owner: 'Frau Muster',
  }),
  'POST /users': async () => ({
    email: 'neu@kommune.example',
    role: 'viewer',
    regions: [],
    password: 'x'.repeat(16),
  }),
  'PATCH /users/{id}': async () => ({ displayName: 'Lesezugriff' }),
};

describe('edge values in every parameter and body field', () => {
  it('never answer 5xx, and every refusal has the error shape', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const { path, method, operation } of operations(doc)) {
      if (path === '/auth/logout') continue; // would end the admin's session
      const route = `${method} ${path}`;
      const params = operation.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = params.filter((p) => p.in === 'query').map((p) => p.name);
      const jsonSchema = operation.requestBody?.content['application/json']?.schema;
      const fields = bodyFields(doc, jsonSchema);
      const points = [
        ...pathParams.map((name) => ({ where: 'path' as const, name })),
        ...queryParams.map((name) => ({ where: 'query' as const, name })),
        ...fields.map((name) => ({ where: 'body' as const, name })),
      ];
      for (const point of points) {
        for (const value of EDGE_VALUES) {
          let url = concretePath(samples, path, 0);
          if (point.where === 'path') {
            // The other parameters keep their sample values; this one gets the edge value.
            url = concretePath(samples, path, 0)
              .split('/')
              .map((segment, index) =>
                `/api/v1${path}`.split('/')[index] === `{${point.name}}` ? value.url : segment,
              )
              .join('/');
          }
          if (point.where === 'query') url += `?${point.name}=${value.url}`;
          const valid = jsonSchema ? ((await VALID_BODIES[route]?.()) ?? {}) : undefined;
          const body = point.where === 'body' ? { ...valid, [point.name]: value.json } : valid;
          const res = await admin.request(
            method,
            url,
            body === undefined ? undefined : JSON.stringify(body),
            body === undefined ? {} : { 'content-type': 'application/json' },
          );
          requests += 1;
          const what = `${route} ${point.where} ${point.name} = ${value.name}: ${res.status}`;
          if (res.status >= 500) failures.push(what);
          else if (res.status >= 400) {
            const parsed = ErrorBodySchema.safeParse(await res.json().catch(() => null));
            if (!parsed.success) failures.push(`${what} ohne Fehlerform`);
          } else await res.arrayBuffer();
        }
      }
    }
    expect(requests).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  }, 300_000);
});
