import { type Database, queryRows, ROLLUP_TOTALS } from '@ozg/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { listStatusesRoute } from '../statuses/statuses.routes';
import {
  importExecutingLevelsRoute,
  listExceptionsRoute,
  listServicesRoute,
  setExecutingLevelsRoute,
} from './catalog.routes';

let database: Database;
let app: TestApp;
let admin: TestClient;
// Demo OZG-ID of the Hundesteuer (Gemeinde level in the demo catalogue).
const HUNDESTEUER = 99031;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  admin = await signInAs(app, 'admin');
});
afterAll(async () => {
  await database.close();
});

const inTargetCount = async (ozgId: number, level: 'gemeinde' | 'kreis') => {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from service_statuses st join regions r on r.id = st.region_id
        where st.ozg_id = ${ozgId} and st.in_target and r.level = ${level}`,
  );
  return row?.n ?? 0;
};

const rollupDifferences = async () => {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from ${ROLLUP_TOTALS} r
        left join (select region_id, count(*) filter (where in_target)::int as t from service_statuses group by region_id) s using (region_id)
        where r.target_count <> coalesce(s.t, 0)`,
  );
  return row?.n;
};

describe('catalogue and target sets', () => {
  it('GET /api/v1/services lists the catalogue publicly with filters', async () => {
    const res = await app.request(`/api/v1/services?q=hunde`);
    const { items } = await readBody(res, listServicesRoute, 200);
    expect(items).toEqual([
      expect.objectContaining({ ozgId: HUNDESTEUER, name: 'Hundesteuer', executingLevel: 'gemeinde' }),
    ]);
  });

  it('moving a service to the Kreis level moves it from the Gemeinden to the Landkreise and cities, keeping history', async () => {
    const gemeindenBefore = await inTargetCount(HUNDESTEUER, 'gemeinde');
    expect(gemeindenBefore).toBeGreaterThan(200);
    const res = await admin.request('PUT', '/api/v1/services/executing-levels', {
      services: [{ ozgId: HUNDESTEUER, executingLevel: 'kreis' }],
    });
    const result = await readBody(res, setExecutingLevelsRoute, 200);
    expect(result.updated).toBe(1);
    // 21 Landkreise get a new status; the Gemeinden keep theirs, out of the target set, except the 5 cities.
    expect(result.statusesCreated).toBe(21);
    expect(result.statusesChanged).toBe(gemeindenBefore - 5);
    expect(await inTargetCount(HUNDESTEUER, 'kreis')).toBe(21);
    expect(await inTargetCount(HUNDESTEUER, 'gemeinde')).toBe(5);
    expect(await rollupDifferences()).toBe(0);
  });

  it('takes executing levels from CSV all or nothing, with the failing line', async () => {
    const bad = 'ozg_id;ausfuehrende_ebene\n99031;Gemeinde\n99032;Galaxis\n';
    const refused = await admin.request('POST', '/api/v1/services/executing-levels.csv', bad, {
      'content-type': 'text/csv',
    });
    expect((await readBody(refused, importExecutingLevelsRoute, 422)).error.details).toEqual([
      { line: 3, column: 'ausfuehrende_ebene', message: expect.stringContaining('Galaxis') },
    ]);
    expect(await inTargetCount(HUNDESTEUER, 'kreis')).toBe(21);

    const exported = await (await app.request('/api/v1/services/executing-levels.csv')).text();
    expect(exported).toContain('ozg_id;leistung;themenfeld;kommunal_relevant;ausfuehrende_ebene');
    const good = 'ozg_id;ausfuehrende_ebene\n99031;Gemeinde\n';
    const accepted = await admin.request('POST', '/api/v1/services/executing-levels.csv', good, {
      'content-type': 'text/csv',
    });
    expect(accepted.status).toBe(200);
    expect(await inTargetCount(HUNDESTEUER, 'gemeinde')).toBeGreaterThan(200);
    expect(await rollupDifferences()).toBe(0);
  });

  it('takes executing levels from a CSV that German Excel saved (Windows-1252, separator-only lines)', async () => {
    // "ozg_id;leistung;ausfuehrende_ebene" with "für" and "ü" as the single bytes 0xFC, cleared rows as ";;".
    const latin = (text: string) => [...text].map((char) => char.charCodeAt(0));
    const bytes = new Uint8Array([
      ...latin('ozg_id;leistung;ausfuehrende_ebene\r\n'),
      ...latin('99031;Hundesteuer f'),
      0xfc,
      ...latin('r Hunde;Gemeinde\r\n;;\r\n;;\r\n\r\n'),
    ]);
    const res = await admin.request('POST', '/api/v1/services/executing-levels.csv', bytes, {
      'content-type': 'text/csv',
    });
    expect((await readBody(res, importExecutingLevelsRoute, 200)).updated).toBe(0);
    expect(await inTargetCount(HUNDESTEUER, 'gemeinde')).toBeGreaterThan(200);
  });

  it('an exception with a reason takes a service out of one municipality, and removing it brings it back', async () => {
    const officer = await signInAs(app, 'officer');
    const list = async () =>
      (
        await readBody(
          await officer.request('GET', '/api/v1/regions/06435901/statuses?pageSize=1000'),
          listStatusesRoute,
          200,
        )
      ).items;
    const before = await list();
    const put = await admin.request('PUT', '/api/v1/regions/06435901/applicability-exceptions', {
      ozgId: HUNDESTEUER,
      applies: false,
      reason: 'Per Vereinbarung vom Kreis erhoben',
    });
    expect(put.status).toBe(200);
    expect((await list()).map((s) => s.ozgId)).not.toContain(HUNDESTEUER);
    expect((await list()).length).toBe(before.length - 1);
    const exceptions = await readBody(
      await officer.request('GET', '/api/v1/regions/06435901/applicability-exceptions'),
      listExceptionsRoute,
      200,
    );
    expect(exceptions.items).toEqual([
      expect.objectContaining({
        ozgId: HUNDESTEUER,
        applies: false,
        reason: 'Per Vereinbarung vom Kreis erhoben',
      }),
    ]);

    const noReason = await admin.request('PUT', '/api/v1/regions/06435901/applicability-exceptions', {
      ozgId: HUNDESTEUER,
      applies: false,
      reason: ' ',
    });
    expect(noReason.status).toBe(400);

    expect(
      (await admin.request('DELETE', `/api/v1/regions/06435901/applicability-exceptions/${HUNDESTEUER}`))
        .status,
    ).toBe(200);
    expect((await list()).length).toBe(before.length);
    expect(await rollupDifferences()).toBe(0);
  });
});
