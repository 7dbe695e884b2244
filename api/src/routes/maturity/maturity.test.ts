import { type Database, queryRows } from '@ozg/db';
import {
  BulkUpdateResultSchema,
  type CriterionChange,
  EventPageSchema,
  MaturityModelListSchema,
  type MaturityModelVersion,
  REIFEGRADMODELL_2_0,
  RegionAssessmentsSchema,
  type Status,
  StatusAssessmentsSchema,
  type StatusPageSchema,
  StatusSchema,
  UndoResultSchema,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { completeAnswers, demoTestApp, signInAs, type TestApp, type TestClient } from '../../testing';

let database: Database;
let app: TestApp;
let officer: TestClient;
let admin: TestClient;
let viewer: TestClient;
let models: MaturityModelVersion[];
const GEMEINDE = '06435901';
/** Statuses without answers yet, each test takes its own. */
let pool: Status[] = [];

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  [officer, admin, viewer] = await Promise.all([
    signInAs(app, 'officer'),
    signInAs(app, 'admin'),
    signInAs(app, 'viewer'),
  ]);
  models = MaturityModelListSchema.parse(await (await app.request('/api/v1/maturity/models')).json()).items;
  const res = await officer.request('GET', `/api/v1/regions/${GEMEINDE}/statuses?pageSize=1000&sort=ozgId`);
  const items = ((await res.json()) as z.infer<typeof StatusPageSchema>).items;
  const answered = new Set(
    (
      await queryRows<{ status_id: number }>(
        database.db,
        sql`select distinct status_id from maturity_answers`,
      )
    ).map((row) => row.status_id),
  );
  pool = items.filter((status) => !answered.has(status.id));
});
afterAll(async () => {
  await database.close();
});

const model = (family: '1.1' | '2.0') =>
  models.find((m) => m.family === family && m.current) as MaturityModelVersion;
const take = () => {
  const status = pool.shift();
  if (!status) throw new Error('zu wenige Status ohne Bewertung in der Demo');
  return status;
};
const read = async (id: number) =>
  StatusSchema.parse(await (await officer.request('GET', `/api/v1/statuses/${id}`)).json());
const assessments = async (id: number) =>
  StatusAssessmentsSchema.parse(
    await (await officer.request('GET', `/api/v1/maturity/statuses/${id}`)).json(),
  );

/** Answers every criterion of a model with the given level per key, the rest with their top option. */
const answersFor = (family: '1.1' | '2.0', levels: Record<string, number>): CriterionChange[] =>
  completeAnswers(model(family), levels);

async function answer(status: Status, criteria: CriterionChange[], client = officer) {
  const fresh = await read(status.id);
  return client.request('PATCH', `/api/v1/statuses/${status.id}`, { version: fresh.version, criteria });
}

describe('maturity models', () => {
  it('GET /maturity/models lists Reifegradmodell 1.1 (10 criteria, 0-4) and 2.0 (13 criteria, 0-7, provisional)', () => {
    expect(model('1.1').definition.criteria).toHaveLength(10);
    expect(model('1.1').definition.levels.map((level) => level.level)).toEqual([0, 1, 2, 3, 4]);
    expect(model('2.0').definition.criteria).toHaveLength(13);
    expect(model('2.0').definition.levels).toHaveLength(8);
    expect(model('2.0').definition.provisional).toBe(true);
  });

  it('POST /imports/maturity-model refuses a malformed definition with its line and writes nothing', async () => {
    const before = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from maturity_models`,
    );
    const broken = JSON.stringify(
      { ...REIFEGRADMODELL_2_0, criteria: [...REIFEGRADMODELL_2_0.criteria] },
      null,
      2,
    ).replace('"key": "e_akte"', '"key": "E-Akte"');
    const expectedLine = broken.split('\n').findIndex((line) => line.includes('"E-Akte"')) + 1;
    const res = await admin.request(
      'POST',
      '/api/v1/imports/maturity-model?fileName=rgm.json',
      new TextEncoder().encode(broken),
      {
        'content-type': 'application/octet-stream',
      },
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { message: string; details: { line: number } } };
    expect(body.error.details.line).toBe(expectedLine);
    expect(body.error.message).toContain(`rgm.json:${expectedLine}`);
    const after = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from maturity_models`,
    );
    expect(after).toEqual(before);
  });

  it('POST /imports/maturity-model names the CSV line of a level the model does not have', async () => {
    const csv = [
      'art;schluessel;name;block;stufe;text',
      'modell;2.0;Reifegradmodell 2.0 Hessen;;;',
      'einstellung;konform_ab;;;3;',
      'stufe;;Offline;;0;',
      'stufe;;Online;;1;',
      'kriterium;e_akte;E-Akte;back_office;1;Ja',
      'kriterium;e_akte;E-Akte;back_office;9;Zu hoch',
    ].join('\r\n');
    const res = await admin.request(
      'POST',
      '/api/v1/imports/maturity-model?fileName=rgm.csv',
      new TextEncoder().encode(csv),
      {
        'content-type': 'text/csv',
      },
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('rgm.csv:7');
  });

  it('POST /imports/maturity-model is refused with 403 for officers and viewers', async () => {
    for (const client of [officer, viewer]) {
      const res = await client.request(
        'POST',
        '/api/v1/imports/maturity-model',
        new TextEncoder().encode('{}'),
        {
          'content-type': 'application/octet-stream',
        },
      );
      expect(res.status).toBe(403);
    }
  });
});

describe('assessment by criteria', () => {
  it('PATCH with criteria stores the answers; unanswered criteria leave the level open, the lowest answered bounds it', async () => {
    const status = take();
    const m = model('2.0');
    const res = await answer(status, [
      { modelId: m.id, criterion: 'information', answer: { level: 7 } },
      { modelId: m.id, criterion: 'e_akte', answer: { level: 4, evidenceNote: 'd.velop' } },
    ]);
    expect(res.status, await res.clone().text()).toBe(200);
    const [assessment] = (await assessments(status.id)).assessments;
    expect(assessment).toMatchObject({
      modelId: m.id,
      level: null,
      upperBound: 4,
      answered: 2,
      criteria: 13,
    });
    expect(assessment?.answers.find((a) => a.criterion === 'e_akte')?.evidenceNote).toBe('d.velop');
  });

  it('a complete 2.0 assessment takes the lowest criterion and flags "Bearbeitung analog" when the back office is paper', async () => {
    const status = take();
    const res = await answer(status, answersFor('2.0', { e_akte: 3, statusmonitor: 5 }));
    expect(res.status, await res.clone().text()).toBe(200);
    const [assessment] = (await assessments(status.id)).assessments;
    expect(assessment).toMatchObject({ level: 3, frontEndLevel: 7, analogProcessing: true });
    // The 2.0 level never changes the recorded 1.1 level.
    expect((await read(status.id)).maturityLevel).toBe(status.maturityLevel);
    const summary = await (await app.request(`/api/v1/maturity/regions/${GEMEINDE}/summary`)).json();
    expect((summary as { analogProcessing: number }).analogProcessing).toBeGreaterThanOrEqual(1);
  });

  it('answers that complete a 1.1 assessment set the status level through the write path (rollups follow)', async () => {
    const status = take();
    const progress = async () =>
      (
        (await (await app.request(`/api/v1/regions/${GEMEINDE}/progress`)).json()) as {
          figures: { levelCounts: number[] };
        }
      ).figures.levelCounts;
    const before = await progress();
    const res = await answer(status, answersFor('1.1', { antragsformular: 2, antragsprozess: 2 }));
    expect(res.status, await res.clone().text()).toBe(200);
    const after = StatusSchema.parse(await res.json());
    expect(after.maturityLevel).toBe(2);
    expect(after.onlineSince).toBeNull();
    if (status.maturityLevel !== 2) {
      const counts = await progress();
      expect(counts[2]).toBe((before[2] ?? 0) + 1);
      expect(counts[status.maturityLevel]).toBe((before[status.maturityLevel] ?? 0) - 1);
    }
    const events = EventPageSchema.parse(
      await (await officer.request('GET', `/api/v1/statuses/${status.id}/events`)).json(),
    );
    const [latest] = events.items;
    expect(latest?.after).toHaveProperty('criteria');
    expect(
      (latest?.before as unknown as { criteria: CriterionChange[] } | undefined)?.criteria.every(
        (c) => c.answer === null,
      ),
    ).toBe(true);
  });

  it('an answer change is an event with the old and the new answer', async () => {
    const status = take();
    const m = model('2.0');
    await answer(status, [{ modelId: m.id, criterion: 'e_akte', answer: { level: 3 } }]);
    await answer(status, [{ modelId: m.id, criterion: 'e_akte', answer: { level: 7 } }]);
    const events = EventPageSchema.parse(
      await (await officer.request('GET', `/api/v1/statuses/${status.id}/events`)).json(),
    );
    expect(events.items[0]?.before).toEqual({
      criteria: [
        {
          modelId: m.id,
          criterion: 'e_akte',
          answer: { level: 3, evidenceUrl: null, evidenceNote: null, evidenceDate: null },
        },
      ],
    });
    expect(
      (events.items[0]?.after as unknown as { criteria: CriterionChange[] } | undefined)?.criteria[0]?.answer
        ?.level,
    ).toBe(7);
  });

  it('a level the criterion does not offer is refused with 422 naming the criterion, nothing is written', async () => {
    const status = take();
    const m = model('2.0');
    const res = await answer(status, [{ modelId: m.id, criterion: 'e_akte', answer: { level: 5 } }]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('criteria.e_akte');
    expect((await assessments(status.id)).assessments).toEqual([]);
    expect((await read(status.id)).version).toBe(status.version);
  });

  it('a viewer cannot answer criteria (403)', async () => {
    const status = take();
    const res = await answer(status, answersFor('2.0', {}), viewer);
    expect(res.status).toBe(403);
  });
});

describe('bulk answers', () => {
  it('"E-Akte: ja" for several services: preview, commit as one change set, undo restores the answers', async () => {
    const statuses = [take(), take(), take()];
    const m = model('2.0');
    // One of them already has a higher answer... there is none above 7, so give it a lower one to be raised.
    const first = statuses[0] as Status;
    await answer(first, [{ modelId: m.id, criterion: 'e_akte', answer: { level: 4 } }]);
    const refs = await Promise.all(
      statuses.map(async (s) => ({ id: s.id, version: (await read(s.id)).version })),
    );
    const body = {
      statuses: refs,
      changes: { criteria: [{ modelId: m.id, criterion: 'e_akte', answer: { level: 7 } }] },
    };
    const dry = BulkUpdateResultSchema.parse(
      await (await officer.request('POST', '/api/v1/statuses/bulk?mode=dry-run', body)).json(),
    );
    expect(dry.summary.changed).toBe(3);
    expect(dry.statuses[0]?.changes?.criteria).toBeDefined();
    const committed = BulkUpdateResultSchema.parse(
      await (await officer.request('POST', '/api/v1/statuses/bulk', body)).json(),
    );
    expect(committed.applied).toBe(true);
    for (const status of statuses) {
      const [assessment] = (await assessments(status.id)).assessments;
      expect(assessment?.answers.find((a) => a.criterion === 'e_akte')?.level).toBe(7);
    }
    const undo = await officer.request('POST', `/api/v1/change-sets/${committed.changeSetId}/undo`);
    expect(undo.status, await undo.clone().text()).toBe(200);
    UndoResultSchema.parse(await undo.json());
    expect(
      (await assessments(first.id)).assessments[0]?.answers.find((a) => a.criterion === 'e_akte')?.level,
    ).toBe(4);
    expect((await assessments((statuses[1] as Status).id)).assessments).toEqual([]);
  });

  it('a bulk answer below an existing one keeps the higher answer (raise-only) unless lowering is chosen', async () => {
    const status = take();
    const m = model('2.0');
    await answer(status, [{ modelId: m.id, criterion: 'e_akte', answer: { level: 7 } }]);
    const ref = { id: status.id, version: (await read(status.id)).version };
    const changes = { criteria: [{ modelId: m.id, criterion: 'e_akte', answer: { level: 3 } }] };
    const kept = BulkUpdateResultSchema.parse(
      await (
        await officer.request('POST', '/api/v1/statuses/bulk?mode=dry-run', { statuses: [ref], changes })
      ).json(),
    );
    expect(kept.statuses[0]).toMatchObject({ outcome: 'unchanged', kept: ['criteria'] });
    const lowered = BulkUpdateResultSchema.parse(
      await (
        await officer.request('POST', '/api/v1/statuses/bulk?mode=dry-run', {
          statuses: [ref],
          changes,
          options: { levels: 'lower', onlineSince: 'keep' },
        })
      ).json(),
    );
    expect(lowered.statuses[0]?.outcome).toBe('changed');
  });
});

describe('versions', () => {
  it('a new definition version leaves old assessments unchanged; new answers use the new version', async () => {
    const status = take();
    const old = model('2.0');
    await answer(status, answersFor('2.0', { e_akte: 4 }));
    const [before] = (await assessments(status.id)).assessments;
    const revised = {
      ...REIFEGRADMODELL_2_0,
      name: 'Reifegradmodell 2.0 (Hessen)',
      criteria: REIFEGRADMODELL_2_0.criteria.map((c) =>
        c.key === 'e_akte'
          ? {
              ...c,
              levels: [
                { level: 2, description: 'Papier' },
                { level: 7, description: 'E-Akte' },
              ],
            }
          : c,
      ),
    };
    const res = await admin.request(
      'POST',
      '/api/v1/imports/maturity-model?fileName=hessen.json',
      new TextEncoder().encode(JSON.stringify(revised)),
      { 'content-type': 'application/octet-stream' },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    models = MaturityModelListSchema.parse(await (await app.request('/api/v1/maturity/models')).json()).items;
    const next = model('2.0');
    expect(next.version).toBe(old.version + 1);
    expect(models.find((m) => m.id === old.id)?.definition).toEqual(old.definition);
    const [after] = (await assessments(status.id)).assessments;
    expect(after).toEqual(before);
    // The old version still accepts its own levels; the new one refuses level 4 for E-Akte.
    const refused = await answer(status, [{ modelId: next.id, criterion: 'e_akte', answer: { level: 4 } }]);
    expect(refused.status).toBe(422);
    const region = RegionAssessmentsSchema.parse(
      await (await officer.request('GET', `/api/v1/maturity/regions/${GEMEINDE}/assessments`)).json(),
    );
    expect(region.items.find((item) => item.statusId === status.id && item.family === '2.0')?.modelId).toBe(
      old.id,
    );
    await expect(
      database.db.execute(sql`update maturity_models set version = 99 where id = ${old.id}`),
    ).rejects.toThrow();
  });
});
