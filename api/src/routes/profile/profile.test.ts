import { createHash } from 'node:crypto';
import { type Database, queryRows } from '@ozg/db';
import type { Consultation, ConsultingModule, RegionProgress } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../lib/pdf';
import { PROFILE_SECTIONS } from '../../services/profile';
import { today } from '../../services/regions';
import { demoTestApp, signInAs, type TestApp, type TestClient } from '../../testing';
import { renderPdfPage } from '../../testing-pdf';

let database: Database;
let app: TestApp;
let consultant: TestClient;
let officer: TestClient;
const OWN = '06435901';

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  [consultant, officer] = await Promise.all([signInAs(app, 'consultant'), signInAs(app, 'officer')]);
});
afterAll(async () => {
  await database.close();
});

const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('municipality profile', () => {
  it('is built from the section builders in order: OZG-Stand, Vergleich, Check, Quick Wins, Maßnahmen', () => {
    expect(PROFILE_SECTIONS.map((section) => section.id)).toEqual([
      'ozg-stand',
      'vergleich',
      'check',
      'quick-wins',
      'massnahmen',
    ]);
  });

  it('shows the newest Digitalisierungs-Check with its overall score, and the quick wins of today', {
    timeout: 120_000,
  }, async () => {
    const [checked] = await queryRows<{ ags: string; overall: number | null }>(
      database.db,
      sql`select v.ags, (s.scores ->> 'overall')::float8 as overall
          from check_submissions s
          join region_versions v on v.region_id = s.region_id and v.valid_to is null
          where s.state = 'submitted'
          order by s.submitted_at desc, s.id desc limit 1`,
    );
    if (!checked) throw new Error('the demo has no submitted check');
    const newest = await queryRows<{ overall: number | null }>(
      database.db,
      sql`select (s.scores ->> 'overall')::float8 as overall from check_submissions s
          join region_versions v on v.region_id = s.region_id and v.valid_to is null
          where v.ags = ${checked.ags} and s.state = 'submitted' order by s.submitted_at desc, s.id desc limit 1`,
    );
    const res = await consultant.request('GET', `/api/v1/regions/${checked.ags}/profile`);
    expect(res.status).toBe(200);
    const pdf = await bytes(res);
    const first = renderPdfPage(pdf);
    // Both pages, lines joined: a wrapped sentence still reads as one.
    const text = [first.text, ...(first.pages > 1 ? [renderPdfPage(pdf, 1).text] : [])]
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Digitalisierungs-Check');
    expect(text).toContain(
      `Gesamt: ${newest[0]?.overall === null ? '–' : de.integer(newest[0]?.overall ?? 0)}`,
    );
    expect(text).toContain('Quick Wins');
  });

  // The first PDF loads the font and MuPDF's WASM: slow on a busy machine.
  it('GET /regions/{key}/profile renders a PDF whose first page shows the title and the share OZG-konform', {
    timeout: 120_000,
  }, async () => {
    const res = await consultant.request('GET', `/api/v1/regions/${OWN}/profile`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`kommunalprofil-${OWN}-${today()}.pdf`);
    const pdf = await bytes(res);
    const progress = (await (await app.request(`/api/v1/regions/${OWN}/progress`)).json()) as RegionProgress;
    const page = renderPdfPage(pdf);
    expect(page.pages).toBeLessThanOrEqual(2);
    expect(page.text).toContain(`Kommunalprofil ${progress.region.name}`);
    expect(page.text).toContain(de.percent(progress.figures.conformantShare));
    expect(page.text).toContain('Anteil OZG-konform im Verlauf');
    expect(page.text).toContain('Überfällig');
    // A drawn page, not a blank one: text, tiles and the chart put ink on a few per cent of it.
    expect(page.inkedShare).toBeGreaterThan(0.02);
    expect(page.png.length).toBeGreaterThan(10_000);
    // Generated on demand, the same figures give the same bytes.
    expect(await bytes(await consultant.request('GET', `/api/v1/regions/${OWN}/profile`))).toEqual(pdf);
  });

  it('comes as XLSX with the figures, and only to signed-in roles (officers for their own municipality)', async () => {
    const res = await officer.request('GET', `/api/v1/regions/${OWN}/profile?format=xlsx`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'OZG-Stand',
      'Verlauf',
      'Themenfelder',
      'Vergleich',
      'Quick Wins',
      'Offene Maßnahmen',
    ]);
    expect((await app.request(`/api/v1/regions/${OWN}/profile`)).status).toBe(401);
    expect((await officer.request('GET', '/api/v1/regions/06435902/profile')).status).toBe(403);
  });

  it('is frozen when a consultation is held: fetched again after later edits, it is byte-identical', {
    timeout: 180_000,
  }, async () => {
    const modules = (
      (await (await consultant.request('GET', '/api/v1/consulting/modules')).json()) as {
        items: ConsultingModule[];
      }
    ).items;
    const taken = await queryRows<{ area: string }>(
      database.db,
      sql`select c.area from consultations c join region_versions v on v.region_id = c.region_id
          where v.ags = ${OWN} and c.state <> 'cancelled'`,
    );
    const module = modules.find(
      (m) => m.active && !taken.some((row) => row.area === m.area),
    ) as ConsultingModule;
    const requested = await consultant.request('POST', `/api/v1/regions/${OWN}/consultations`, {
      moduleId: module.id,
    });
    expect(requested.status).toBe(201);
    const consultation = (await requested.json()) as Consultation;
    expect((await consultant.request('GET', `/api/v1/consultations/${consultation.id}/profile`)).status).toBe(
      404,
    );
    const held = await consultant.request('PATCH', `/api/v1/consultations/${consultation.id}`, {
      action: 'hold',
      version: consultation.version,
      heldOn: today(),
      outcomeNotes: 'Profil besprochen',
    });
    expect(held.status).toBe(200);
    const heldConsultation = (await held.json()) as Consultation;
    const first = await bytes(
      await consultant.request('GET', `/api/v1/consultations/${consultation.id}/profile`),
    );
    expect(createHash('sha256').update(first).digest('hex')).toBe(heldConsultation.profileSha256);
    expect(renderPdfPage(first).text.replace(/-\s+/g, '-').replace(/\s+/g, ' ')).toContain(
      `zur Beratung „${module.name}“`,
    );

    // Later edits: a measure agreed, a status raised by the municipality.
    expect(
      (
        await consultant.request('POST', `/api/v1/consultations/${consultation.id}/measures`, {
          title: 'Hundesteuer online anbieten',
          owner: 'Ordnungsamt',
          dueDate: null,
          ozgIds: [],
        })
      ).status,
    ).toBe(201);
    const [status] = await queryRows<{ id: number; version: number }>(
      database.db,
      sql`select s.id, s.version from service_statuses s join region_versions v on v.region_id = s.region_id
          where v.ags = ${OWN} and s.in_target and s.maturity_level < 3 order by s.id limit 1`,
    );
    const patched = await officer.request('PATCH', `/api/v1/statuses/${status?.id}`, {
      version: status?.version,
      maturityLevel: 4,
      onlineSince: today(),
    });
    expect(patched.status).toBe(200);

    const again = await officer.request('GET', `/api/v1/consultations/${consultation.id}/profile`);
    expect(again.status).toBe(200);
    expect(await bytes(again)).toEqual(first);
    // The profile on demand shows the change; the stored one does not.
    const current = await bytes(await consultant.request('GET', `/api/v1/regions/${OWN}/profile`));
    expect(current).not.toEqual(first);
    const pages = renderPdfPage(current).pages;
    expect(renderPdfPage(current, pages - 1).text).toContain('Hundesteuer online anbieten');
  });

  it("is frozen on first download for a held consultation that has none yet (the demo's), as of the day held", {
    timeout: 120_000,
  }, async () => {
    const [held] = await queryRows<{ id: number; held_on: string; ags: string }>(
      database.db,
      sql`select c.id, c.held_on::text as held_on, v.ags from consultations c
          join region_versions v on v.region_id = c.region_id and v.valid_to is null
          where c.state = 'held' and not exists (select 1 from consultation_profiles p where p.consultation_id = c.id)
          order by c.id limit 1`,
    );
    expect(held).toBeDefined();
    const first = await consultant.request('GET', `/api/v1/consultations/${held?.id}/profile`);
    expect(first.status).toBe(200);
    const pdf = await bytes(first);
    const [stored] = await queryRows<{ day: string; sha256: string }>(
      database.db,
      sql`select day::text as day, sha256 from consultation_profiles where consultation_id = ${held?.id}`,
    );
    expect(stored).toEqual({ day: held?.held_on, sha256: createHash('sha256').update(pdf).digest('hex') });
    expect(renderPdfPage(pdf).text.replace(/\s+/g, ' ')).toContain(`am ${de.date(held?.held_on ?? '')}`);
    const again = await consultant.request('GET', `/api/v1/consultations/${held?.id}/profile`);
    expect(await bytes(again)).toEqual(pdf);
  });
});
