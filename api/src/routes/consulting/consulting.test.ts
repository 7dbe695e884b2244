import { type Database, queryRows } from '@ozg/db';
import type { Consultation, ConsultingModule, ConsultingReport, Status } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { progressRoute } from '../progress/progress.routes';
import { listStatusesRoute, statusEventsRoute } from '../statuses/statuses.routes';
import {
  createMeasureRoute,
  listConsultantsRoute,
  listConsultationsRoute,
  listModulesRoute,
  reportRoute,
  requestConsultationRoute,
  updateConsultationRoute,
  updateMeasureRoute,
  updateModuleRoute,
  worklistRoute,
} from './consulting.routes';

let database: Database;
let app: TestApp;
let consultant: TestClient;
let officer: TestClient;
let admin: TestClient;
let viewer: TestClient;
let modules: ConsultingModule[];
const OFFICER_GEMEINDE = '06435901';

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  [consultant, officer, admin, viewer] = await Promise.all([
    signInAs(app, 'consultant'),
    signInAs(app, 'officer'),
    signInAs(app, 'admin'),
    signInAs(app, 'viewer'),
  ]);
  modules = (
    await readBody(await consultant.request('GET', '/api/v1/consulting/modules'), listModulesRoute, 200)
  ).items;
  baseline = await readBody(
    await viewer.request('GET', '/api/v1/regions/06/consulting/report'),
    reportRoute,
    200,
  );
  await gemeinden();
});
afterAll(async () => {
  await database.close();
});

/** Dates the request back, as if it had been made on that day (Berlin noon). */
const requestedOn = (id: number, day: string) =>
  database.db.execute(
    sql`update consultations set requested_at = ${`${day}T10:00:00Z`}::timestamptz where id = ${id}`,
  );
const moduleOf = (area: ConsultingModule['area']) => modules.find((m) => m.area === area) as ConsultingModule;

let free: string[] | undefined;
/** The report on the seeded demo, before these tests add consultations. */
let baseline = {} as ConsultingReport;

/** Gemeinden of the demo Kreis without any consultation in the seeded demo: each test takes its own. */
async function gemeinden(): Promise<string[]> {
  if (!free) {
    const rows = await queryRows<{ ags: string }>(
      database.db,
      sql`select v.ags from region_versions v join regions r on r.id = v.region_id
          where v.valid_to is null and r.level = 'gemeinde' and v.ags like '06435%' and v.ags <> ${OFFICER_GEMEINDE}
            and not exists (select 1 from consultations c where c.region_id = v.region_id)
          order by v.ags`,
    );
    free = rows.map((row) => row.ags);
  }
  return free;
}

describe('consulting modules', () => {
  it('are master data: four seeded, two per area, editable by the ministry with optimistic concurrency', async () => {
    expect(modules).toHaveLength(4);
    expect(modules.filter((m) => m.area === 'ozg')).toHaveLength(2);
    const module = moduleOf('verwaltungsdigitalisierung');
    const changed = await admin.request('PATCH', `/api/v1/consulting/modules/${module.id}`, {
      version: module.version,
      description: 'Neu beschrieben',
    });
    expect(await readBody(changed, updateModuleRoute, 200)).toMatchObject({
      description: 'Neu beschrieben',
      version: module.version + 1,
    });
    const stale = await admin.request('PATCH', `/api/v1/consulting/modules/${module.id}`, {
      version: module.version,
      active: false,
    });
    expect((await readBody(stale, updateModuleRoute, 409)).error.details).toMatchObject({
      current: { description: 'Neu beschrieben' },
    });
    modules = modules.map((m) => (m.id === module.id ? { ...m, version: m.version + 1 } : m));
  });
});

describe('consultants', () => {
  it('GET /consulting/consultants lists active consultants and admins for scheduling, not to officers', async () => {
    const res = await consultant.request('GET', '/api/v1/consulting/consultants');
    const { items } = await readBody(res, listConsultantsRoute, 200);
    const users = await queryRows<{ id: number; role: string }>(database.db, sql`select id, role from users`);
    const roles = items.map((item) => users.find((user) => user.id === item.id)?.role);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(roles)).toEqual(new Set(['consultant', 'admin']));
    expect((await officer.request('GET', '/api/v1/consulting/consultants')).status).toBe(403);
  });
});

describe('consultations', () => {
  it('allow one consultation per municipality and area; a second gets 409 with a clear message, a cancelled one frees the area', async () => {
    const [key] = await gemeinden();
    const first = await consultant.request('POST', `/api/v1/regions/${key}/consultations`, {
      moduleId: moduleOf('ozg').id,
    });
    const consultation = await readBody(first, requestConsultationRoute, 201);
    expect(consultation).toMatchObject({ state: 'requested', area: 'ozg', measures: [] });

    const second = await consultant.request('POST', `/api/v1/regions/${key}/consultations`, {
      moduleId: modules.filter((m) => m.area === 'ozg')[1]?.id,
    });
    expect((await readBody(second, requestConsultationRoute, 409)).error.message).toMatch(
      /bereits eine Beratung.*Je Bereich ist eine Beratung möglich/,
    );
    // The other area is still free.
    const other = await consultant.request('POST', `/api/v1/regions/${key}/consultations`, {
      moduleId: moduleOf('verwaltungsdigitalisierung').id,
    });
    expect(other.status).toBe(201);

    const cancelled = await consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
      action: 'cancel',
      version: consultation.version,
      reason: 'Die Kommune hat abgesagt.',
    });
    expect(cancelled.status).toBe(200);
    const again = await consultant.request('POST', `/api/v1/regions/${key}/consultations`, {
      moduleId: moduleOf('ozg').id,
    });
    expect(again.status).toBe(201);
  });

  it('lets an officer request one for their own municipality with a note, which the worklist shows as a request', async () => {
    const own = await readBody(
      await officer.request('GET', `/api/v1/regions/${OFFICER_GEMEINDE}/consultations`),
      listConsultationsRoute,
      200,
    );
    const taken = new Set(own.items.filter((c) => c.state !== 'cancelled').map((c) => c.area));
    const area = (['ozg', 'verwaltungsdigitalisierung'] as const).find((candidate) => !taken.has(candidate));
    expect(area, 'the demo Gemeinde of the officer has a free area').toBeDefined();
    const module = moduleOf(area as ConsultingModule['area']);
    const res = await officer.request('POST', `/api/v1/regions/${OFFICER_GEMEINDE}/consultations`, {
      moduleId: module.id,
      note: '  Wir möchten die Bauanträge digitalisieren.  ',
    });
    const request = await readBody(res, requestConsultationRoute, 201);
    expect(request).toMatchObject({
      state: 'requested',
      area,
      requestedBy: 'municipality',
      requestNote: 'Wir möchten die Bauanträge digitalisieren.',
    });
    // The programme's rule holds for officers too: one per area.
    const again = await officer.request('POST', `/api/v1/regions/${OFFICER_GEMEINDE}/consultations`, {
      moduleId: module.id,
    });
    expect(again.status).toBe(409);
    // Only for their own municipality, and never as a viewer.
    // The last free Gemeinde: earlier entries belong to the other tests.
    const other = (await gemeinden()).at(-1) as string;
    const foreign = await officer.request('POST', `/api/v1/regions/${other}/consultations`, {
      moduleId: module.id,
    });
    expect((await readBody(foreign, requestConsultationRoute, 403)).error.message).toMatch(
      /nur für Ihre eigene Kommune/,
    );
    const byViewer = await viewer.request('POST', `/api/v1/regions/${other}/consultations`, {
      moduleId: module.id,
    });
    expect(byViewer.status).toBe(403);
    const tooLong = await officer.request('POST', `/api/v1/regions/${OFFICER_GEMEINDE}/consultations`, {
      moduleId: module.id,
      note: 'x'.repeat(2001),
    });
    expect(tooLong.status).toBe(400);

    const worklist = await readBody(
      await consultant.request('GET', '/api/v1/regions/06/consulting/worklist'),
      worklistRoute,
      200,
    );
    const listed = worklist.requests.find((item) => item.consultationId === request.id);
    expect(listed).toMatchObject({
      region: { ags: OFFICER_GEMEINDE },
      kreis: { ags: '06435' },
      module: { id: module.id },
      area,
      note: 'Wir möchten die Bauanträge digitalisieren.',
    });
    // An offer of the consulting is no request of the municipality.
    const offered = await consultant.request('POST', `/api/v1/regions/${other}/consultations`, {
      moduleId: moduleOf('ozg').id,
    });
    const offer = await readBody(offered, requestConsultationRoute, 201);
    expect(offer.requestedBy).toBe('consulting');
    const after = await readBody(
      await consultant.request('GET', '/api/v1/regions/06/consulting/worklist?kreis=06435'),
      worklistRoute,
      200,
    );
    expect(after.requests.map((item) => item.consultationId)).toContain(request.id);
    expect(after.requests.map((item) => item.consultationId)).not.toContain(offer.id);
    const elsewhere = await readBody(
      await consultant.request('GET', '/api/v1/regions/06/consulting/worklist?kreis=06411'),
      worklistRoute,
      200,
    );
    expect(elsewhere.requests.map((item) => item.consultationId)).not.toContain(request.id);
    // Free both areas again: the tests below take these Gemeinden.
    for (const consultation of [request, offer]) {
      const cancelled = await consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
        action: 'cancel',
        version: consultation.version,
        reason: 'Test beendet.',
      });
      expect(cancelled.status).toBe(200);
    }
  });

  it('enforces the rule in the database when ten requests race: exactly one wins', async () => {
    const key = (await gemeinden())[1];
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        consultant.request('POST', `/api/v1/regions/${key}/consultations`, { moduleId: moduleOf('ozg').id }),
      ),
    );
    const statuses = results.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(9);
  });

  it('are scheduled, then held with the municipality status of that day, and refuse impossible steps', async () => {
    const key = (await gemeinden())[2] as string;
    let consultation = await readBody(
      await consultant.request('POST', `/api/v1/regions/${key}/consultations`, {
        moduleId: moduleOf('ozg').id,
      }),
      requestConsultationRoute,
      201,
    );
    await requestedOn(consultation.id, '2024-05-13');
    const scheduled = await consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
      action: 'schedule',
      version: consultation.version,
      scheduledFor: '2024-06-03',
    });
    consultation = await readBody(scheduled, updateConsultationRoute, 200);
    expect(consultation).toMatchObject({ state: 'scheduled', scheduledFor: '2024-06-03' });
    expect(consultation.consultant?.displayName).toBeTruthy();

    const future = await consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
      action: 'hold',
      version: consultation.version,
      heldOn: '2099-01-01',
    });
    expect(future.status).toBe(422);

    const held = await consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
      action: 'hold',
      version: consultation.version,
      heldOn: '2024-06-03',
      outcomeNotes: 'Priorisierung der Leistungen besprochen.',
    });
    consultation = await readBody(held, updateConsultationRoute, 200);
    // The snapshot equals the progress of the municipality on that day, read by the other route.
    const progress = await readBody(
      await app.request(`/api/v1/regions/${key}/progress?asOf=2024-06-03`),
      progressRoute,
      200,
    );
    expect(consultation.statusSnapshot).toMatchObject({
      date: '2024-06-03',
      targetServices: progress.figures.targetServices,
      conformant: progress.figures.conformant,
      levelCounts: progress.figures.levelCounts,
    });

    const cancelAfterHeld = await consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
      action: 'cancel',
      version: consultation.version,
      reason: 'zu spät',
    });
    expect(cancelAfterHeld.status).toBe(422);
    const stale = await consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
      action: 'cancel',
      version: 1,
      reason: 'veraltet',
    });
    expect(stale.status).toBe(409);
  });
});

describe('the day a consultation was held', () => {
  const hold = (consultation: Consultation, heldOn: string) =>
    consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
      action: 'hold',
      version: consultation.version,
      heldOn,
    });

  it('is refused with 422 when it lies before the request', async () => {
    const key = (await gemeinden())[3] as string;
    const consultation = await readBody(
      await consultant.request('POST', `/api/v1/regions/${key}/consultations`, {
        moduleId: moduleOf('verwaltungsdigitalisierung').id,
      }),
      requestConsultationRoute,
      201,
    );
    await requestedOn(consultation.id, '2026-06-10');
    const early = await hold(consultation, '2026-06-09');
    const body = await readBody(early, updateConsultationRoute, 422);
    expect(body.error.message).toBe(
      'Die Beratung wurde am 10.06.2026 angefragt; sie kann nicht vorher stattgefunden haben.',
    );
    expect(body.error.details).toEqual([{ path: 'heldOn', message: 'liegt vor dem 10.06.2026' }]);
    expect((await hold(consultation, '2026-06-10')).status).toBe(200);
  });

  it('is refused with 422 when it lies before the agreed appointment (which cannot lie before the request)', async () => {
    // The same Gemeinde as above, the other area.
    const key = (await gemeinden())[3] as string;
    let consultation = await readBody(
      await consultant.request('POST', `/api/v1/regions/${key}/consultations`, {
        moduleId: moduleOf('ozg').id,
      }),
      requestConsultationRoute,
      201,
    );
    await requestedOn(consultation.id, '2026-06-10');
    const beforeRequest = await consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
      action: 'schedule',
      version: consultation.version,
      scheduledFor: '2026-06-01',
    });
    expect((await readBody(beforeRequest, updateConsultationRoute, 422)).error.details).toEqual([
      { path: 'scheduledFor', message: 'liegt vor dem 10.06.2026' },
    ]);
    consultation = await readBody(
      await consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
        action: 'schedule',
        version: consultation.version,
        scheduledFor: '2026-07-01',
      }),
      updateConsultationRoute,
      200,
    );
    const early = await hold(consultation, '2026-06-20');
    expect((await readBody(early, updateConsultationRoute, 422)).error.message).toMatch(
      /^Die Beratung ist für den 01\.07\.2026 terminiert; .* bitte zuerst den Termin ändern\.$/,
    );
    expect((await hold(consultation, '2026-07-01')).status).toBe(200);
  });
});

describe('measures', () => {
  it('are agreed in a held consultation, followed up by the officer, and completing one links the status changes it caused', async () => {
    const requested = await readBody(
      await consultant.request('POST', `/api/v1/regions/${OFFICER_GEMEINDE}/consultations`, {
        moduleId: moduleOf('ozg').id,
      }),
      requestConsultationRoute,
      201,
    );
    const early = await consultant.request('POST', `/api/v1/consultations/${requested.id}/measures`, {
      title: 'Zu früh',
    });
    expect(early.status).toBe(422);
    await requestedOn(requested.id, '2026-10-28');
    const held = await readBody(
      await consultant.request('PATCH', `/api/v1/consultations/${requested.id}`, {
        action: 'hold',
        version: requested.version,
        heldOn: '2026-11-02',
      }),
      updateConsultationRoute,
      200,
    );
    const statusPage = await readBody(
      await officer.request('GET', `/api/v1/regions/${OFFICER_GEMEINDE}/statuses?overdue=true&pageSize=1`),
      listStatusesRoute,
      200,
    );
    const status = statusPage.items[0] as Status;
    const created = await consultant.request('POST', `/api/v1/consultations/${held.id}/measures`, {
      title: `${status.serviceName} online anbieten`,
      owner: 'Bürgerbüro',
      dueDate: '2026-01-31',
      ozgIds: [status.ozgId],
    });
    const measure = await readBody(created, createMeasureRoute, 201);
    expect(measure).toMatchObject({ state: 'open', overdue: true, ozgIds: [status.ozgId] });
    const unknownService = await consultant.request('POST', `/api/v1/consultations/${held.id}/measures`, {
      title: 'Unbekannt',
      ozgIds: [1],
    });
    expect(unknownService.status).toBe(422);

    // The officer sees the consultation with its measure, but not other municipalities' consultations.
    const own = await readBody(
      await officer.request('GET', `/api/v1/regions/${OFFICER_GEMEINDE}/consultations`),
      listConsultationsRoute,
      200,
    );
    expect(own.items.find((c) => c.id === held.id)?.measures.map((m) => m.id)).toEqual([measure.id]);
    const [otherKey] = await gemeinden();
    expect((await officer.request('GET', `/api/v1/regions/${otherKey}/consultations`)).status).toBe(403);
    // Officers follow up, but the title is the consultants'.
    const retitled = await officer.request('PATCH', `/api/v1/measures/${measure.id}`, {
      version: measure.version,
      title: 'Anders',
    });
    expect(retitled.status).toBe(403);

    const edited = await officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
      version: status.version,
      maturityLevel: (status.maturityLevel + 1) % 3, // stays below 3: no date needed
      workflowState: 'in_progress',
    });
    expect(edited.status).toBe(200);
    const done = await officer.request('PATCH', `/api/v1/measures/${measure.id}`, {
      version: measure.version,
      state: 'done',
    });
    const completed = await readBody(done, updateMeasureRoute, 200);
    expect(completed).toMatchObject({ state: 'done', overdue: false });
    expect(completed.completedAt).not.toBeNull();
    const events = await readBody(
      await officer.request('GET', `/api/v1/statuses/${status.id}/events`),
      statusEventsRoute,
      200,
    );
    expect(completed.statusEventIds).toContain(events.items[0]?.id);

    const reopened = await officer.request('PATCH', `/api/v1/measures/${measure.id}`, {
      version: completed.version,
      state: 'in_progress',
    });
    expect(await readBody(reopened, updateMeasureRoute, 200)).toMatchObject({
      completedAt: null,
      statusEventIds: [],
    });
  });
});

describe('consultant worklist and ministry report', () => {
  it('lists laggards with unused consultations, and drops an area once it is offered', async () => {
    const worklist = await readBody(
      await consultant.request(
        'GET',
        '/api/v1/regions/06/consulting/worklist?area=verwaltungsdigitalisierung',
      ),
      worklistRoute,
      200,
    );
    expect(worklist.items.length).toBeGreaterThan(0);
    for (const item of worklist.items) {
      expect(item.gap).toBeLessThan(0);
      expect(item.openAreas).toContain('verwaltungsdigitalisierung');
    }
    const gaps = worklist.items.map((item) => item.gap as number);
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    const first = worklist.items[0];
    await consultant.request('POST', `/api/v1/regions/${first?.region.ags}/consultations`, {
      moduleId: moduleOf('verwaltungsdigitalisierung').id,
    });
    const after = await readBody(
      await consultant.request(
        'GET',
        '/api/v1/regions/06/consulting/worklist?area=verwaltungsdigitalisierung',
      ),
      worklistRoute,
      200,
    );
    expect(after.items.map((item) => item.region.ags)).not.toContain(first?.region.ags);
    expect((await officer.request('GET', '/api/v1/regions/06/consulting/worklist')).status).toBe(403);
  });

  it('reports uptake per Regierungsbezirk and Kreis and the effect against comparable municipalities, as CSV and XLSX too', async () => {
    const report = await readBody(
      await viewer.request('GET', '/api/v1/regions/06/consulting/report'),
      reportRoute,
      200,
    );
    const land = report.uptake[0];
    expect(land?.region.ags).toBe('06');
    expect(report.uptake.some((row) => row.region.level === 'bezirk')).toBe(true);
    const kreis = report.uptake.find((row) => row.region.ags === '06435');
    const kreisBefore = baseline.uptake.find((row) => row.region.ags === '06435');
    // Earlier tests held OZG consultations in three more Gemeinden of this Kreis (2024-06-03, 2026-07-01, 2026-11-02).
    expect(kreis?.held.ozg.count).toBe((kreisBefore?.held.ozg.count as number) + 3);
    expect(kreis?.held.ozg.share).toBeCloseTo(
      (kreis?.held.ozg.count as number) / (kreis?.municipalities as number),
      10,
    );
    expect(land?.held.ozg.count).toBe((baseline.uptake[0]?.held.ozg.count as number) + 3);
    expect(land?.held.ozg.count).toBe(
      report.uptake
        .filter((row) => row.region.level === 'bezirk')
        .reduce((sum, row) => sum + row.held.ozg.count, 0),
    );
    // The effect: every municipality whose first consultation is 12 months old, its change in the year after,
    // recomputed through the progress of that municipality as of both days (the other route).
    const consulted = await queryRows<{ ags: string; held_on: string; year_after: string }>(
      database.db,
      sql`select v.ags, min(c.held_on)::text as held_on, (min(c.held_on) + interval '1 year')::date::text as year_after
          from consultations c join region_versions v on v.region_id = c.region_id and v.valid_to is null
          where c.state = 'held' group by v.ags having min(c.held_on) + interval '1 year' <= (now() at time zone 'Europe/Berlin')::date`,
    );
    expect(report.effect.consulted.count).toBe(consulted.length);
    expect(report.effect.consulted.count).toBe(baseline.effect.consulted.count + 1);
    const share = async (key: string, day: string) =>
      (await readBody(await app.request(`/api/v1/regions/${key}/progress?asOf=${day}`), progressRoute, 200))
        .figures.conformantShare as number;
    const changes = await Promise.all(
      consulted.map(
        async (row) => (await share(row.ags, row.year_after)) - (await share(row.ags, row.held_on)),
      ),
    );
    expect(report.effect.consulted.meanChange).toBeCloseTo(
      changes.reduce((sum, value) => sum + value, 0) / changes.length,
      10,
    );
    expect(report.effect.comparison.count).toBeGreaterThan(0);
    expect(report.effect.method).toMatch(/Vergleich/);

    const csv = await viewer.request('GET', '/api/v1/regions/06/consulting/report?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(report.uptake.length + 1);
    const xlsx = await viewer.request('GET', '/api/v1/regions/06/consulting/report?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.getWorksheet('Inanspruchnahme')?.rowCount).toBe(report.uptake.length + 2);
    expect((await officer.request('GET', '/api/v1/regions/06/consulting/report')).status).toBe(403);
  });
});
