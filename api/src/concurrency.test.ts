import { type Database, queryRows, ROLLUP_TOTALS } from '@ozg/db';
import type { Status } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStatusRoute, listStatusesRoute } from './routes/statuses/statuses.routes';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from './testing';

let database: Database;
let app: TestApp;
let officer: TestClient;
let status: Status;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
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

const eventCount = async (id: number) =>
  (
    await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from status_events where status_id = ${id}`,
    )
  )[0]?.n ?? 0;
const current = async (id: number) =>
  await readBody(await officer.request('GET', `/api/v1/statuses/${id}`), getStatusRoute, 200);

describe('many writers on one status', () => {
  it('lets exactly one of 20 writers with the same version win; the others get 409', async () => {
    const eventsBefore = await eventCount(status.id);
    const start = await current(status.id);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, writer) =>
        officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
          version: start.version,
          note: `Schreiber ${writer}`,
        }),
      ),
    );
    const codes = responses.map((res) => res.status).sort();
    expect(codes.filter((code) => code === 200)).toHaveLength(1);
    expect(codes.filter((code) => code === 409)).toHaveLength(19);
    expect(await eventCount(status.id)).toBe(eventsBefore + 1);
    expect((await current(status.id)).version).toBe(start.version + 1);
  });

  it('loses no update when writers retry on conflict: every success is one event and one version', async () => {
    const eventsBefore = await eventCount(status.id);
    const start = await current(status.id);
    const writers = 12;
    let successes = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let attempt = 0; attempt < 50; attempt++) {
          const seen = await current(status.id);
          const res = await officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
            version: seen.version,
            note: `Schreiber ${writer}, Versuch ${attempt}`,
          });
          if (res.status === 200) {
            successes++;
            return;
          }
          expect(res.status).toBe(409);
        }
        throw new Error(`Schreiber ${writer} kam nie durch`);
      }),
    );
    expect(successes).toBe(writers);
    const end = await current(status.id);
    expect(end.version - start.version).toBe(writers);
    expect((await eventCount(status.id)) - eventsBefore).toBe(writers);
    // Each successful writer's note is in the trail exactly once: nothing was overwritten unseen.
    const notes = await queryRows<{ note: string }>(
      database.db,
      sql`select after->>'note' as note from status_events where status_id = ${status.id} order by id desc limit ${writers}`,
    );
    expect(new Set(notes.map((row) => row.note.replace(/, Versuch \d+$/, ''))).size).toBe(writers);
  });

  it('keeps the rollups exact while edits and target-set changes hit the same municipality at once', async () => {
    const admin = await signInAs(app, 'admin');
    const page = await readBody(
      await officer.request('GET', '/api/v1/regions/06435901/statuses?pageSize=12&sort=ozgId'),
      listStatusesRoute,
      200,
    );
    const toggled = page.items.at(-1) as Status;
    const edits = page.items.slice(0, 8).map(async (target, index) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const seen = await current(target.id);
        const level = (seen.maturityLevel + 1 + index) % 3; // stays below 3: no date needed
        const res = await officer.request('PATCH', `/api/v1/statuses/${target.id}`, {
          version: seen.version,
          maturityLevel: level,
        });
        if (res.status === 200) return;
      }
    });
    const toggles = Array.from({ length: 6 }, async (_, round) => {
      const res =
        round % 2 === 0
          ? await admin.request('PUT', '/api/v1/regions/06435901/applicability-exceptions', {
              ozgId: toggled.ozgId,
              applies: false,
              reason: 'Gleichzeitigkeitstest',
            })
          : await admin.request(
              'DELETE',
              `/api/v1/regions/06435901/applicability-exceptions/${toggled.ozgId}`,
            );
      expect([200, 404]).toContain(res.status);
    });
    await Promise.all([...edits, ...toggles]);
    const [differences] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${ROLLUP_TOTALS} r
          join (select region_id, count(*) filter (where in_target)::int as t,
                  count(*) filter (where in_target and maturity_level = 0)::int as l0,
                  count(*) filter (where in_target and maturity_level = 1)::int as l1,
                  count(*) filter (where in_target and maturity_level = 2)::int as l2
                from service_statuses group by region_id) s using (region_id)
          where r.target_count <> s.t or r.level0 <> s.l0 or r.level1 <> s.l1 or r.level2 <> s.l2`,
    );
    expect(differences?.n).toBe(0);
  });
});
