import { type Database, datahubCountsSql, differencesSql, queryRows } from '@ozg/db';
import { demoDatahubCsv, demoDatahubPages, demoDatahubXlsx } from '@ozg/db/demo';
import { DATAHUB_DIFFERENCE_KINDS } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { importDatahubRoute } from '../imports/imports.routes';
import { datahubDecisionsRoute, datahubDifferencesRoute, datahubKreiseRoute } from './datahub.routes';

const GEMEINDE = '06435901'; // the demo officer's Gemeinde
const GEMEINDE_ARS = '064350901901';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('Data Hub import and reconciliation (decision 021)', () => {
  let database: Database;
  let app: TestApp;
  let admin: TestClient;
  let officer: TestClient;
  let kreisOfficer: TestClient;
  beforeAll(async () => {
    ({ database, app } = await demoTestApp());
    admin = await signInAs(app, 'admin');
    officer = await signInAs(app, 'officer');
    kreisOfficer = await signInAs(app, 'kreisOfficer');
  });
  afterAll(async () => {
    await database.close();
  });

  const importCount = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from datahub_records`))[0]?.n;
  const differences = async (client: TestClient = officer, key = GEMEINDE) =>
    readBody(await client.request('GET', `/api/v1/datahub/differences/${key}`), datahubDifferencesRoute, 200);

  it('gives the demo officers a handful of differences of every kind, imported at different days', async () => {
    // The Kreis has few services that are not online, so fewer of them are "online at the Bund".
    for (const [client, key, least] of [
      [officer, GEMEINDE, 3],
      [kreisOfficer, '06435', 2],
    ] as const) {
      const list = await differences(client, key);
      for (const kind of DATAHUB_DIFFERENCE_KINDS)
        expect(
          list.items.filter((item) => item.kind === kind).length,
          `${key} ${kind}`,
        ).toBeGreaterThanOrEqual(least);
    }
    const kreise = await readBody(
      await admin.request('GET', '/api/v1/datahub/kreise'),
      datahubKreiseRoute,
      200,
    );
    expect(new Set(kreise.items.map((item) => item.oldestDays)).size).toBeGreaterThan(1);
    // Each demo import counts the records it holds (the import history shows them).
    const [counts] = await queryRows<{ counted: number; stored: number }>(
      database.db,
      sql`select (select sum(records)::int from datahub_imports where checksum = 'demo') as counted,
            (select count(*)::int from datahub_records r join datahub_imports i on i.id = r.import_id
             where i.checksum = 'demo') as stored`,
    );
    expect(counts?.stored).toBeGreaterThan(0);
    expect(counts?.counted).toBe(counts?.stored);
  });

  it('imports the JSON pages of the generated export, counts the unmatched and changes nothing the second time', async () => {
    const [page] = await demoDatahubPages(database.db, 100_000);
    const data = JSON.parse(page as string);
    data.content.push(
      { ...data.content[0], ars: '099990000000', ars_name: 'Nirgendwo' },
      { ...data.content[0], ozgid: 12345678, leika_key: '99999999999999', ozg_bezeichnung: 'Unbekannt' },
    );
    const text = JSON.stringify(data);
    const before = await importCount();
    const first = await readBody(
      await admin.request('POST', '/api/v1/imports/datahub?fileName=seite0.json', text, {
        'content-type': 'application/json',
      }),
      importDatahubRoute,
      200,
    );
    expect(first.summary[0]).toMatch(/^Data Hub übernommen: .* Datensätze, davon .* zugeordnet/);
    expect(first.summary[1]).toBe(
      'Nicht zugeordnet: 1 mit unbekanntem ARS, 1 mit unbekannter OZG-ID/LeiKa-Schlüssel.',
    );
    expect(first.summary).toContain('Unbekannter ARS 099990000000 (Nirgendwo): 1 Datensätze');
    expect(first.summary.some((line) => line.startsWith('Unbekannte Leistung seite0.json: content['))).toBe(
      true,
    );
    const afterFirst = await importCount();
    // The page holds the whole demo export: every region of the demo's import, whose records it
    // supersedes, so the table holds the matched records of this import only.
    expect(before).toBeGreaterThan(0);
    expect(afterFirst).toBe(data.content.length - 2);

    const second = await readBody(
      await admin.request('POST', '/api/v1/imports/datahub?fileName=seite0.json', text),
      importDatahubRoute,
      200,
    );
    expect(second.summary[0]).toMatch(/unverändert seit dem letzten Import/);
    expect(await importCount()).toBe(afterFirst);
  });

  it('imports the CSV in Windows-1252 with ";" and with a UTF-8 BOM, and refuses a malformed line naming file:line', async () => {
    const csv = (await demoDatahubCsv(database.db, GEMEINDE_ARS)).replace('Demo', 'Demo-Süd');
    const latin = new Uint8Array(Buffer.from(`${csv}`, 'latin1'));
    const res = await admin.request('POST', '/api/v1/imports/datahub?fileName=gemeinde.csv', latin, {
      'content-type': 'text/csv',
    });
    const body = await readBody(res, importDatahubRoute, 200);
    expect(body.summary[1]).toBe(
      'Nicht zugeordnet: 0 mit unbekanntem ARS, 0 mit unbekannter OZG-ID/LeiKa-Schlüssel.',
    );

    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(csv, 'utf8')]);
    const again = await readBody(
      await admin.request('POST', '/api/v1/imports/datahub?fileName=gemeinde-bom.csv', bom, {
        'content-type': 'text/csv',
      }),
      importDatahubRoute,
      200,
    );
    expect(again.summary[0]).toMatch(/unverändert/);

    const before = await importCount();
    const lines = csv.split('\r\n');
    lines[2] = (lines[2] as string).replace(/;ok;|;nicht ok;/, ';vielleicht;');
    const broken = await admin.request(
      'POST',
      '/api/v1/imports/datahub?fileName=kaputt.csv',
      lines.join('\r\n'),
    );
    const refused = await readBody(broken, importDatahubRoute, 422);
    expect(refused.error.details).toMatchObject({ file: 'kaputt.csv', line: 3, column: 'online_status' });
    expect(refused.error.message).toMatch(/^Die Datei wurde nicht übernommen: kaputt\.csv:3: online_status:/);
    expect(await importCount()).toBe(before);
  });

  it('imports the XLSX per ARS sent as octet-stream (the browser) or with its own type, and refuses a bad row naming the sheet', async () => {
    const xlsx = await demoDatahubXlsx(database.db, GEMEINDE_ARS);
    // The same records as the CSV imported before: unchanged, for both Content-Types.
    for (const type of ['application/octet-stream', XLSX_TYPE]) {
      const body = await readBody(
        await admin.request('POST', '/api/v1/imports/datahub?fileName=gemeinde.xlsx', xlsx, {
          'content-type': type,
        }),
        importDatahubRoute,
        200,
      );
      expect(body.summary[0]).toMatch(/unverändert seit dem letzten Import/);
    }

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx) as never);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    sheet.getCell('C3').value = 64350901; // an AGS stored as a number, not an ARS
    const broken = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const before = await importCount();
    const refused = await readBody(
      await admin.request('POST', '/api/v1/imports/datahub?fileName=kaputt.xlsx', broken, {
        'content-type': XLSX_TYPE,
      }),
      importDatahubRoute,
      422,
    );
    expect(refused.error.details).toMatchObject({
      file: 'kaputt.xlsx',
      sheet: 'Daten',
      line: 3,
      column: 'ars',
    });
    expect(refused.error.message).toMatch(
      /^Die Datei wurde nicht übernommen: kaputt\.xlsx:Daten:3: ars: "64350901" hat 8 statt 12 Ziffern/,
    );
    expect(await importCount()).toBe(before);

    const pdf = await admin.request('POST', '/api/v1/imports/datahub?fileName=bericht.pdf', '%PDF-1.7\n', {
      'content-type': 'application/octet-stream',
    });
    expect((await readBody(pdf, importDatahubRoute, 422)).error.details).toMatchObject({
      file: 'bericht.pdf',
      problem: expect.stringMatching(/^PDF-Dokument, keine Tabelle/),
    });
    const empty = await admin.request(
      'POST',
      '/api/v1/imports/datahub?fileName=leer.xlsx',
      new Uint8Array(),
      {
        'content-type': XLSX_TYPE,
      },
    );
    expect(empty.status).toBe(400);
  });

  it('lists every kind of difference for the officer, and refuses an officer of another Gemeinde', async () => {
    const list = await differences();
    const kinds = new Set(list.items.map((item) => item.kind));
    expect([...kinds].sort()).toEqual(['bund_not_ok', 'not_listed', 'online_at_bund', 'url_differs']);
    const online = list.items.find((item) => item.kind === 'online_at_bund');
    expect(online?.text).toMatch(
      /^Bund: online \(URL https:\/\/.*, Status ok\) – Ihr Stand: Reifegrad [0-2]$/,
    );
    expect(list.items.find((item) => item.kind === 'not_listed')?.text).toMatch(
      /^Ihr Stand: online seit \d{4} – beim Bund nicht gelistet$/,
    );
    const res = await kreisOfficer.request('GET', `/api/v1/datahub/differences/${GEMEINDE}`);
    expect(res.status).toBe(403);
    const decide = await kreisOfficer.request('POST', '/api/v1/datahub/decisions', {
      mode: 'commit',
      items: [
        { statusId: online?.statusId, version: online?.version, kind: 'online_at_bund', decision: 'accept' },
      ],
    });
    expect(decide.status).toBe(403);
  });

  it('accepts "online at the Bund": level 3 with the URL through the write path, event source datahub', async () => {
    const online = (await differences()).items.find((item) => item.kind === 'online_at_bund');
    if (!online) throw new Error('keine Abweichung online_at_bund');
    const result = await readBody(
      await officer.request('POST', '/api/v1/datahub/decisions', {
        mode: 'commit',
        items: [
          { statusId: online.statusId, version: online.version, kind: online.kind, decision: 'accept' },
        ],
      }),
      datahubDecisionsRoute,
      200,
    );
    expect(result.applied).toBe(true);
    expect(result.items[0]?.changes).toMatchObject({
      maturityLevel: { to: 3 },
      url: { to: online.sourceUrl },
    });
    const [event] = await queryRows<{ source: string; after: Record<string, unknown> }>(
      database.db,
      sql`select source::text, after from status_events where status_id = ${online.statusId} order by id desc limit 1`,
    );
    expect(event?.source).toBe('datahub');
    expect(event?.after).toMatchObject({ maturityLevel: 3, url: online.sourceUrl });
    const [status] = await queryRows<{ confirmed_at: unknown }>(
      database.db,
      sql`select confirmed_at from service_statuses where id = ${online.statusId}`,
    );
    expect(status?.confirmed_at).not.toBeNull();
    expect(
      (await differences()).items.some(
        (item) => item.statusId === online.statusId && item.kind === 'online_at_bund',
      ),
    ).toBe(false);

    // The version read before the acceptance is stale now.
    const stale = await officer.request('POST', '/api/v1/datahub/decisions', {
      mode: 'commit',
      items: [
        { statusId: online.statusId, version: online.version, kind: 'online_at_bund', decision: 'clarify' },
      ],
    });
    await readBody(stale, datahubDecisionsRoute, 409);
  });

  it('rejects with a reason (hidden afterwards) and marks for clarification (still listed, with the note)', async () => {
    const list = await differences();
    const notListed = list.items.find((item) => item.kind === 'not_listed');
    const notOk = list.items.find((item) => item.kind === 'bund_not_ok');
    if (!notListed || !notOk) throw new Error('Abweichungen fehlen');
    const noReason = await officer.request('POST', '/api/v1/datahub/decisions', {
      mode: 'commit',
      items: [
        {
          statusId: notListed.statusId,
          version: notListed.version,
          kind: notListed.kind,
          decision: 'reject',
        },
      ],
    });
    expect(noReason.status).toBe(400);
    await readBody(
      await officer.request('POST', '/api/v1/datahub/decisions', {
        mode: 'commit',
        items: [
          {
            statusId: notListed.statusId,
            version: notListed.version,
            kind: notListed.kind,
            decision: 'reject',
            reason: 'Läuft über das Landesportal',
          },
          {
            statusId: notOk.statusId,
            version: notOk.version,
            kind: notOk.kind,
            decision: 'clarify',
            reason: 'IT-Dienstleister fragen',
          },
        ],
      }),
      datahubDecisionsRoute,
      200,
    );
    const after = await differences();
    expect(
      after.items.some((item) => item.statusId === notListed.statusId && item.kind === 'not_listed'),
    ).toBe(false);
    expect(
      after.items.find((item) => item.statusId === notOk.statusId && item.kind === 'bund_not_ok')?.clarify
        ?.reason,
    ).toBe('IT-Dienstleister fragen');
    const decisions = await queryRows<{ decision: string; reason: string }>(
      database.db,
      sql`select decision, reason from datahub_decisions where ozg_id in (${notListed.ozgId}, ${notOk.ozgId}) order by id`,
    );
    expect(decisions.map((row) => row.decision)).toEqual(['rejected', 'clarify']);
  });

  it('accepts URL differences in bulk: a preview changes nothing, the commit writes one change set', async () => {
    const urls = (await differences()).items.filter((item) => item.kind === 'url_differs').slice(0, 2);
    expect(urls.length).toBeGreaterThan(0);
    const items = urls.map((item) => ({
      statusId: item.statusId,
      version: item.version,
      kind: item.kind,
      decision: 'accept',
    }));
    const preview = await readBody(
      await officer.request('POST', '/api/v1/datahub/decisions', { mode: 'dry-run', items }),
      datahubDecisionsRoute,
      200,
    );
    expect(preview.applied).toBe(false);
    expect(preview.summary.accepted).toBe(urls.length);
    expect(
      (await differences()).items.filter((item) => item.kind === 'url_differs').length,
    ).toBeGreaterThanOrEqual(urls.length);
    const commit = await readBody(
      await officer.request('POST', '/api/v1/datahub/decisions', { mode: 'commit', items }),
      datahubDecisionsRoute,
      200,
    );
    expect(commit.applied).toBe(true);
    const events = await queryRows<{ source: string; change_set_id: number | null }>(
      database.db,
      sql`select source::text, change_set_id from status_events where status_id = any(${`{${urls.map((u) => u.statusId).join(',')}}`}::int[]) order by id desc limit ${urls.length}`,
    );
    expect(events.every((event) => event.source === 'datahub')).toBe(true);
    if (urls.length > 1)
      expect(events.every((event) => event.change_set_id === commit.changeSetId)).toBe(true);
  });

  it('shows the ministry the open differences per Kreis', async () => {
    const kreise = await readBody(
      await admin.request('GET', '/api/v1/datahub/kreise'),
      datahubKreiseRoute,
      200,
    );
    const mkk = kreise.items.find((item) => item.ags === '06435');
    expect(mkk?.open).toBeGreaterThan(0);
    expect(mkk?.oldestDays).toBeGreaterThanOrEqual(0);
    expect((await officer.request('GET', '/api/v1/datahub/kreise')).status).toBe(403);
  });

  it('keeps the stored per-region counts equal to the read-time query after imports, decisions and status edits', async () => {
    // The reference: reconciling every record on read, as the view did before the counts were stored.
    const readTime = () =>
      queryRows(
        database.db,
        sql`select region_id, count(*)::int as open, count(clarify_at)::int as clarify, min(imported_at) as oldest
            from (${differencesSql(sql`true`)}) f group by region_id order by region_id`,
      );
    const viewed = async () =>
      queryRows(
        database.db,
        sql`select region_id, open, clarify, oldest from (${await datahubCountsSql(database.db)}) c where open > 0 order by region_id`,
      );
    const stale = async () =>
      (
        await queryRows<{ region_id: number }>(
          database.db,
          sql`select region_id from datahub_region_counts where stale order by region_id`,
        )
      ).map((row) => row.region_id);
    const [gemeinde] = await queryRows<{ region_id: number }>(
      database.db,
      sql`select region_id from region_versions where ags = ${GEMEINDE} and valid_to is null`,
    );
    const regionId = gemeinde?.region_id as number;

    // After the imports and decisions of the tests above: every count stored, none stale.
    const reference = await readTime();
    expect(reference.length).toBeGreaterThan(100);
    expect(await viewed()).toEqual(reference);
    expect(await stale()).toEqual([]);

    // A plain status edit changes the differences: its region is marked stale and read from the records.
    const differing = (await differences()).items.find((item) => item.kind === 'url_differs');
    if (!differing) throw new Error('keine Abweichung url_differs');
    const edited = await officer.request('PATCH', `/api/v1/statuses/${differing.statusId}`, {
      version: differing.version,
      url: differing.sourceUrl,
    });
    expect(edited.status).toBe(200);
    expect(await stale()).toEqual([regionId]);
    const afterEdit = await readTime();
    expect(afterEdit).not.toEqual(reference);
    expect(await viewed()).toEqual(afterEdit);

    // A decision stores the region's counts again, in its transaction.
    const open = (await differences()).items.find((item) => item.kind === 'bund_not_ok' && !item.clarify);
    if (!open) throw new Error('keine offene Abweichung bund_not_ok');
    await readBody(
      await officer.request('POST', '/api/v1/datahub/decisions', {
        mode: 'commit',
        items: [
          {
            statusId: open.statusId,
            version: open.version,
            kind: open.kind,
            decision: 'clarify',
            reason: 'Prüfen',
          },
        ],
      }),
      datahubDecisionsRoute,
      200,
    );
    expect(await stale()).toEqual([]);
    expect(await viewed()).toEqual(await readTime());

    // An import stores the counts of its regions.
    await database.db.execute(
      sql`update datahub_region_counts set open = 0, stale = false where region_id = ${regionId}`,
    );
    expect(await viewed()).not.toEqual(await readTime());
    const csv = await demoDatahubCsv(database.db, GEMEINDE_ARS);
    const imported = await readBody(
      await admin.request(
        'POST',
        '/api/v1/imports/datahub?fileName=neu.csv',
        csv.replace('https://', 'https://neu.'),
        {
          'content-type': 'text/csv',
        },
      ),
      importDatahubRoute,
      200,
    );
    expect(imported.summary[0]).toMatch(/^Data Hub übernommen/);
    expect(await viewed()).toEqual(await readTime());
  });
});
