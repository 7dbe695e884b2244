import { type Database, queryRows } from '@ozg/db';
import { ERROR_CODES, ErrorBodySchema } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, signInAs, type TestApp, type TestClient } from './testing';

/**
 * Random and malformed bodies at every write endpoint, sent by an admin (who
 * may write everywhere, so only validation stands in the way): the answer is a
 * 4xx in the error shape, never a 5xx, and the database is unchanged.
 */
let database: Database;
let app: TestApp;
let admin: TestClient;
let statusId: number;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  admin = await signInAs(app, 'admin');
  const [row] = await queryRows<{ id: number }>(
    database.db,
    sql`select id from service_statuses order by id limit 1`,
  );
  statusId = row?.id as number;
});
afterAll(async () => {
  await database.close();
});

/** Everything a write could touch, in one comparable value. */
async function fingerprint(): Promise<string> {
  const [row] = await queryRows<Record<string, unknown>>(
    database.db,
    sql`select (select data_version from instance_state)::text as data_version,
               (select count(*) from status_events)::int as events,
               (select sum(version) from service_statuses)::int as versions,
               (select md5(string_agg(ozg_id || ':' || coalesce(executing_level::text, '-'), ',' order by ozg_id)) from ozg_services) as levels,
               (select count(*) from applicability_exceptions)::int as exceptions,
               (select md5(string_agg(region_id || ':' || themenfeld || ':' || target_count || ':' || level3, ',' order by region_id, themenfeld)) from region_rollups) as rollups,
               (select count(*) || '/' || coalesce(sum(version), 0) from consulting_modules) as modules,
               (select count(*) || '/' || coalesce(sum(version), 0) from consultations) as consultations,
               (select count(*) || '/' || coalesce(sum(version), 0) from measures) as measures`,
  );
  return JSON.stringify(row);
}

// OZG-IDs outside the demo catalogue (99001-99059) and versions far above any demo version, so that no generated body is valid by chance.
const unknownOzgId = fc.integer().filter((n) => n < 99_001 || n > 99_059);
const staleVersion = fc.oneof(
  fc.integer({ min: 1_000 }),
  fc.integer({ max: 0 }),
  fc.string(),
  fc.constant(null),
  fc.double(),
);
const anyValue = fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.constant(null), fc.boolean());
const statusFields = fc.record(
  {
    version: staleVersion,
    maturityLevel: anyValue,
    maturityModel: anyValue,
    workflowState: anyValue,
    solution: anyValue,
    url: anyValue,
    plannedDate: anyValue,
    onlineSince: anyValue,
    note: anyValue,
  },
  { requiredKeys: [] },
);
const jsonText = (arbitrary: fc.Arbitrary<unknown>) =>
  fc.oneof(
    arbitrary.map((value) => JSON.stringify(value) ?? 'null'),
    fc.string(), // mostly not JSON at all
    fc.constant('{"version": 1,'),
  );

type Endpoint = {
  name: string;
  method: string;
  path: () => string;
  body: fc.Arbitrary<string>;
  contentType?: string;
};

const ENDPOINTS: Endpoint[] = [
  {
    name: 'PATCH /statuses/{id}',
    method: 'PATCH',
    path: () => `/api/v1/statuses/${statusId}`,
    body: jsonText(fc.oneof(statusFields, fc.anything())),
  },
  {
    name: 'POST /statuses/bulk',
    method: 'POST',
    path: () => '/api/v1/statuses/bulk',
    body: jsonText(
      fc.oneof(
        fc.record({
          statuses: fc.array(fc.record({ id: fc.oneof(fc.integer(), anyValue), version: staleVersion }), {
            maxLength: 5,
          }),
          changes: statusFields,
          options: fc.oneof(
            anyValue,
            fc.record({ levels: anyValue, onlineSince: anyValue }, { requiredKeys: [] }),
          ),
        }),
        fc.anything(),
      ),
    ),
  },
  {
    name: 'POST /regions/{key}/statuses.csv',
    method: 'POST',
    path: () => '/api/v1/regions/06435901/statuses.csv?mode=commit',
    body: fc.oneof(
      fc.string(),
      fc
        .array(fc.array(fc.string(), { maxLength: 4 }), { maxLength: 4 })
        .map((rows) => rows.map((r) => r.join(';')).join('\n')),
    ),
    contentType: 'text/csv',
  },
  {
    name: 'PUT /services/executing-levels',
    method: 'PUT',
    path: () => '/api/v1/services/executing-levels',
    body: jsonText(
      fc.oneof(
        fc.record({
          services: fc.array(fc.record({ ozgId: unknownOzgId, executingLevel: anyValue }), { maxLength: 4 }),
        }),
        fc.anything(),
      ),
    ),
  },
  {
    name: 'POST /services/executing-levels.csv',
    method: 'POST',
    path: () => '/api/v1/services/executing-levels.csv',
    body: fc.oneof(
      fc.string(),
      fc.tuple(unknownOzgId, fc.string()).map(([id, level]) => `ozg_id;ausfuehrende_ebene\n${id};${level}\n`),
    ),
    contentType: 'text/csv',
  },
  {
    name: 'PUT /regions/{key}/applicability-exceptions',
    method: 'PUT',
    path: () => '/api/v1/regions/06435901/applicability-exceptions',
    body: jsonText(
      fc.oneof(
        fc.record({ ozgId: unknownOzgId, applies: anyValue, reason: anyValue }, { requiredKeys: [] }),
        fc.anything(),
      ),
    ),
  },
  {
    name: 'DELETE /regions/{key}/applicability-exceptions/{ozgId}',
    method: 'DELETE',
    path: () =>
      `/api/v1/regions/06435901/applicability-exceptions/${encodeURIComponent(String(Math.random() < 0.5 ? 'abc' : 12345))}`,
    body: fc.constant(''),
  },
  {
    name: 'POST /consulting/modules',
    method: 'POST',
    path: () => '/api/v1/consulting/modules',
    body: jsonText(
      fc.record({ name: anyValue, area: anyValue, description: anyValue }, { requiredKeys: [] }),
    ),
  },
  {
    name: 'PATCH /consulting/modules/{id}',
    method: 'PATCH',
    path: () => '/api/v1/consulting/modules/1',
    body: jsonText(
      fc.record({ version: staleVersion, name: anyValue, active: anyValue }, { requiredKeys: [] }),
    ),
  },
  {
    name: 'POST /regions/{key}/consultations',
    method: 'POST',
    path: () => '/api/v1/regions/06435901/consultations',
    // Module ids of the demo are 1-4: anything else is unknown or malformed.
    body: jsonText(
      fc.record({
        // anyValue includes integers: the demo's own ids (a valid offer, 201) are filtered out of it too.
        moduleId: fc.oneof(
          anyValue.filter(
            (value) => !(typeof value === 'number' && value >= 1 && value <= 4 && Number.isInteger(value)),
          ),
          fc.integer().filter((n) => n < 1 || n > 4),
        ),
      }),
    ),
  },
  {
    name: 'PATCH /consultations/{id}',
    method: 'PATCH',
    path: () => '/api/v1/consultations/1',
    body: jsonText(
      fc.record(
        {
          action: fc.oneof(anyValue, fc.constantFrom('schedule', 'hold', 'cancel')),
          version: staleVersion,
          reason: anyValue,
        },
        { requiredKeys: [] },
      ),
    ),
  },
  {
    name: 'PATCH /measures/{id}',
    method: 'PATCH',
    path: () => '/api/v1/measures/1',
    body: jsonText(
      fc.record({ version: staleVersion, state: anyValue, title: anyValue }, { requiredKeys: [] }),
    ),
  },
];

describe('write endpoints under random and malformed input', () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.name} answers with a 4xx error shape and changes nothing`, async () => {
      const before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(endpoint.body, async (body) => {
          const res = await admin.request(endpoint.method, endpoint.path(), body, {
            'content-type': endpoint.contentType ?? 'application/json',
          });
          expect(
            res.status,
            `${res.status} for ${JSON.stringify(body).slice(0, 200)}`,
          ).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          const payload = ErrorBodySchema.parse(await res.json());
          expect(ERROR_CODES).toContain(payload.error.code);
          expect(typeof payload.error.message).toBe('string');
        }),
        { numRuns: 60 },
      );
      expect(await fingerprint()).toBe(before);
    }, 120_000);
  }

  it('POST /auth/login answers random bodies with a 4xx error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonText(
          fc.oneof(fc.record({ email: anyValue, password: anyValue }, { requiredKeys: [] }), fc.anything()),
        ),
        async (body) => {
          const res = await app.request('/api/v1/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(ERROR_CODES).toContain(ErrorBodySchema.parse(await res.json()).error.code);
        },
      ),
      { numRuns: 60 },
    );
  });
});
