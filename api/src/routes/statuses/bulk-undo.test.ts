import { type Database, queryRows, ROLLUP_TOTALS } from '@ozg/db';
import {
  type BulkUpdateResult,
  BulkUpdateResultSchema,
  ChangeSetSchema,
  EventPageSchema,
  FieldProblemsSchema,
  RegionProgressSchema,
  type Status,
  UndoResultSchema,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { today } from '../../services/regions';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import {
  bulkUpdateRoute,
  getStatusRoute,
  importCsvRoute,
  listStatusesRoute,
  patchStatusRoute,
  undoChangeSetRoute,
} from './statuses.routes';

let database: Database;
let app: TestApp;
let officer: TestClient;
let kreisOfficer: TestClient;
let admin: TestClient;
const GEMEINDE = '06435901';
const TODAY = today();
/** Statuses not yet used by a test: each test takes its own, so the tests do not depend on each other. */
let pool: Status[] = [];

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  [officer, kreisOfficer, admin] = await Promise.all([
    signInAs(app, 'officer'),
    signInAs(app, 'kreisOfficer'),
    signInAs(app, 'admin'),
  ]);
  const res = await officer.request('GET', `/api/v1/regions/${GEMEINDE}/statuses?pageSize=1000&sort=ozgId`);
  pool = (await readBody(res, listStatusesRoute, 200)).items;
});
afterAll(async () => {
  await database.close();
});

const read = async (id: number): Promise<Status> =>
  readBody(await officer.request('GET', `/api/v1/statuses/${id}`), getStatusRoute, 200);

/**
 * n statuses of the officer's Gemeinde, set to the given level and date by the
 * ministry; null means level 0 without a date (the demo's own state varies).
 */
async function take(...states: ({ maturityLevel: number; onlineSince: string | null } | null)[]) {
  const taken = pool.splice(0, states.length);
  if (taken.length < states.length) throw new Error('zu wenige Status in der Demo');
  return Promise.all(
    taken.map(async (status, index) => {
      const state = states[index] ?? LEVEL0;
      const fresh = await read(status.id);
      if (fresh.maturityLevel === state.maturityLevel && fresh.onlineSince === state.onlineSince)
        return fresh;
      const res = await admin.request('PATCH', `/api/v1/statuses/${status.id}`, {
        version: fresh.version,
        ...state,
      });
      return readBody(res, patchStatusRoute, 200);
    }),
  );
}

const ref = (status: Status) => ({ id: status.id, version: status.version });
const LEVEL4_2022 = { maturityLevel: 4, onlineSince: '2022-12-30' };
const LEVEL3_2022 = { maturityLevel: 3, onlineSince: '2022-06-01' };
const LEVEL1 = { maturityLevel: 1, onlineSince: null };
const LEVEL0 = { maturityLevel: 0, onlineSince: null };

async function bulk(client: TestClient, body: unknown, mode?: 'dry-run' | 'commit') {
  return client.request('POST', `/api/v1/statuses/bulk${mode ? `?mode=${mode}` : ''}`, body);
}

async function progress(key = GEMEINDE) {
  const res = await officer.request('GET', `/api/v1/regions/${key}/progress`);
  return RegionProgressSchema.parse(await res.json()).figures;
}

async function todaysSnapshot() {
  const [row] = await queryRows<{ conformant: number; target_count: number }>(
    database.db,
    sql`select p.conformant, p.target_count from progress_snapshots p
        join region_versions v on v.region_id = p.region_id and v.valid_to is null
        where v.ags = ${GEMEINDE} order by p.day desc limit 1`,
  );
  return row;
}

async function rollupsMatchStatuses(): Promise<boolean> {
  const [row] = await queryRows<{ differences: number }>(
    database.db,
    sql`select count(*)::int as differences from (
          select region_id, count(*) filter (where in_target)::int as n,
            count(*) filter (where in_target and maturity_level = 3)::int as l3,
            count(*) filter (where in_target and maturity_level = 4)::int as l4,
            count(*) filter (where in_target and maturity_level >= 3 and online_since <= '2022-12-31')::int as deadline
          from service_statuses group by region_id) s
        join ${ROLLUP_TOTALS} r using (region_id)
        where r.target_count <> s.n or r.level3 <> s.l3 or r.level4 <> s.l4 or r.online_by_deadline <> s.deadline`,
  );
  return row?.differences === 0;
}

const eventCount = async () =>
  (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from status_events`))[0]?.n;

const changeSets = async (client: TestClient) =>
  z
    .object({ items: z.array(ChangeSetSchema) })
    .parse(await (await client.request('GET', `/api/v1/change-sets?region=${GEMEINDE}`)).json()).items;

describe('bulk edit preview and safe defaults', () => {
  it('POST /statuses/bulk?mode=dry-run counts what changes and stays, names downgrades and lost dates, and writes nothing', async () => {
    const [four, three, one, zero] = await take(LEVEL4_2022, LEVEL3_2022, LEVEL1, null);
    const selection = [four, three, one, zero] as Status[];
    const before = await eventCount();
    const res = await bulk(
      officer,
      { statuses: selection.map(ref), changes: { maturityLevel: 3, onlineSince: TODAY } },
      'dry-run',
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const result = BulkUpdateResultSchema.parse(await res.json());
    expect(result).toMatchObject({ mode: 'dry-run', applied: false, changeSetId: null, items: [] });
    expect(result.summary).toEqual({
      changed: 2,
      unchanged: 2,
      errors: 0,
      conflicts: 0,
      downgrades: 1,
      onlineSinceAffected: 2,
    });
    const byId = new Map(result.statuses.map((entry) => [entry.statusId, entry]));
    expect(byId.get(four?.id ?? 0)).toMatchObject({
      outcome: 'unchanged',
      downgrade: true,
      onlineSinceAffected: true,
      kept: ['maturityLevel', 'onlineSince'],
    });
    expect(byId.get(three?.id ?? 0)).toMatchObject({ outcome: 'unchanged', kept: ['onlineSince'] });
    expect(byId.get(one?.id ?? 0)).toMatchObject({
      outcome: 'changed',
      changes: { maturityLevel: { from: 1, to: 3 }, onlineSince: { from: null, to: TODAY } },
    });
    expect(await eventCount()).toBe(before);
    expect((await read(one?.id ?? 0)).version).toBe(one?.version);
  });

  it('shows what lowering and overwriting would do when chosen, with conflicts and rule errors per status', async () => {
    const [four, three, stale] = await take(LEVEL4_2022, LEVEL3_2022, null);
    const res = await bulk(
      officer,
      {
        statuses: [ref(four as Status), ref(three as Status), { ...ref(stale as Status), version: 99 }],
        changes: { maturityLevel: 3, onlineSince: TODAY },
        options: { levels: 'lower', onlineSince: 'overwrite' },
      },
      'dry-run',
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const result = BulkUpdateResultSchema.parse(await res.json());
    expect(result.summary).toMatchObject({ changed: 2, conflicts: 1, downgrades: 1 });
    expect(result.statuses[0]).toMatchObject({
      outcome: 'changed',
      changes: { maturityLevel: { from: 4, to: 3 }, onlineSince: { from: '2022-12-30', to: TODAY } },
    });
    expect(result.statuses[2]).toMatchObject({ outcome: 'conflict', current: { id: stale?.id } });

    const future = await bulk(
      officer,
      {
        statuses: [ref((await take(null))[0] as Status)],
        changes: { maturityLevel: 3, onlineSince: '2999-01-01' },
      },
      'dry-run',
    );
    // A future "online seit" is refused at the edge already (decision 011), naming the field.
    const refusal = await readBody(future, bulkUpdateRoute, 400);
    expect(FieldProblemsSchema.parse(refusal.error.details)).toContainEqual(
      expect.objectContaining({
        path: 'changes.onlineSince',
        message: expect.stringMatching(/Zukunft|heute/),
      }),
    );
  });

  it('by default a commit only raises levels and keeps "online seit", so "online zur Frist" stays', async () => {
    const [four, three, one] = await take(LEVEL4_2022, LEVEL3_2022, LEVEL1);
    const figures = await progress();
    const res = await bulk(officer, {
      statuses: [four, three, one].map((s) => ref(s as Status)),
      changes: { maturityLevel: 3, onlineSince: TODAY },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const result = BulkUpdateResultSchema.parse(await res.json());
    expect(result.applied).toBe(true);
    expect(result.changeSetId).toEqual(expect.any(Number));
    expect(await read(four?.id ?? 0)).toMatchObject({ maturityLevel: 4, onlineSince: '2022-12-30' });
    expect(await read(three?.id ?? 0)).toMatchObject({ maturityLevel: 3, onlineSince: '2022-06-01' });
    expect(await read(one?.id ?? 0)).toMatchObject({ maturityLevel: 3, onlineSince: TODAY });
    const after = await progress();
    expect(after.onlineByDeadline).toBe(figures.onlineByDeadline);
    expect(after.conformant).toBe(figures.conformant + 1);
  });

  it('lowers and overwrites only when the request says so', async () => {
    const [four] = await take(LEVEL4_2022);
    const res = await bulk(officer, {
      statuses: [ref(four as Status)],
      changes: { maturityLevel: 3, onlineSince: TODAY },
      options: { levels: 'lower', onlineSince: 'overwrite' },
    });
    expect(res.status).toBe(200);
    expect(await read(four?.id ?? 0)).toMatchObject({ maturityLevel: 3, onlineSince: TODAY });
  });

  it('sets every field a single edit can, "geplant bis" included, as one change set', async () => {
    const [a, b] = await take(null, null);
    const changes = {
      workflowState: 'planned',
      solution: 'own',
      plannedDate: '2027-06-30',
      url: 'https://service.demo.example/antrag',
      contact: 'Bürgerbüro',
      note: 'Sammelweise geplant',
    } as const;
    const res = await bulk(officer, { statuses: [ref(a as Status), ref(b as Status)], changes });
    const result = BulkUpdateResultSchema.parse(await res.json());
    expect(result.items.every((status) => expect.objectContaining(changes).asymmetricMatch(status))).toBe(
      true,
    );
    const [set] = (await changeSets(officer)).filter((cs) => cs.id === result.changeSetId);
    expect(set).toMatchObject({
      kind: 'bulk',
      statusCount: 2,
      revertedBy: null,
      regions: [{ ags: GEMEINDE }],
    });
  });
});

describe('undo of a bulk edit or CSV commit', () => {
  async function bulkCommit(statuses: Status[]): Promise<BulkUpdateResult> {
    const res = await bulk(officer, {
      statuses: statuses.map(ref),
      changes: { maturityLevel: 3, onlineSince: TODAY, workflowState: 'online' },
      options: { levels: 'lower', onlineSince: 'overwrite' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return BulkUpdateResultSchema.parse(await res.json());
  }

  it('POST /change-sets/{id}/undo restores the values as one step, appends events and restores the figures', async () => {
    const statuses = (await take(LEVEL4_2022, LEVEL3_2022, LEVEL1, null)) as Status[];
    const figures = await progress();
    const land = await progress('06');
    const snapshot = await todaysSnapshot();
    const { changeSetId } = await bulkCommit(statuses);
    expect((await progress()).onlineByDeadline).toBe(figures.onlineByDeadline - 2);
    expect((await progress('06')).onlineByDeadline).toBe(land.onlineByDeadline - 2);
    const events = await eventCount();

    const listed = await changeSets(officer);
    expect(listed[0]).toMatchObject({ id: changeSetId, kind: 'bulk', statusCount: 4, revertedBy: null });

    const res = await officer.request('POST', `/api/v1/change-sets/${changeSetId}/undo`);
    expect(res.status, await res.clone().text()).toBe(200);
    const undo = UndoResultSchema.parse(await res.json());
    expect(undo.changeSet).toMatchObject({ kind: 'undo', source: 'ui', statusCount: 4 });
    for (const status of statuses) {
      expect(await read(status.id)).toMatchObject({
        maturityLevel: status.maturityLevel,
        onlineSince: status.onlineSince,
        workflowState: status.workflowState,
        version: status.version + 2,
      });
    }
    // Nothing deleted: the undo appends one event per status, with the request's source and the values swapped.
    expect(await eventCount()).toBe((events ?? 0) + 4);
    const history = EventPageSchema.parse(
      await (await officer.request('GET', `/api/v1/statuses/${statuses[0]?.id}/events`)).json(),
    );
    expect(history.items[0]).toMatchObject({
      source: 'ui',
      before: { maturityLevel: 3, onlineSince: TODAY },
      after: { maturityLevel: 4, onlineSince: '2022-12-30' },
      changeSet: { id: undo.changeSet.id, kind: 'undo' },
    });
    expect(history.items[1]?.changeSet).toEqual({ id: changeSetId, kind: 'bulk' });
    expect(await progress()).toEqual(figures);
    expect(await progress('06')).toEqual(land);
    expect(await todaysSnapshot()).toEqual(snapshot);
    expect(await rollupsMatchStatuses()).toBe(true);
    expect((await changeSets(officer)).find((cs) => cs.id === changeSetId)?.revertedBy).toBe(
      undo.changeSet.id,
    );

    const again = await officer.request('POST', `/api/v1/change-sets/${changeSetId}/undo`);
    expect((await readBody(again, undoChangeSetRoute, 409)).error.message).toBe(
      'Diese Änderung wurde bereits rückgängig gemacht.',
    );
  });

  it('refuses an undo with 409 and the current record when a status changed since, and writes nothing', async () => {
    const statuses = (await take(null, null)) as Status[];
    const { changeSetId, items } = await bulkCommit(statuses);
    const changed = items[1] as Status;
    const patch = await admin.request('PATCH', `/api/v1/statuses/${changed.id}`, {
      version: changed.version,
      note: 'Vom Land nachgetragen',
    });
    await readBody(patch, patchStatusRoute, 200);
    const events = await eventCount();
    const res = await officer.request('POST', `/api/v1/change-sets/${changeSetId}/undo`);
    const body = await readBody(res, undoChangeSetRoute, 409);
    expect(body.error.code).toBe('conflict');
    expect(body.error.details.current).toEqual([
      expect.objectContaining({ id: changed.id, note: 'Vom Land nachgetragen' }),
    ]);
    expect(await eventCount()).toBe(events);
    expect((await read(statuses[0]?.id ?? 0)).maturityLevel).toBe(3);
  });

  it('lets exactly one of several simultaneous undos of one change set win; the others get 409', async () => {
    const statuses = (await take(null, null)) as Status[];
    const { changeSetId } = await bulkCommit(statuses);
    const events = await eventCount();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => officer.request('POST', `/api/v1/change-sets/${changeSetId}/undo`)),
    );
    const codes = responses.map((res) => res.status).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409]);
    expect(await eventCount()).toBe((events ?? 0) + 2);
    for (const status of statuses) expect((await read(status.id)).version).toBe(status.version + 2);
  });

  it("refuses someone else's change set with 403 and one older than 24 hours with 422", async () => {
    const { changeSetId } = await bulkCommit((await take(null)) as Status[]);
    const foreign = await kreisOfficer.request('POST', `/api/v1/change-sets/${changeSetId}/undo`);
    expect(foreign.status).toBe(403);
    expect(await changeSets(kreisOfficer)).toEqual([]);
    await database.db.execute(
      sql`update change_sets set created_at = now() - interval '25 hours' where id = ${changeSetId}`,
    );
    expect((await changeSets(officer)).some((cs) => cs.id === changeSetId)).toBe(false);
    const late = await officer.request('POST', `/api/v1/change-sets/${changeSetId}/undo`);
    expect((await readBody(late, undoChangeSetRoute, 422)).error.message).toContain(
      'innerhalb von 24 Stunden',
    );
    expect((await officer.request('POST', '/api/v1/change-sets/999999/undo')).status).toBe(404);
  });

  it('undoes a CSV commit as one step, with the source of the undo', async () => {
    const [a, b] = (await take(null, null)) as Status[];
    const csv = [
      'status_id;version;notiz;geplant_bis',
      `${a?.id};${a?.version};Per CSV;2027-01-31`,
      `${b?.id};${b?.version};Per CSV;2027-02-28`,
    ].join('\n');
    const commit = await officer.request(
      'POST',
      `/api/v1/regions/${GEMEINDE}/statuses.csv?mode=commit`,
      csv,
      {
        'content-type': 'text/csv',
        'x-ozg-client': 'web',
      },
    );
    const { changeSetId } = await readBody(commit, importCsvRoute, 200);
    expect((await changeSets(officer)).find((cs) => cs.id === changeSetId)).toMatchObject({
      kind: 'csv',
      source: 'csv',
      statusCount: 2,
    });
    const res = await officer.request('POST', `/api/v1/change-sets/${changeSetId}/undo`, undefined, {
      'x-ozg-client': 'web',
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(UndoResultSchema.parse(await res.json()).changeSet.source).toBe('ui');
    for (const status of [a, b] as Status[]) {
      expect(await read(status.id)).toMatchObject({ note: status.note, plannedDate: status.plannedDate });
    }
  });
});
