import type { Database } from '@ozg/db';
import type { Status } from '@ozg/shared';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { getStatusRoute, importCsvRoute, listStatusesRoute, statusEventsRoute } from './statuses.routes';

let database: Database;
let app: TestApp;
let officer: TestClient;
const KEY = '06435901';

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  officer = await signInAs(app, 'officer');
});
afterAll(async () => {
  await database.close();
});

async function exportRows(format: 'excel' | 'plain') {
  const res = await officer.request('GET', `/api/v1/regions/${KEY}/statuses.csv?format=${format}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  const bytes = new Uint8Array(await res.arrayBuffer());
  // Response.text() would drop a byte order mark, so the bytes are decoded without it being stripped.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const rows = parse(text.replace(/^\uFEFF/, ''), {
    delimiter: format === 'excel' ? ';' : ',',
  }) as string[][];
  return { text, header: rows[0] as string[], rows: rows.slice(1) };
}

const upload = (text: string, mode: 'dry-run' | 'commit', lowering?: 'allow') =>
  officer.request(
    'POST',
    `/api/v1/regions/${KEY}/statuses.csv?mode=${mode}${lowering ? `&lowering=${lowering}` : ''}`,
    text,
    { 'content-type': 'text/csv' },
  );

describe('CSV round trip', () => {
  it('exports for Excel with BOM and ";", and a plain "," variant with the same rows', async () => {
    const excel = await exportRows('excel');
    const plain = await exportRows('plain');
    expect(excel.text.startsWith('\uFEFFstatus_id;version;ozg_id;leistung')).toBe(true);
    expect(plain.text.startsWith('status_id,version,ozg_id')).toBe(true);
    expect(excel.rows).toEqual(plain.rows);
    expect(excel.rows.length).toBeGreaterThan(20);
  });

  it('an unchanged export comes back as unchanged on every line', async () => {
    const { text, rows } = await exportRows('excel');
    const res = await upload(text, 'dry-run');
    const result = await readBody(res, importCsvRoute, 200);
    expect(result.summary).toEqual({
      changed: 0,
      unchanged: rows.length,
      errors: 0,
      conflicts: 0,
      lowering: 0,
    });
  });

  it('reports errors by line and column, commits nothing while any remain, and applies all once fixed', async () => {
    const { header, rows } = await exportRows('excel');
    const col = (name: string) => header.indexOf(name);
    const open = rows.filter((row) => Number(row[col('reifegrad')]) < 3).slice(0, 2);
    const [first, second] = open.map((row) => [...row]) as [string[], string[]];
    // Spreadsheet-style German date on the first line, an impossible level on the second.
    first[col('reifegrad')] = '3';
    first[col('online_seit')] = '01.03.2024';
    first[col('loesung')] = 'civento (ekom21)';
    second[col('reifegrad')] = '9';
    const edited = stringify([header, first, second], { delimiter: ';' });

    const dry = await readBody(await upload(edited, 'dry-run'), importCsvRoute, 200);
    expect(dry.applied).toBe(false);
    expect(dry.lines[0]).toMatchObject({
      line: 2,
      outcome: 'changed',
      changes: { maturityLevel: { to: 3 }, onlineSince: { to: '2024-03-01' }, solution: { to: 'civento' } },
    });
    expect(dry.lines[1]).toMatchObject({ line: 3, outcome: 'error' });
    expect(dry.lines[1]?.errors).toContainEqual({
      column: 'reifegrad',
      message: 'Reifegrad muss zwischen 0 und 4 liegen.',
    });

    const refused = await upload(edited, 'commit');
    const refusedBody = await readBody(refused, importCsvRoute, 422);
    expect(refusedBody.error.details?.summary.errors).toBe(1);
    const untouched = await readBody(
      await officer.request('GET', `/api/v1/statuses/${first[col('status_id')]}`),
      getStatusRoute,
      200,
    );
    expect(untouched.maturityLevel).toBeLessThan(3);

    second[col('reifegrad')] = '2';
    const fixed = stringify([header, first, second], { delimiter: ';' });
    const committed = await readBody(await upload(fixed, 'commit'), importCsvRoute, 200);
    expect(committed.applied).toBe(true);
    const applied = await readBody(
      await officer.request('GET', `/api/v1/statuses/${first[col('status_id')]}`),
      getStatusRoute,
      200,
    );
    expect(applied).toMatchObject({ maturityLevel: 3, onlineSince: '2024-03-01', solution: 'civento' });
    const events = await readBody(
      await officer.request('GET', `/api/v1/statuses/${applied.id}/events`),
      statusEventsRoute,
      200,
    );
    expect(events.items[0]?.source).toBe('csv');
  });

  it('lists a line that lowers a Reifegrad or moves "online seit", and applies it only when confirmed', async () => {
    const { header, rows } = await exportRows('excel');
    const col = (name: string) => header.indexOf(name);
    const online = rows.filter((row) => Number(row[col('reifegrad')]) >= 3 && row[col('online_seit')] !== '');
    const [lowered, moved, raised] = online.map((row) => [...row]) as [string[], string[], string[]];
    expect(raised).toBeDefined();
    lowered[col('reifegrad')] = '1';
    lowered[col('online_seit')] = '';
    moved[col('online_seit')] = '2026-01-15';
    raised[col('notiz')] = 'Nur eine Notiz';
    const file = stringify([header, lowered, moved, raised], { delimiter: ';' });

    const dry = await readBody(await upload(file, 'dry-run'), importCsvRoute, 200);
    expect(dry.summary).toMatchObject({ changed: 3, lowering: 2 });
    expect(dry.lines.map((line) => line.lowers ?? [])).toEqual([
      ['maturityLevel', 'onlineSince'],
      ['onlineSince'],
      [],
    ]);

    const refused = await readBody(await upload(file, 'commit'), importCsvRoute, 422);
    expect(refused.error.details?.summary.lowering).toBe(2);
    const kept = await readBody(
      await officer.request('GET', `/api/v1/statuses/${lowered[col('status_id')]}`),
      getStatusRoute,
      200,
    );
    expect(kept.maturityLevel).toBeGreaterThanOrEqual(3);
    const note = await readBody(
      await officer.request('GET', `/api/v1/statuses/${raised[col('status_id')]}`),
      getStatusRoute,
      200,
    );
    expect(note.note).not.toBe('Nur eine Notiz');

    const committed = await readBody(await upload(file, 'commit', 'allow'), importCsvRoute, 200);
    expect(committed.applied).toBe(true);
    const after = await readBody(
      await officer.request('GET', `/api/v1/statuses/${lowered[col('status_id')]}`),
      getStatusRoute,
      200,
    );
    expect(after).toMatchObject({ maturityLevel: 1, onlineSince: null });
  });

  it('reports a row changed since the export as a conflict and never overwrites it', async () => {
    const { header, rows } = await exportRows('plain');
    const col = (name: string) => header.indexOf(name);
    const row = [...(rows[5] as string[])];
    const statusId = Number(row[col('status_id')]);
    const current = await readBody(
      await officer.request('GET', `/api/v1/statuses/${statusId}`),
      getStatusRoute,
      200,
    );
    await officer.request('PATCH', `/api/v1/statuses/${statusId}`, {
      version: current.version,
      note: 'Inzwischen im Browser geändert',
    });

    row[col('notiz')] = 'Aus der Tabelle';
    const result = await readBody(await upload(stringify([header, row]), 'dry-run'), importCsvRoute, 200);
    expect(result.lines[0]).toMatchObject({ outcome: 'conflict', errors: [{ column: 'version' }] });
    expect((await upload(stringify([header, row]), 'commit')).status).toBe(422);
    const after = await readBody(
      await officer.request('GET', `/api/v1/statuses/${statusId}`),
      getStatusRoute,
      200,
    );
    expect(after.note).toBe('Inzwischen im Browser geändert');
  });

  it('refuses a line for another municipality, and keeps formula-like text harmless in Excel', async () => {
    const admin = await signInAs(app, 'admin');
    const others = await readBody(
      await admin.request('GET', '/api/v1/regions/06435902/statuses?pageSize=1'),
      listStatusesRoute,
      200,
    );
    const foreign = others.items[0] as Status;
    const result = await readBody(
      await upload(`status_id;version;notiz\n${foreign.id};${foreign.version};fremd\n`, 'dry-run'),
      importCsvRoute,
      200,
    );
    expect(result.lines[0]).toMatchObject({ outcome: 'error', errors: [{ column: 'status_id' }] });

    const { header, rows } = await exportRows('excel');
    const statusId = Number(rows[0]?.[header.indexOf('status_id')]);
    const status = await readBody(
      await officer.request('GET', `/api/v1/statuses/${statusId}`),
      getStatusRoute,
      200,
    );
    await officer.request('PATCH', `/api/v1/statuses/${statusId}`, {
      version: status.version,
      note: '=HYPERLINK("http://x.example")',
    });
    const exported = await exportRows('excel');
    const noteCell = exported.rows.find((row) => Number(row[header.indexOf('status_id')]) === statusId)?.[
      header.indexOf('notiz')
    ];
    expect(noteCell).toBe(`'=HYPERLINK("http://x.example")`);
    const roundTrip = await readBody(await upload(exported.text, 'dry-run'), importCsvRoute, 200);
    expect(roundTrip.summary.changed).toBe(0);
  });

  it('refuses files with unknown columns, other municipalities and oversized bodies', async () => {
    const badHeader = await upload('status_id;version;farbe\n1;1;rot\n', 'dry-run');
    expect((await readBody(badHeader, importCsvRoute, 400)).error.message).toMatch(/farbe/);
    const viewer = await signInAs(app, 'viewer');
    const forbidden = await viewer.request(
      'POST',
      `/api/v1/regions/${KEY}/statuses.csv?mode=dry-run`,
      'status_id;version\n',
      {
        'content-type': 'text/csv',
      },
    );
    expect(forbidden.status).toBe(403);
    const huge = await upload(`status_id;version\n${'1;1\n'.repeat(1_500_000)}`, 'dry-run');
    expect((await readBody(huge, importCsvRoute, 413)).error.code).toBe('payload_too_large');
  });
});

/** Text in Windows-1252, byte by byte as German Excel saves "CSV (Trennzeichen-getrennt)". */
function windows1252(text: string): Uint8Array {
  const beyondLatin1: Record<string, number> = { '€': 0x80, '„': 0x84, '“': 0x93, '–': 0x96 };
  return new Uint8Array(
    [...text].map((char) => {
      const code = beyondLatin1[char] ?? char.charCodeAt(0);
      if (code > 0xff) throw new Error(`${char} is not in Windows-1252`);
      return code;
    }),
  );
}

const uploadBytes = (bytes: Uint8Array, mode: 'dry-run' | 'commit') =>
  officer.request('POST', `/api/v1/regions/${KEY}/statuses.csv?mode=${mode}`, bytes, {
    'content-type': 'text/csv',
  });

describe('CSV from German Excel', () => {
  it('imports a Windows-1252 file with umlauts, separator-only lines and trailing empty rows', async () => {
    const { header, rows } = await exportRows('excel');
    const col = (name: string) => header.indexOf(name);
    const [first, second] = rows
      .filter((row) => Number(row[col('reifegrad')]) < 3)
      .slice(2, 4)
      .map((row) => [...row]) as [string[], string[]];
    first[col('status')] = 'Zurückgestellt';
    first[col('notiz')] = 'Prüfung läuft – „Größe“ 5 €';
    second[col('loesung')] = 'Eigene Lösung';
    second[col('kontakt')] = 'Jürgen Weiß';
    const separators = ';'.repeat(header.length - 1);
    const text = [
      header.join(';'),
      first.join(';'),
      separators,
      second.join(';'),
      separators,
      separators,
      '',
      '',
    ].join('\r\n');
    const bytes = windows1252(text);
    // The file really is Windows-1252: ü is the single byte 0xFC, ö 0xF6, and it is not valid UTF-8.
    expect(bytes).toContain(0xfc);
    expect(bytes).toContain(0xf6);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();

    const res = await uploadBytes(bytes, 'commit');
    expect(res.status).toBe(200);
    const result = await readBody(res, importCsvRoute, 200);
    expect(result.applied).toBe(true);
    expect(result.summary).toEqual({ changed: 2, unchanged: 0, errors: 0, conflicts: 0, lowering: 0 });
    // Lines keep their numbers in the file: the separator-only line 3 is skipped, not renumbered.
    expect(result.lines.map((line) => line.line)).toEqual([2, 4]);
    const stored = async (row: string[]) =>
      await readBody(
        await officer.request('GET', `/api/v1/statuses/${row[col('status_id')]}`),
        getStatusRoute,
        200,
      );
    expect(await stored(first)).toMatchObject({
      workflowState: 'paused',
      note: 'Prüfung läuft – „Größe“ 5 €',
    });
    expect(await stored(second)).toMatchObject({ solution: 'own', contact: 'Jürgen Weiß' });
  });

  it('imports a UTF-8 file with byte order mark and names the labels with umlauts', async () => {
    const { header, rows } = await exportRows('excel');
    const col = (name: string) => header.indexOf(name);
    const row = [...(rows.filter((r) => Number(r[col('reifegrad')]) < 3)[4] as string[])];
    row[col('status')] = 'Zurückgestellt';
    row[col('notiz')] = 'Über die Kreisverwaltung';
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode(`${header.join(';')}\r\n${row.join(';')}\r\n;;;\r\n`),
    ]);
    const res = await uploadBytes(bytes, 'commit');
    expect(res.status).toBe(200);
    const status = await readBody(
      await officer.request('GET', `/api/v1/statuses/${row[col('status_id')]}`),
      getStatusRoute,
      200,
    );
    expect(status).toMatchObject({ workflowState: 'paused', note: 'Über die Kreisverwaltung' });
  });

  it('refuses a file that is neither UTF-8 nor Windows-1252 with a 400 naming the line', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('status_id;version\n1;1\n'), 0x81, 0x0a]);
    const res = await uploadBytes(bytes, 'dry-run');
    expect((await readBody(res, importCsvRoute, 400)).error.message).toMatch(/Zeile 3/);
  });
});
