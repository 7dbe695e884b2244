import type { Database } from '@ozg/db';
import { type Status, todayInGermany } from '@ozg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { meRoute } from '../auth/auth.routes';
import { listStatusesRoute, regionEventsRoute, userEventsRoute } from './statuses.routes';

let database: Database;
let app: TestApp;
let officer: TestClient;
let kreisOfficer: TestClient;
let admin: TestClient;
let viewer: TestClient;
const GEMEINDE = '06435901';
const KREIS = '06435';

const userId = async (client: TestClient) =>
  (await readBody(await client.request('GET', '/api/v1/me'), meRoute, 200)).id;

/**
 * One change to a status of a municipality: raises one at level 1 by a level
 * (below 3, so no "online seit" is needed), or, where the demo has none there,
 * writes a note on the first one.
 */
async function change(client: TestClient, key: string, headers: Record<string, string> = {}) {
  const page = await readBody(
    await client.request('GET', `/api/v1/regions/${key}/statuses?pageSize=500&sort=ozgId`),
    listStatusesRoute,
    200,
  );
  const atLevel1 = page.items.find((item) => item.maturityLevel === 1);
  const status = (atLevel1 ?? page.items[0]) as Status;
  expect(status, `a status in ${key}`).toBeDefined();
  const res = await client.request(
    'PATCH',
    `/api/v1/statuses/${status.id}`,
    atLevel1
      ? { version: status.version, maturityLevel: 2 }
      : { version: status.version, note: 'Geprüft im Test des Änderungsprotokolls' },
    headers,
  );
  expect(res.status).toBe(200);
  return status;
}

let gemeindeChange: Status;
let kreisChange: Status;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  [officer, kreisOfficer, admin, viewer] = await Promise.all([
    signInAs(app, 'officer'),
    signInAs(app, 'kreisOfficer'),
    signInAs(app, 'admin'),
    signInAs(app, 'viewer'),
  ]);
  // One change in the dashboard by the Gemeinde (session cookie), one through the API by the Kreis (bearer token).
  gemeindeChange = await change(officer, GEMEINDE);
  kreisChange = await change(kreisOfficer, KREIS, { authorization: `Bearer ${kreisOfficer.sessionToken}` });
});
afterAll(async () => {
  await database.close();
});

const events = async (query: string, client = admin) =>
  readBody(await client.request('GET', `/api/v1/regions/${KREIS}/events${query}`), regionEventsRoute, 200);

describe('the audit trail of a region', () => {
  it('holds the changes of the region and of every municipality in it, newest first', async () => {
    const page = await events(`?from=${todayInGermany()}`);
    expect(page.items.map((event) => event.statusId)).toEqual([kreisChange.id, gemeindeChange.id]);
    expect(page.total).toBe(2);
    // The Gemeinde alone still has only its own changes.
    const own = await readBody(
      await admin.request('GET', `/api/v1/regions/${GEMEINDE}/events?from=${todayInGermany()}`),
      regionEventsRoute,
      200,
    );
    expect(own.items.map((event) => event.statusId)).toEqual([gemeindeChange.id]);
    // Without filters the demo history counts too, in pages.
    const all = await events('?pageSize=5');
    expect(all.items).toHaveLength(5);
    expect(all.total).toBeGreaterThan(2);
  });

  it('filters by days, source and user, and refuses a period that ends before it starts', async () => {
    const today = todayInGermany();
    expect((await events(`?from=${today}&to=${today}&source=ui`)).items.map((e) => e.statusId)).toEqual([
      gemeindeChange.id,
    ]);
    expect((await events(`?from=${today}&source=api`)).items.map((e) => e.statusId)).toEqual([
      kreisChange.id,
    ]);
    const byKreisOfficer = await events(`?user=${await userId(kreisOfficer)}`);
    expect(byKreisOfficer.items.map((e) => e.statusId)).toEqual([kreisChange.id]);
    expect((await events('?to=2020-12-31')).total).toBe(0);

    const reversed = await admin.request(
      'GET',
      `/api/v1/regions/${KREIS}/events?from=${today}&to=2024-01-01`,
    );
    expect(JSON.stringify(await readBody(reversed, regionEventsRoute, 400))).toContain(
      'Das Ende des Zeitraums liegt vor seinem Anfang.',
    );
    const badSource = await admin.request('GET', `/api/v1/regions/${KREIS}/events?source=fax`);
    expect(badSource.status).toBe(400);
    const badDay = await admin.request('GET', `/api/v1/regions/${KREIS}/events?from=01.12.2026`);
    expect(JSON.stringify(await readBody(badDay, regionEventsRoute, 400))).toContain(
      'Datum im Format JJJJ-MM-TT erwartet',
    );
  });

  it('exports the filtered changes as CSV for Excel: BOM, ";" and one line per change', async () => {
    const res = await admin.request(
      'GET',
      `/api/v1/regions/${KREIS}/events?from=${todayInGermany()}&format=csv`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="ozg-aenderungen-06435-/);
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('zeitpunkt;kommune;ozg_id;leistung;quelle;benutzer;aenderungen');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(`;${gemeindeChange.ozgId};`);
    expect(lines[2]).toContain(';Dashboard;');
    expect(lines[2]).toContain('maturityLevel: 1 → 2');
    expect(lines[1]).toContain(';Schnittstelle;');
  });
});

describe('the audit trail of a user', () => {
  it('is filtered and exported the same way, for the ministry or the user alone', async () => {
    const id = await userId(officer);
    const page = await readBody(
      await admin.request('GET', `/api/v1/users/${id}/events?from=${todayInGermany()}&source=ui`),
      userEventsRoute,
      200,
    );
    expect(page.items.map((event) => event.statusId)).toEqual([gemeindeChange.id]);
    const none = await readBody(
      await admin.request('GET', `/api/v1/users/${id}/events?source=csv`),
      userEventsRoute,
      200,
    );
    expect(none.total).toBe(0);
    const csv = await officer.request('GET', `/api/v1/users/${id}/events?format=csv`);
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\r\n').length).toBeGreaterThanOrEqual(2);
    expect((await viewer.request('GET', `/api/v1/users/${id}/events`)).status).toBe(403);
  });
});
