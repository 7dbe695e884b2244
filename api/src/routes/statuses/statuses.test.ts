import { type Database, queryRows, ROLLUP_TOTALS } from '@ozg/db';
import type { Status } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import {
  bulkUpdateRoute,
  getStatusRoute,
  listStatusesRoute,
  patchStatusRoute,
  statusEventsRoute,
} from './statuses.routes';

let database: Database;
let app: TestApp;
let officer: TestClient;
let admin: TestClient;
const OFFICER_GEMEINDE = '06435901';

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  [officer, admin] = await Promise.all([signInAs(app, 'officer'), signInAs(app, 'admin')]);
});
afterAll(async () => {
  await database.close();
});

const page = async (res: Response) => readBody(res, listStatusesRoute, 200);

async function firstStatus(filter = ''): Promise<Status> {
  const first = await page(
    await officer.request('GET', `/api/v1/regions/${OFFICER_GEMEINDE}/statuses?pageSize=5${filter}`),
  );
  const status = first.items[0];
  if (!status) throw new Error('keine Status in der Demo');
  return status;
}

async function rollupsMatchStatuses(): Promise<boolean> {
  const [row] = await queryRows<{ differences: number }>(
    database.db,
    sql`select count(*)::int as differences from (
          select region_id, count(*) filter (where in_target)::int as n,
            count(*) filter (where in_target and maturity_level = 0)::int as l0,
            count(*) filter (where in_target and maturity_level = 3)::int as l3,
            count(*) filter (where in_target and maturity_level = 4)::int as l4
          from service_statuses group by region_id) s
        join ${ROLLUP_TOTALS} r using (region_id)
        where r.target_count <> s.n or r.level0 <> s.l0 or r.level3 <> s.l3 or r.level4 <> s.l4`,
  );
  return row?.differences === 0;
}

describe('status list', () => {
  it('GET /api/v1/regions/{key}/statuses needs a signed-in user', async () => {
    const res = await app.request(`/api/v1/regions/${OFFICER_GEMEINDE}/statuses`);
    expect((await readBody(res, listStatusesRoute, 401)).error.code).toBe('unauthenticated');
  });

  it('tells every reader per status whether they may edit it, by the rule the writes check', async () => {
    const [consultant, viewer] = await Promise.all([signInAs(app, 'consultant'), signInAs(app, 'viewer')]);
    const read = async (client: TestClient, key: string) =>
      page(await client.request('GET', `/api/v1/regions/${key}/statuses?pageSize=5`));
    const own = await read(officer, OFFICER_GEMEINDE);
    const neighbour = await read(officer, '06435902');
    expect(own.editable).toBe(true);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((status) => status.editable)).toBe(true);
    expect(neighbour.editable).toBe(false);
    expect(neighbour.items.length).toBeGreaterThan(0);
    expect(neighbour.items.some((status) => status.editable)).toBe(false);
    for (const reader of [consultant, viewer]) {
      const page = await read(reader, OFFICER_GEMEINDE);
      expect(page.editable).toBe(false);
      expect(page.items.map((status) => status.editable)).toEqual(own.items.map(() => false));
    }
    const ministry = await read(admin, '06435902');
    expect(ministry.editable).toBe(true);
    expect(ministry.items.every((status) => status.editable)).toBe(true);
    // The flag is the truth: a status marked not editable is refused on save.
    const refused = neighbour.items[0] as Status;
    const res = await officer.request('PATCH', `/api/v1/statuses/${refused.id}`, {
      version: refused.version,
      note: 'x',
    });
    expect(res.status).toBe(403);
  });

  it('filters by Themenfeld, overdue and text, sorts and paginates', async () => {
    const all = await page(
      await officer.request('GET', `/api/v1/regions/${OFFICER_GEMEINDE}/statuses?pageSize=1000`),
    );
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(20);
    const overdue = await page(
      await officer.request('GET', `/api/v1/regions/${OFFICER_GEMEINDE}/statuses?overdue=true&pageSize=1000`),
    );
    expect(overdue.items.every((s) => s.maturityLevel < 3)).toBe(true);
    expect(overdue.total).toBe(all.items.filter((s) => s.maturityLevel < 3).length);
    const themed = await page(
      await officer.request(
        'GET',
        `/api/v1/regions/${OFFICER_GEMEINDE}/statuses?themenfeld=${encodeURIComponent('Steuern & Zoll')}`,
      ),
    );
    expect(themed.items.length).toBeGreaterThan(0);
    expect(themed.items.every((s) => s.themenfeld === 'Steuern & Zoll')).toBe(true);
    const search = await page(
      await officer.request('GET', `/api/v1/regions/${OFFICER_GEMEINDE}/statuses?q=hunde`),
    );
    expect(search.items.map((s) => s.serviceName)).toEqual(['Hundesteuer']);
    const sorted = await page(
      await officer.request(
        'GET',
        `/api/v1/regions/${OFFICER_GEMEINDE}/statuses?sort=maturityLevel&order=desc&pageSize=1000`,
      ),
    );
    const levels = sorted.items.map((s) => s.maturityLevel);
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    const second = await page(
      await officer.request(
        'GET',
        `/api/v1/regions/${OFFICER_GEMEINDE}/statuses?sort=ozgId&page=2&pageSize=10`,
      ),
    );
    expect(second.items.map((s) => s.ozgId)).toEqual(
      [...all.items]
        .sort((a, b) => a.ozgId - b.ozgId)
        .slice(10, 20)
        .map((s) => s.ozgId),
    );
  });

  it('lists the statuses of a kreisfreie Stadt under its Kreis key too, and refuses a Land', async () => {
    const byKreis = await page(await admin.request('GET', '/api/v1/regions/06412/statuses?pageSize=1'));
    const byGemeinde = await page(await admin.request('GET', '/api/v1/regions/06412000/statuses?pageSize=1'));
    expect(byKreis.total).toBe(byGemeinde.total);
    expect(byKreis.total).toBeGreaterThan(50);
    expect((await admin.request('GET', '/api/v1/regions/06/statuses')).status).toBe(422);
  });
});

describe('status update', () => {
  it('PATCH /api/v1/statuses/{id} applies a change, bumps the version, records an event and keeps the rollup', async () => {
    const status = await firstStatus('&overdue=true');
    const res = await officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
      version: status.version,
      maturityLevel: 3,
      onlineSince: '2024-03-01',
      solution: 'civento',
      url: 'https://formulare.demo.example/hund',
    });
    const updated = await readBody(res, patchStatusRoute, 200);
    expect(updated).toMatchObject({
      maturityLevel: 3,
      onlineSince: '2024-03-01',
      solution: 'civento',
      version: status.version + 1,
    });
    expect(updated.updatedBy).toBe('Digitalisierungsbeauftragte (Demo)');

    const events = await readBody(
      await officer.request('GET', `/api/v1/statuses/${status.id}/events`),
      statusEventsRoute,
      200,
    );
    expect(events.items[0]).toMatchObject({
      // Signed in with the session cookie and CSRF token: the web app's way (decision 003).
      source: 'ui',
      actor: 'Digitalisierungsbeauftragte (Demo)',
      before: { maturityLevel: status.maturityLevel, onlineSince: status.onlineSince },
      after: { maturityLevel: 3, onlineSince: '2024-03-01', solution: 'civento' },
    });
    expect(await rollupsMatchStatuses()).toBe(true);
  });

  it('PATCH /api/v1/statuses/{id} returns 409 with the current record when the version is stale', async () => {
    const status = await firstStatus();
    const first = await officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
      version: status.version,
      note: 'erste',
    });
    await readBody(first, patchStatusRoute, 200);
    const second = await officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
      version: status.version,
      note: 'zweite',
    });
    const body = await readBody(second, patchStatusRoute, 409);
    expect(body.error.code).toBe('conflict');
    expect(body.error.details.current[0]).toMatchObject({
      note: 'erste',
      version: status.version + 1,
    });
  });

  it('answers rule violations with 422 and the field, and writes nothing', async () => {
    const status = await firstStatus('&overdue=true');
    const res = await officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
      version: status.version,
      maturityLevel: 4,
    });
    expect((await readBody(res, patchStatusRoute, 422)).error.details).toEqual([
      expect.objectContaining({ path: 'onlineSince', statusId: status.id }),
    ]);
    const unchanged = await readBody(
      await officer.request('GET', `/api/v1/statuses/${status.id}`),
      getStatusRoute,
      200,
    );
    expect(unchanged.version).toBe(status.version);
  });

  it('refuses an officer outside their region with 403', async () => {
    const other = await page(await admin.request('GET', '/api/v1/regions/06435902/statuses?pageSize=1'));
    const target = other.items[0] as Status;
    const res = await officer.request('PATCH', `/api/v1/statuses/${target.id}`, {
      version: target.version,
      note: 'x',
    });
    expect(res.status).toBe(403);
  });

  it('POST /api/v1/statuses/bulk changes many statuses at once, or none when one is stale', async () => {
    const before = await page(
      await officer.request(
        'GET',
        `/api/v1/regions/${OFFICER_GEMEINDE}/statuses?overdue=true&pageSize=5&sort=ozgId`,
      ),
    );
    const selection = before.items.map((s) => ({ id: s.id, version: s.version }));
    const staleSelection = selection.map((s, index) => (index === 2 ? { ...s, version: s.version + 7 } : s));
    const rejected = await officer.request('POST', '/api/v1/statuses/bulk', {
      statuses: staleSelection,
      changes: { workflowState: 'planned', plannedDate: '2027-06-30' },
    });
    expect((await readBody(rejected, bulkUpdateRoute, 409)).error.details.current).toHaveLength(1);
    const stillThere = await page(
      await officer.request(
        'GET',
        `/api/v1/regions/${OFFICER_GEMEINDE}/statuses?overdue=true&pageSize=5&sort=ozgId`,
      ),
    );
    expect(stillThere.items.map((s) => s.version)).toEqual(before.items.map((s) => s.version));

    const res = await officer.request('POST', '/api/v1/statuses/bulk', {
      statuses: selection,
      changes: { maturityLevel: 3, solution: 'civento', onlineSince: '2024-03-01' },
    });
    const { items } = await readBody(res, bulkUpdateRoute, 200);
    expect(items.every((s) => s.maturityLevel === 3 && s.solution === 'civento')).toBe(true);
    expect(await rollupsMatchStatuses()).toBe(true);
  });

  it('keeps the audit trail append-only in the database', async () => {
    // drizzle wraps the database error; the trigger's message is in the cause.
    const failure = (statement: ReturnType<typeof sql>) =>
      database.db.execute(statement).then(
        () => 'executed',
        (error: { cause?: { message?: string } }) => error.cause?.message ?? String(error),
      );
    expect(await failure(sql`update status_events set source = 'api'`)).toMatch(/append-only: UPDATE/);
    expect(await failure(sql`delete from status_events`)).toMatch(/append-only: DELETE/);
    expect(await failure(sql`truncate status_events cascade`)).toMatch(/append-only: TRUNCATE/);
  });
});
