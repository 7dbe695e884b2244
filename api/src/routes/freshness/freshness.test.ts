import { type Database, queryRows } from '@ozg/db';
import { ErrorBodySchema, type Status } from '@ozg/shared';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionFreshness, staleAdministrations } from '../../services/freshness';
import { resolveAdministration } from '../../services/regions';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { datahubDifferencesRoute } from '../datahub/datahub.routes';
import { regionLinksRoute } from '../links/links.routes';
import {
  bulkUpdateRoute,
  importCsvRoute,
  listStatusesRoute,
  statusEventsRoute,
  undoChangeSetRoute,
} from '../statuses/statuses.routes';
import {
  confirmStatusesRoute,
  regionFreshnessRoute,
  regionRemindersRoute,
  staleListRoute,
  statusProvenanceRoute,
} from './freshness.routes';

const GEMEINDE = '06435901'; // the demo officer's Gemeinde
const OTHER_GEMEINDE = '06435902';

let database: Database;
let app: TestApp;
let admin: TestClient;
let officer: TestClient;
let viewer: TestClient;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  admin = await signInAs(app, 'admin');
  officer = await signInAs(app, 'officer');
  viewer = await signInAs(app, 'viewer');
});
afterAll(async () => {
  await database.close();
});

async function statuses(key: string, count: number, offset = 0): Promise<Status[]> {
  const res = await admin.request(
    'GET',
    `/api/v1/regions/${key}/statuses?pageSize=${count + offset}&sort=ozgId`,
  );
  return (await readBody(res, listStatusesRoute, 200)).items.slice(offset);
}

const confirm = (client: TestClient, items: Status[], mode: 'dry-run' | 'commit') =>
  client.request('POST', `/api/v1/statuses/confirm?mode=${mode}`, {
    statuses: items.map((status) => ({ id: status.id, version: status.version })),
  });

async function confirmedAt(ids: number[]): Promise<(string | null)[]> {
  const rows = await queryRows<{ id: number; confirmed_at: string | null }>(
    database.db,
    sql`select id, confirmed_at::text from service_statuses where id = any(${`{${ids.join(',')}}`}::int[]) order by id`,
  );
  return rows.map((row) => row.confirmed_at);
}

async function eventCount(ids: number[]): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from status_events where status_id = any(${`{${ids.join(',')}}`}::int[])`,
  );
  return row?.n ?? 0;
}

describe('POST /statuses/confirm', () => {
  it('previews a bulk confirmation without writing, then confirms all with an event each and the same version', async () => {
    const items = await statuses(GEMEINDE, 4, 0);
    const ids = items.map((status) => status.id);
    const before = await confirmedAt(ids);
    const events = await eventCount(ids);

    const preview = await readBody(await confirm(officer, items, 'dry-run'), confirmStatusesRoute, 200);
    expect(preview).toMatchObject({ mode: 'dry-run', applied: false, confirmedAt: null, items: [] });
    expect(preview.summary.confirm).toBe(4);
    expect(preview.summary.conflicts).toBe(0);
    expect(preview.statuses.map((row) => row.statusId)).toEqual(ids);
    expect(await confirmedAt(ids)).toEqual(before);
    expect(await eventCount(ids)).toBe(events);

    const result = await readBody(await confirm(officer, items, 'commit'), confirmStatusesRoute, 200);
    expect(result.applied).toBe(true);
    expect(result.confirmedAt).not.toBeNull();
    expect(result.items.map((status) => status.confirmedAt)).toEqual(ids.map(() => result.confirmedAt));
    // Nothing the record says changed: the version stays, so an editor open elsewhere keeps working.
    expect(result.items.map((status) => status.version)).toEqual(items.map((status) => status.version));
    expect(await eventCount(ids)).toBe(events + 4);

    const history = await readBody(
      await officer.request('GET', `/api/v1/statuses/${ids[0]}/events`),
      statusEventsRoute,
      200,
    );
    const latest = history.items[0];
    expect(latest?.source).toBe('ui');
    expect(latest?.actor).not.toBeNull();
    expect(latest?.after).toEqual({ confirmedAt: result.confirmedAt });
    expect(latest?.before).toEqual({ confirmedAt: items[0]?.confirmedAt ?? null });
  });

  it('answers 409 with the current record when a version is stale, and confirms none of the others', async () => {
    const [first, second] = await statuses(GEMEINDE, 2, 10);
    if (!first || !second) throw new Error('zu wenige Status in der Demo');
    const patched = await officer.request('PATCH', `/api/v1/statuses/${first.id}`, {
      version: first.version,
      note: `Geändert ${Date.now()}`,
    });
    expect(patched.status).toBe(200);
    const before = await confirmedAt([second.id]);

    const preview = await readBody(
      await confirm(officer, [first, second], 'dry-run'),
      confirmStatusesRoute,
      200,
    );
    expect(preview.summary).toMatchObject({ confirm: 1, conflicts: 1 });
    expect(preview.statuses.find((row) => row.outcome === 'conflict')?.current?.version).toBe(
      first.version + 1,
    );

    const res = await confirm(officer, [first, second], 'commit');
    expect(res.status).toBe(409);
    const body = ErrorBodySchema.parse(await res.json());
    expect(body.error.code).toBe('conflict');
    expect(await confirmedAt([second.id])).toEqual(before);
  });

  it("refuses another municipality's status with 403 for the officer and lets the ministry confirm it", async () => {
    const [foreign] = await statuses(OTHER_GEMEINDE, 1);
    if (!foreign) throw new Error('kein Status');
    const before = await confirmedAt([foreign.id]);
    for (const mode of ['dry-run', 'commit'] as const) {
      const res = await confirm(officer, [foreign], mode);
      expect(res.status).toBe(403);
    }
    expect((await confirm(viewer, [foreign], 'commit')).status).toBe(403);
    expect(await confirmedAt([foreign.id])).toEqual(before);
    expect((await confirm(admin, [foreign], 'commit')).status).toBe(200);
  });

  it('answers 404 naming an unknown status and 400 for one named twice', async () => {
    const [status] = await statuses(GEMEINDE, 1);
    if (!status) throw new Error('kein Status');
    const unknown = await confirm(officer, [{ ...status, id: 99_999_999 }], 'commit');
    expect(unknown.status).toBe(404);
    expect(ErrorBodySchema.parse(await unknown.json()).error.message).toContain('99999999');
    const twice = await confirm(officer, [status, status], 'commit');
    expect(twice.status).toBe(400);
  });

  it('an edit confirms the record too, and a later confirmation does not block the undo of a bulk edit', async () => {
    const items = await statuses(GEMEINDE, 2, 20);
    const bulk = await readBody(
      await officer.request('POST', '/api/v1/statuses/bulk?mode=commit', {
        statuses: items.map((status) => ({ id: status.id, version: status.version })),
        changes: { contact: `Bürgerbüro ${Date.now()}` },
      }),
      bulkUpdateRoute,
      200,
    );
    expect(bulk.items.every((status) => status.confirmedAt !== null)).toBe(true);
    const edited = bulk.items.map((status) => status.confirmedAt);
    await readBody(await confirm(officer, bulk.items, 'commit'), confirmStatusesRoute, 200);
    const undo = await officer.request('POST', `/api/v1/change-sets/${bulk.changeSetId}/undo`);
    const undone = await readBody(undo, undoChangeSetRoute, 200);
    expect(undone.items.map((status) => status.contact)).toEqual(items.map((status) => status.contact));
    expect(undone.items.every((status, index) => (status.confirmedAt ?? '') >= (edited[index] ?? ''))).toBe(
      true,
    );
  });
});

describe('GET /statuses/{id}/provenance', () => {
  const provenance = async (id: number) =>
    readBody(await officer.request('GET', `/api/v1/statuses/${id}/provenance`), statusProvenanceRoute, 200);

  it('names per field the source of the last event that set it: the CSV for one field, the officer for another', async () => {
    const res = await officer.request('GET', `/api/v1/regions/${GEMEINDE}/statuses.csv?format=plain`);
    const rows = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][];
    const header = rows[0] as string[];
    const row = rows[5] as string[];
    const col = (name: string) => header.indexOf(name);
    const id = Number(row[col('status_id')]);
    const edited = [...row];
    edited[col('kontakt')] = `Kontakt aus CSV ${Date.now()}`;
    edited[col('notiz')] = 'Notiz aus CSV';
    const upload = await officer.request(
      'POST',
      `/api/v1/regions/${GEMEINDE}/statuses.csv?mode=commit`,
      stringify([header, edited]),
      { 'content-type': 'text/csv' },
    );
    expect((await readBody(upload, importCsvRoute, 200)).summary.changed).toBe(1);
    const afterCsv = await provenance(id);
    expect(afterCsv.fields.contact?.source).toBe('csv');
    expect(afterCsv.fields.note?.source).toBe('csv');

    const patch = await admin.request('PATCH', `/api/v1/statuses/${id}`, {
      version: afterCsv.version,
      note: 'Notiz vom Ministerium',
    });
    expect(patch.status).toBe(200);
    const after = await provenance(id);
    expect(after.fields.note).toMatchObject({
      source: 'ui',
      actor: expect.any(String),
      matchesCurrent: true,
    });
    expect(after.fields.note?.actor).not.toBe(afterCsv.fields.note?.actor === null ? 'x' : null);
    expect(after.fields.contact?.source).toBe('csv');
    expect(after.fields.contact?.eventId).toBe(afterCsv.fields.contact?.eventId);
    expect(after.confirmedAt).not.toBeNull();
  });

  it('follows the order of the writes when history is recorded after the fact, and says when an event no longer matches', async () => {
    const [status] = await statuses(GEMEINDE, 1, 30);
    if (!status) throw new Error('kein Status');
    // A backdated import: recorded now, with an occurred_at years ago. It is the later write.
    await database.db.execute(sql`
      insert into status_events (status_id, region_id, ozg_id, occurred_at, source, before, after,
        maturity_level, maturity_model, in_target)
      select id, region_id, ozg_id, '2020-01-01T00:00:00Z', 'import',
        jsonb_build_object('workflowState', workflow_state), jsonb_build_object('workflowState', workflow_state),
        maturity_level, maturity_model, in_target
      from service_statuses where id = ${status.id}`);
    // And the record changed without an event (a hand fix in the database).
    await database.db.execute(
      sql`update service_statuses set contact = 'Ohne Protokoll' where id = ${status.id}`,
    );
    const result = await provenance(status.id);
    expect(result.fields.workflowState).toMatchObject({ source: 'import', matchesCurrent: true });
    expect(result.fields.workflowState?.at).toBe('2020-01-01T00:00:00.000Z');
    if (result.fields.contact) expect(result.fields.contact.matchesCurrent).toBe(false);
    expect(Object.keys(result.fields)).toContain('inTarget');
  });

  it('answers 404 for an unknown status', async () => {
    const res = await officer.request('GET', '/api/v1/statuses/99999999/provenance');
    expect(res.status).toBe(404);
  });
});

describe('freshness and the stale list', () => {
  // Mid-June 2026, noon in Germany (CEST).
  const NOW = new Date('2026-06-15T10:00:00Z');

  async function setConfirmed(key: string, values: (string | null)[]) {
    const administration = await resolveAdministration(database.db, key);
    const rows = await queryRows<{ id: number }>(
      database.db,
      sql`select id from service_statuses where region_id = ${administration.regionId} and in_target order by id`,
    );
    await database.db.execute(sql`update service_statuses set confirmed_at = null
      where region_id = ${administration.regionId}`);
    for (const [index, value] of values.entries()) {
      const row = rows[index];
      if (!row) throw new Error('zu wenige Status');
      await database.db.execute(
        sql`update service_statuses set confirmed_at = ${value}::timestamptz where id = ${row.id}`,
      );
    }
    return { administration, total: rows.length };
  }

  it('counts German calendar days: just after midnight in Germany is the next day, 90 days back is not yet stale', async () => {
    const { administration, total } = await setConfirmed(OTHER_GEMEINDE, [
      '2026-06-14T12:00:00Z', // yesterday: the latest
      '2026-03-16T23:30:00Z', // 17.03. 00:30 in Germany: 90 days, not stale at 90
      '2026-03-16T22:30:00Z', // 16.03. 23:30 in Germany: 91 days, stale
      null,
    ]);
    const freshness = await regionFreshness({ db: database.db, administration, days: 90, now: NOW });
    expect(freshness).toMatchObject({
      total,
      neverConfirmed: total - 3,
      stale: total - 2,
      daysSinceLast: 1,
      daysSinceOldest: 91,
      lastConfirmedAt: '2026-06-14T12:00:00.000Z',
      oldestConfirmedAt: '2026-03-16T22:30:00.000Z',
    });
    const lenient = await regionFreshness({ db: database.db, administration, days: 91, now: NOW });
    expect(lenient.stale).toBe(total - 3);
  });

  it('the stale list equals a plain recomputation over the statuses, for two thresholds', async () => {
    await database.db.execute(sql`
      update service_statuses set confirmed_at = case when id % 5 = 0 then null
        else ${NOW.toISOString()}::timestamptz - (id % 200) * interval '1 day' end`);
    for (const days of [30, 120]) {
      const list = await staleAdministrations({ db: database.db, query: { days, pageSize: 500 }, now: NOW });
      const expected = await queryRows<{ region_id: number; stale: number; total: number }>(
        database.db,
        sql`select region_id, count(*)::int as total,
              count(*) filter (where confirmed_at is null
                or (${NOW.toISOString()}::timestamptz at time zone 'Europe/Berlin')::date
                   - (confirmed_at at time zone 'Europe/Berlin')::date > ${days})::int as stale
            from service_statuses st where in_target
              and exists (select 1 from region_versions v where v.region_id = st.region_id and v.valid_to is null)
            group by region_id having count(*) filter (where confirmed_at is null
                or (${NOW.toISOString()}::timestamptz at time zone 'Europe/Berlin')::date
                   - (confirmed_at at time zone 'Europe/Berlin')::date > ${days}) > 0
            order by region_id`,
      );
      expect(list.total).toBe(expected.length);
      expect(
        list.items
          .map((item) => ({ region_id: item.regionId, stale: item.stale, total: item.total }))
          .sort((a, b) => a.region_id - b.region_id),
      ).toEqual(expected);
      expect(list.staleStatuses).toBe(expected.reduce((sum, row) => sum + row.stale, 0));
      // Sorted by stale count, most first, by default.
      const counts = list.items.map((item) => item.stale);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
  });

  it('serves the ministry sorted by Kreis, refuses officers, and names a bad threshold in German', async () => {
    const res = await viewer.request('GET', '/api/v1/freshness/stale?days=60&sort=kreis&order=asc');
    const list = await readBody(res, staleListRoute, 200);
    expect(list.thresholdDays).toBe(60);
    // Grouped by Kreis, the Kreise in the database's order of their names.
    const runs = list.items
      .map((item) => item.kreis?.name ?? item.name)
      .filter((name, index, names) => names[index - 1] !== name);
    expect(new Set(runs).size).toBe(runs.length);
    const ordered = await queryRows<{ name: string }>(
      database.db,
      sql`select name from unnest(${`{${runs.map((name) => `"${name}"`).join(',')}}`}::text[]) as n(name) order by name`,
    );
    expect(runs).toEqual(ordered.map((row) => row.name));
    expect(list.items.every((item) => item.kreis !== null)).toBe(true);
    expect((await officer.request('GET', '/api/v1/freshness/stale')).status).toBe(403);
    const bad = await admin.request('GET', '/api/v1/freshness/stale?days=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('Schwelle mindestens 1 Tag');
  });

  it("the workspace's freshness and the officer's reminders agree with the lists they summarize", async () => {
    const freshness = await readBody(
      await officer.request('GET', `/api/v1/regions/${GEMEINDE}/freshness?days=30`),
      regionFreshnessRoute,
      200,
    );
    expect(freshness.thresholdDays).toBe(30);
    expect(freshness.ags).toBe(GEMEINDE);
    expect(freshness.stale).toBeGreaterThan(0);
    // The workspace's filter "nicht bestätigt" lists exactly the stale ones, the oldest first.
    const list = await readBody(
      await officer.request(
        'GET',
        `/api/v1/regions/${GEMEINDE}/statuses?staleDays=30&sort=confirmedAt&order=asc&pageSize=1000`,
      ),
      listStatusesRoute,
      200,
    );
    expect(list.total).toBe(freshness.stale);
    const times = list.items.map((status) => status.confirmedAt ?? '');
    expect(times).toEqual([...times].sort());
    const reminders = await readBody(
      await officer.request('GET', `/api/v1/regions/${GEMEINDE}/reminders?days=30`),
      regionRemindersRoute,
      200,
    );
    expect(reminders.freshness).toEqual(freshness);
    const differences = await readBody(
      await officer.request('GET', `/api/v1/datahub/differences/${GEMEINDE}`),
      datahubDifferencesRoute,
      200,
    );
    expect(reminders.datahubOpen).toBe(differences.items.length);
    const links = await readBody(
      await officer.request('GET', `/api/v1/regions/${GEMEINDE}/links`),
      regionLinksRoute,
      200,
    );
    expect(reminders.brokenLinks).toBe(links.broken);
    expect((await officer.request('GET', `/api/v1/regions/${OTHER_GEMEINDE}/reminders`)).status).toBe(403);
  });
});
