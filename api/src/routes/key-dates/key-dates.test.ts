import { type Database, figuresAsOf, queryRows } from '@ozg/db';
import type { ErrorBody, KeyDate, KeyDateChange, KeyDateReport } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFigures } from '../../services/progress';
import { today } from '../../services/regions';
import { demoTestApp, signInAs, type TestApp, type TestClient } from '../../testing';
import { renderPdfPage } from '../../testing-pdf';

let database: Database;
let app: TestApp;
let admin: TestClient;
let consultant: TestClient;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  [admin, consultant] = await Promise.all([signInAs(app, 'admin'), signInAs(app, 'consultant')]);
});
afterAll(async () => {
  await database.close();
});

const json = async <T>(res: Response) => (await res.json()) as T;
const report = async (day: string) => {
  const res = await app.request(`/api/v1/key-dates/${day}`);
  expect(res.status).toBe(200);
  return json<KeyDateReport>(res);
};

/** The replay of the day now, per AGS of the regions in the report. */
async function replay(day: string, ags: string[]) {
  const regions = await queryRows<{ region_id: number; ags: string }>(
    database.db,
    sql`select region_id, ags from region_versions where ags = any(${`{${ags.join(',')}}`}::text[])
        and valid_from <= ${day}::date and (valid_to is null or valid_to > ${day}::date)`,
  );
  const figures = await figuresAsOf(
    database.db,
    regions.map((region) => region.region_id),
    day,
  );
  return new Map(
    regions.map((region) => [region.ags, toFigures(figures.get(region.region_id)?.total as never)]),
  );
}

describe('key dates', () => {
  it('GET /key-dates lists the three default days, frozen by the demo seed', async () => {
    const res = await app.request('/api/v1/key-dates');
    expect(res.status).toBe(200);
    const { items } = await json<{ items: KeyDate[] }>(res);
    expect(items.map((item) => item.day)).toEqual(
      expect.arrayContaining(['2022-12-31', '2024-07-24', '2026-01-01']),
    );
    for (const item of items.filter((entry) => entry.isDefault)) expect(item.frozenAt).not.toBeNull();
  });

  it("a key date's frozen figures equal an event replay of the day for the Land, its Bezirke and Kreise", async () => {
    const frozen = await report('2022-12-31');
    expect(frozen.land.region).toMatchObject({ ags: '06', level: 'land' });
    expect(frozen.bezirke).toHaveLength(3);
    expect(frozen.kreise.length).toBeGreaterThanOrEqual(26);
    expect(frozen.themenfelder.length).toBeGreaterThan(0);
    expect(frozen.corrected).toBe(false);
    const rows = [frozen.land, ...frozen.bezirke, ...frozen.kreise];
    const replayed = await replay(
      '2022-12-31',
      rows.map((row) => row.region.ags),
    );
    for (const row of rows) expect(row.figures, row.region.name).toEqual(replayed.get(row.region.ags));
    expect(frozen.land.figures.targetServices).toBeGreaterThan(0);
  });

  it('stay unchanged after later edits; a correction of history is shown beside them, not written over them', async () => {
    const before = await report('2024-07-24');
    // A later edit (today) does not touch the day at all.
    const [status] = await queryRows<{ id: number; version: number }>(
      database.db,
      sql`select s.id, s.version from service_statuses s join region_versions v on v.region_id = s.region_id
          where v.ags = '06435901' and s.in_target and s.maturity_level < 3 order by s.id limit 1`,
    );
    const officer = await signInAs(app, 'officer');
    const patched = await officer.request('PATCH', `/api/v1/statuses/${status?.id}`, {
      version: status?.version,
      maturityLevel: 3,
      onlineSince: today(),
    });
    expect(patched.status).toBe(200);
    expect(await report('2024-07-24')).toEqual(before);

    // A correction of history: recorded today, counting from a Stichtag on the key date (as a
    // late territory change does, decision 009), for a status not touched after that day.
    const dayEnd = '2024-07-24T22:00:00Z'; // midnight in Berlin (summer time)
    const [target] = await queryRows<{ id: number; region_id: number; ozg_id: number }>(
      database.db,
      sql`select s.id, s.region_id, s.ozg_id from service_statuses s join region_versions v on v.region_id = s.region_id
          where v.ags like '06435%' and s.in_target and v.valid_to is null
            and not exists (select 1 from status_events u where u.status_id = s.id and u.occurred_at >= ${dayEnd}::timestamptz)
            and (select e.maturity_level from status_events e where e.status_id = s.id
                 order by e.occurred_at desc, e.id desc limit 1) < 3
          order by s.id limit 1`,
    );
    expect(target).toBeDefined();
    await database.db.execute(sql`
      insert into status_events (status_id, region_id, ozg_id, source, maturity_model, maturity_level, in_target, before, after, effective_on)
      values (${target?.id}, ${target?.region_id}, ${target?.ozg_id}, 'import', '1.1', 4, true, '{}'::jsonb,
              '{"maturityLevel": 4, "onlineSince": "2024-07-24"}'::jsonb, '2024-07-24')`);
    const after = await report('2024-07-24');
    expect(after.land.figures).toEqual(before.land.figures);
    expect(after.kreise.map((row) => row.figures)).toEqual(before.kreise.map((row) => row.figures));
    expect(after.corrected).toBe(true);
    expect(after.land.recomputed?.figures.conformant).toBe(before.land.figures.conformant + 1);
    const kreis = after.kreise.find((row) => row.region.ags === '06435');
    expect(kreis?.recomputed?.figures.conformant).toBe((kreis?.figures.conformant ?? 0) + 1);
    // The database itself refuses to change frozen figures.
    await expect(database.db.execute(sql`update key_date_figures set level3 = level3 + 1`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from key_date_figures`)).rejects.toThrow();
  });

  it('POST /key-dates: the ministry adds a day, a past one is frozen at once, a future one waits; others get 403', async () => {
    const denied = await consultant.request('POST', '/api/v1/key-dates', {
      day: '2025-06-30',
      label: 'Halbjahr',
    });
    expect(denied.status).toBe(403);
    const created = await admin.request('POST', '/api/v1/key-dates', {
      day: '2025-06-30',
      label: 'Halbjahr 2025',
    });
    expect(created.status).toBe(201);
    expect(await json<KeyDate>(created)).toMatchObject({
      day: '2025-06-30',
      isDefault: false,
      createdBy: 'Ministerium (Demo)',
    });
    const frozen = await report('2025-06-30');
    expect(frozen.keyDate.frozenAt).not.toBeNull();
    const replayed = await replay('2025-06-30', ['06']);
    expect(frozen.land.figures).toEqual(replayed.get('06'));

    const twice = await admin.request('POST', '/api/v1/key-dates', {
      day: '2025-06-30',
      label: 'noch einmal',
    });
    expect(twice.status).toBe(409);
    expect((await json<ErrorBody>(twice)).error.message).toBe('Der 30.06.2025 ist bereits ein Stichtag.');

    const future = await admin.request('POST', '/api/v1/key-dates', {
      day: '2028-01-01',
      label: 'Erhebung 2028',
    });
    expect(future.status).toBe(201);
    expect((await json<KeyDate>(future)).frozenAt).toBeNull();
    const early = await app.request('/api/v1/key-dates/2028-01-01');
    expect(early.status).toBe(422);
    expect((await json<ErrorBody>(early)).error.message).toMatch(/noch nicht erreicht/);

    const bad = await admin.request('POST', '/api/v1/key-dates', { day: '2022-02-30', label: '' });
    expect(bad.status).toBe(400);
    expect((await app.request('/api/v1/key-dates/2023-03-03')).status).toBe(404);
  });

  // Several replays and PDFs: slow on a busy machine.
  it('the report comes as XLSX and PDF, the change between two key dates as JSON, XLSX and PDF', {
    timeout: 180_000,
  }, async () => {
    const xlsx = await app.request('/api/v1/key-dates/2022-12-31?format=xlsx');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Gebiete', 'Themenfelder']);

    const pdf = await app.request('/api/v1/key-dates/2022-12-31?format=pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const page = renderPdfPage(bytes);
    expect(page.text).toContain('Stichtag 31.12.2022: Frist des OZG');
    expect(page.text).toContain('Kreise und kreisfreie Städte');
    // The same request gives the same bytes.
    expect(
      new Uint8Array(await (await app.request('/api/v1/key-dates/2022-12-31?format=pdf')).arrayBuffer()),
    ).toEqual(bytes);

    const res = await app.request('/api/v1/key-dates/2026-01-01/change?since=2022-12-31');
    expect(res.status).toBe(200);
    const change = await json<KeyDateChange>(res);
    const [from, to] = [await report('2022-12-31'), await report('2026-01-01')];
    expect(change.land.from?.share).toBe(from.land.figures.conformantShare);
    expect(change.land.to?.share).toBe(to.land.figures.conformantShare);
    expect(change.land.changePoints).toBeCloseTo(
      ((to.land.figures.conformantShare ?? 0) - (from.land.figures.conformantShare ?? 0)) * 100,
      1,
    );
    expect(change.kreise.length).toBeGreaterThanOrEqual(26);
    const changePdf = renderPdfPage(
      new Uint8Array(
        await (
          await app.request('/api/v1/key-dates/2026-01-01/change?since=2022-12-31&format=pdf')
        ).arrayBuffer(),
      ),
    );
    expect(changePdf.text).toContain('Veränderung vom 31.12.2022 bis 01.01.2026');
    const changeXlsx = await app.request('/api/v1/key-dates/2026-01-01/change?since=2022-12-31&format=xlsx');
    expect(changeXlsx.status).toBe(200);
    const same = await app.request('/api/v1/key-dates/2026-01-01/change?since=2026-01-01');
    expect(same.status).toBe(422);
  });
});
