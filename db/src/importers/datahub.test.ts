import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../client';
import { DATAHUB_CSV_COLUMNS, demoDatahubCsv, demoDatahubXlsx } from '../demo';
import { createDemoTestDatabase } from '../testing';
import { type DatahubFile, importDatahub, parseDatahub } from './datahub';
import { ImportFileError } from './errors';
import { readSpreadsheetXlsx } from './spreadsheet-xlsx';

const GEMEINDE_ARS = '064350901901'; // the demo officer's Gemeinde

/** A workbook with one sheet "Tabelle1" holding the rows as given (cells typed as JavaScript values). */
async function workbook(rows: ExcelJS.CellValue[][], edit?: (sheet: ExcelJS.Worksheet) => void) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Tabelle1');
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

const HEADER = [...DATAHUB_CSV_COLUMNS];
/** One record in the column order of DATAHUB_CSV_COLUMNS. */
const row = (
  ars: ExcelJS.CellValue,
  ozgId: number,
  status = 'ok',
  url = `https://portal.example/${ozgId}`,
) => ['', 'Leistung', ars, 'Demo', ozgId, 'Leistung', url, status, 'ja', 'in mind. einer Kommune verfügbar'];

async function refusal(files: DatahubFile[]): Promise<ImportFileError> {
  try {
    await parseDatahub(files);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('nicht abgelehnt');
}

describe('readSpreadsheetXlsx', () => {
  it('reads cells as Excel shows them and skips empty rows, keeping the row numbers', async () => {
    const bytes = await workbook(
      [
        ['Text', 'Zahl', 'Datum', 'Formel'],
        [
          { richText: [{ text: 'Hunde' }, { text: 'steuer', font: { bold: true } }] },
          99041006017000,
          new Date(Date.UTC(2026, 0, 5)),
          { formula: '1+1', result: 2 },
        ],
        [],
        [{ text: 'Portal', hyperlink: 'https://portal.example/' }, 5, 'x', ''],
        ['', '', '', ''],
      ],
      (sheet) => {
        sheet.getCell('B4').numFmt = '000000000000';
        // Formatting down the sheet, as Excel leaves it: styled cells without a value.
        sheet.getCell('A9').font = { bold: true };
      },
    );
    const table = await readSpreadsheetXlsx(bytes, 'x.xlsx');
    expect(table.sheet).toBe('Tabelle1');
    expect(table.header).toMatchObject({ line: 1, record: ['Text', 'Zahl', 'Datum', 'Formel'] });
    expect(table.rows).toEqual([
      {
        line: 2,
        record: ['Hundesteuer', '99041006017000', '2026-01-05', '2'],
        numeric: [false, true, false, true],
      },
      { line: 4, record: ['Portal', '000000000005', 'x', ''], numeric: [false, true, false, false] },
    ]);
  });
});

describe('Data Hub XLSX (decision 021)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createDemoTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const storedRows = (importId: number | null) =>
    queryRows<{ ars: string }>(
      database.db,
      sql`select region_id, ozg_id, ars, leika_key, url, online_status, coverage
          from datahub_records where import_id = ${importId} order by ozg_id`,
    );
  const recordCount = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from datahub_records`))[0]?.n;

  it('imports the same records from the XLSX as from the equivalent CSV', async () => {
    const csv = await demoDatahubCsv(database.db, GEMEINDE_ARS);
    const xlsx = await demoDatahubXlsx(database.db, GEMEINDE_ARS);
    const fromCsv = await importDatahub({ database, files: [{ text: csv, fileName: 'gemeinde.csv' }] });
    expect(fromCsv.matched).toBeGreaterThan(10);
    const csvRows = await storedRows(fromCsv.importId);
    expect(csvRows).toHaveLength(fromCsv.matched);

    // Same content: the checksum over the matched records makes the XLSX a no-op ...
    const again = await importDatahub({ database, files: [{ bytes: xlsx, fileName: 'gemeinde.xlsx' }] });
    expect(again).toMatchObject({ unchanged: true, records: fromCsv.records, matched: fromCsv.matched });
    // ... so to compare the stored rows, the CSV's import goes first.
    await database.db.execute(sql`delete from datahub_imports where id = ${fromCsv.importId}`);
    const fromXlsx = await importDatahub({ database, files: [{ bytes: xlsx, fileName: 'gemeinde.xlsx' }] });
    expect(fromXlsx.unchanged).toBe(false);
    expect(await storedRows(fromXlsx.importId)).toEqual(csvRows);
  });

  it('refuses a malformed row naming file, sheet, row and column, and writes nothing', async () => {
    const before = await recordCount();
    const imports = async (rows: ExcelJS.CellValue[][]) => {
      try {
        await importDatahub({
          database,
          files: [{ bytes: await workbook([HEADER, ...rows]), fileName: 'kaputt.xlsx' }],
        });
      } catch (error) {
        if (error instanceof ImportFileError) return error;
        throw error;
      }
      throw new Error('nicht abgelehnt');
    };
    const status = await imports([row(GEMEINDE_ARS, 10001), row(GEMEINDE_ARS, 10002, 'vielleicht')]);
    expect(status).toMatchObject({
      file: 'kaputt.xlsx',
      sheet: 'Tabelle1',
      line: 3,
      column: 'online_status',
    });
    expect(status.message).toMatch(
      /^kaputt\.xlsx:Tabelle1:3: online_status: "vielleicht" ist kein Online-Status/,
    );

    const ars = await imports([row(GEMEINDE_ARS, 10001), row('06435090190', 10002)]);
    expect(ars).toMatchObject({ sheet: 'Tabelle1', line: 3, column: 'ars' });
    expect(ars.problem).toBe(
      '"06435090190" hat 11 statt 12 Ziffern: kein Regionalschlüssel (ARS); vermutlich hat eine Tabellenkalkulation die führende Null entfernt (Spalte als Text formatieren)',
    );
    // A number cell of another length cannot be a lost zero: refused, saying why.
    const short = await imports([row(6435, 10002)]);
    expect(short).toMatchObject({ line: 2, column: 'ars' });
    expect(short.problem).toMatch(/^"6435" hat 4 statt 12 Ziffern: .*als Zahl gespeichert/);
    expect(await recordCount()).toBe(before);
  });

  it('pads an ARS that Excel stored as a number and ignores trailing empty rows', async () => {
    const [a, b] = (
      await queryRows<{ ozg_id: number }>(
        database.db,
        sql`select ozg_id from ozg_services order by ozg_id limit 2`,
      )
    ).map((service) => service.ozg_id) as [number, number];
    const bytes = await workbook(
      [HEADER, row(Number(GEMEINDE_ARS), a), row(GEMEINDE_ARS, b, 'nicht ok'), ['', '', ''], []],
      (sheet) => {
        sheet.getCell('A40').border = { top: { style: 'thin' } };
      },
    );
    const [first, second] = await parseDatahub([{ bytes, fileName: 'zahl.xlsx' }]);
    expect(first).toMatchObject({ place: 'zahl.xlsx:Tabelle1:2', ars: GEMEINDE_ARS, ozgId: a });
    expect(second).toMatchObject({
      place: 'zahl.xlsx:Tabelle1:3',
      ars: GEMEINDE_ARS,
      onlineStatus: 'nicht ok',
    });
    const summary = await importDatahub({ database, files: [{ bytes, fileName: 'zahl.xlsx' }] });
    expect(summary).toMatchObject({ records: 2, matched: 2, regions: 1, unknownArs: [] });
    expect((await storedRows(summary.importId)).map((stored) => stored.ars)).toEqual([
      GEMEINDE_ARS,
      GEMEINDE_ARS,
    ]);
  });

  it('tells formats by content: an XLSX named .csv is read, other binaries are refused by name', async () => {
    const xlsx = await workbook([HEADER, row(GEMEINDE_ARS, 10001)]);
    expect(await parseDatahub([{ bytes: xlsx, fileName: 'falsch-benannt.csv' }])).toHaveLength(1);

    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect((await refusal([{ bytes: xls, fileName: 'alt.xls' }])).problem).toMatch(
      /^alte Excel-Arbeitsmappe \(\.xls\)/,
    );
    const binary = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]);
    expect((await refusal([{ bytes: binary, fileName: 'programm' }])).problem).toMatch(
      /^Binärdatei, keine Text-, CSV-, JSON- oder XLSX-Datei\. Erwartet: JSON-Seiten/,
    );
    // A ZIP archive whose first part ([Content_Types].xml) is damaged.
    const zip = xlsx.slice();
    zip.fill(0x41, 60, 400);
    expect((await refusal([{ bytes: zip, fileName: 'archiv.zip' }])).problem).toMatch(
      /^keine lesbare XLSX-Arbeitsmappe/,
    );
    const truncated = xlsx.subarray(0, 200);
    expect((await refusal([{ bytes: truncated, fileName: 'halb.xlsx' }])).problem).toMatch(
      /beschädigtes oder unvollständiges ZIP-Archiv/,
    );
  });

  it('refuses NUL and lone surrogates (from JSON escapes or a CSV) naming the place', async () => {
    const page = (record: Record<string, unknown>) =>
      JSON.stringify({
        content: [{ ars: GEMEINDE_ARS, ozgid: 10001, url: null, online_status: 'ok', ...record }],
      });
    const surrogate = await refusal([{ text: page({ ars_name: 'Demo\ud800' }), fileName: 'seite.json' }]);
    expect(surrogate.message).toBe(
      'seite.json: content[0].ars_name: Enthält ein ungültiges Unicode-Zeichen (einzelnes UTF-16-Surrogat).',
    );
    const nul = await refusal([{ text: page({ url: 'https://a.example/\u0000' }), fileName: 'seite.json' }]);
    expect(nul.message).toBe('seite.json: content[0].url: Enthält das unzulässige Zeichen NUL (U+0000).');
    const csv = `ars;ozgid;leika_key;url;online_status\n${GEMEINDE_ARS};10001;;;ok\n${GEMEINDE_ARS};10002;;;o\u0000k\n`;
    const inCsv = await refusal([{ bytes: new TextEncoder().encode(csv), fileName: 'nul.csv' }]);
    expect(inCsv).toMatchObject({ line: 3, column: 'online_status' });
    expect(inCsv.problem).toBe('Enthält das unzulässige Zeichen NUL (U+0000).');
  });
});

describe('a newer Data Hub import', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createDemoTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const perRegion = async () =>
    new Map(
      (
        await queryRows<{ region_id: number; imports: number[]; n: number }>(
          database.db,
          sql`select region_id, array_agg(distinct import_id order by import_id) as imports, count(*)::int as n
              from datahub_records group by region_id`,
        )
      ).map((row) => [row.region_id, row]),
    );

  it('replaces the records of the regions it covers and keeps those of the others', async () => {
    const before = await perRegion();
    expect(before.size).toBeGreaterThan(1);
    // The officer's Gemeinde only, one URL changed so that the content is new.
    const csv = (await demoDatahubCsv(database.db, GEMEINDE_ARS)).replace('https://', 'https://neu.');
    const result = await importDatahub({ database, files: [{ text: csv, fileName: 'gemeinde.csv' }] });
    expect(result.unchanged).toBe(false);
    const [gemeinde] = await queryRows<{ id: number }>(
      database.db,
      sql`select region_id as id from region_versions where ars = ${GEMEINDE_ARS} and valid_to is null`,
    );
    const after = await perRegion();
    // The covered region holds the new import's records only: no superseded rows pile up.
    expect(after.get(gemeinde?.id as number)).toEqual({
      region_id: gemeinde?.id,
      imports: [result.importId],
      n: result.matched,
    });
    // Every other region keeps what it had.
    for (const [regionId, row] of before)
      if (regionId !== gemeinde?.id) expect(after.get(regionId), String(regionId)).toEqual(row);
  });
});
