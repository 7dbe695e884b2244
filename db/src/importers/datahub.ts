import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { textProblem } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Database, type Db, intArray, queryRowsAs } from '../client';
import { refreshDatahubCounts } from '../datahub';
import { ImportFileError, ImportRefusedError, type ProgressReporter, silentProgress } from './errors';
import { readSpreadsheetCsv } from './spreadsheet-csv';
import { binaryFileProblem, isZip, readSpreadsheetXlsx } from './spreadsheet-xlsx';
import { decodeUploadedText, TextDecodingError } from './text-encoding';

/*
 * The federal Data Hub export (../shared/docs/sources.md, decision 021): JSON
 * pages as GET /v1/data returns them, or the CSV or XLSX per ARS with the same
 * fields as columns. The records are stored per import beside the statuses, never
 * written into them: the reconciliation shows the differences to the officer.
 */

export const DATAHUB_ONLINE_STATUSES = ['ok', 'nicht ok'] as const;
export type DatahubRecord = {
  /** Where the record stands, for messages: "datei.csv:12", "datei.xlsx:Tabelle1:12" or "seite.json: content[3]". */
  place: string;
  ars: string;
  leikaKey: string | null;
  ozgId: number | null;
  url: string | null;
  onlineStatus: (typeof DATAHUB_ONLINE_STATUSES)[number];
  coverage: string | null;
  arsName: string | null;
  serviceName: string | null;
};

/**
 * One uploaded file: its text (JSON or CSV, already decoded), or its bytes as
 * read from disk or the request, whose format is then told by the content (an
 * XLSX workbook is a ZIP archive), not by the name, which users change.
 */
export type DatahubFile = { fileName: string } & (
  | { text: string }
  | { bytes: Uint8Array }
  /** Read when its turn comes, so that a national export of some hundred pages is never in memory at once. */
  | { path: string }
);

const CSV_COLUMNS = ['ars', 'leika_key', 'ozgid', 'url', 'online_status'] as const;

/** Parses every file (JSON page(s), CSV or XLSX), all or nothing; throws at the first malformed record. */
export async function parseDatahub(files: readonly DatahubFile[]): Promise<DatahubRecord[]> {
  const records: DatahubRecord[] = [];
  for (const file of files) {
    for (const record of await parseFile(file)) records.push(record);
  }
  return records;
}

async function parseFile(file: DatahubFile): Promise<DatahubRecord[]> {
  if ('path' in file) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file.path);
    } catch (error) {
      throw new ImportRefusedError(
        `Datei ${file.path} kann nicht gelesen werden: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    return parseFile({ fileName: file.fileName, bytes });
  }
  let text: string;
  if ('bytes' in file) {
    if (isZip(file.bytes)) return parseXlsx(file.fileName, file.bytes);
    const binary = binaryFileProblem(file.bytes);
    if (binary)
      throw new ImportFileError(
        file.fileName,
        null,
        `${binary}. Erwartet: JSON-Seiten von GET /v1/data, CSV oder XLSX je ARS`,
      );
    try {
      text = decodeUploadedText(file.bytes).text;
    } catch (error) {
      if (error instanceof TextDecodingError)
        throw new ImportFileError(file.fileName, error.line, error.problem);
      throw error;
    }
  } else text = file.text;
  const content = text.replace(/^\uFEFF/, '');
  if (!content.trim()) throw new ImportFileError(file.fileName, null, 'die Datei ist leer');
  const start = content.trimStart()[0];
  return start === '{' || start === '['
    ? parseJson(file.fileName, content)
    : parseCsv(file.fileName, content);
}

function parseJson(fileName: string, text: string): DatahubRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(fileName, null, `kein gültiges JSON: ${(error as Error).message}`);
  }
  // One page, or a file holding the pages of a download as an array.
  const pages = Array.isArray(data) ? data : [data];
  return pages.flatMap((page, pageIndex) => {
    const prefix = Array.isArray(data) ? `[${pageIndex}].` : '';
    if (!page || typeof page !== 'object' || !Array.isArray((page as { content?: unknown }).content)) {
      throw new ImportFileError(
        fileName,
        null,
        'keine Seite des Data Hub (Objekt mit "content", "totalPages" …)',
        `${prefix}content`,
      );
    }
    return ((page as { content: unknown[] }).content as unknown[]).map((record, index) => {
      const place = `${prefix}content[${index}]`;
      if (!record || typeof record !== 'object')
        throw new ImportFileError(fileName, null, 'kein Datensatz (Objekt erwartet)', place);
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
        values[key] = value === null || value === undefined ? '' : String(value).trim();
      }
      return toRecord(
        values,
        (column, problem) => {
          throw new ImportFileError(fileName, null, problem, `${place}.${column}`);
        },
        `${fileName}: ${place}`,
      );
    });
  });
}

/** The separator of the header line: the one of ; , or tab that occurs most outside quotes. */
function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const candidates = [';', ',', '\t'];
  let best = ',';
  let bestCount = 0;
  for (const candidate of candidates) {
    const count = unquoted.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function parseCsv(fileName: string, text: string): DatahubRecord[] {
  const delimiter = detectDelimiter(text.split(/\r?\n/, 1)[0] ?? '');
  const { header, rows } = readSpreadsheetCsv(text, fileName, { delimiter });
  const columns = headerColumns(header, (line, problem) => {
    throw new ImportFileError(fileName, line, problem);
  });
  return rows.map(({ record, line }) => {
    if (record.length !== columns.length) {
      throw new ImportFileError(
        fileName,
        line,
        `${record.length} Felder statt ${columns.length} (Trennzeichen "${delimiter === '\t' ? 'Tab' : delimiter}")`,
      );
    }
    return toRecord(
      rowValues(columns, record),
      (column, problem) => {
        throw new ImportFileError(fileName, line, problem, column);
      },
      `${fileName}:${line}`,
    );
  });
}

/**
 * The Bund's XLSX per ARS: the same columns as the CSV on the first sheet with
 * content. An ARS that Excel stored as a number has lost its leading zero
 * (every ARS of the Länder 01 to 09 starts with one, none with two): eleven
 * digits in a number cell are padded back, any other length is refused.
 */
async function parseXlsx(fileName: string, bytes: Uint8Array): Promise<DatahubRecord[]> {
  const { sheet, header, rows } = await readSpreadsheetXlsx(bytes, fileName);
  const columns = headerColumns(header, (line, problem) => {
    throw new ImportFileError(fileName, line, problem, undefined, sheet);
  });
  const arsIndex = columns.indexOf('ars');
  return rows.map(({ record, numeric, line }) => {
    const fail = (column: string, problem: string): never => {
      throw new ImportFileError(fileName, line, problem, column, sheet);
    };
    const beyond = record.findIndex((value, index) => index >= columns.length && value.trim() !== '');
    if (beyond !== -1)
      fail(
        columnLetter(beyond),
        `Wert "${(record[beyond] ?? '').slice(0, 40)}" in einer Spalte ohne Überschrift`,
      );
    const values = rowValues(columns, record);
    const arsIsNumber = numeric[arsIndex] === true;
    if (arsIsNumber && /^[0-9]{11}$/.test(values.ars ?? '')) values.ars = `0${values.ars}`;
    return toRecord(values, fail, `${fileName}:${sheet}:${line}`, { arsIsNumber });
  });
}

/** Excel's name of a 0-based column: A … Z, AA … */
function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `Spalte ${name}`;
}

/** The lower-cased column names of the header row; every required column must be there. */
function headerColumns(
  header: { record: string[]; line: number },
  fail: (line: number, problem: string) => never,
): string[] {
  const columns = header.record.map((column) => column.trim().toLowerCase());
  for (const expected of CSV_COLUMNS) {
    if (!columns.includes(expected))
      fail(
        header.line,
        `Spalte "${expected}" fehlt (erwartet mindestens: ${CSV_COLUMNS.join(', ')}; gefunden: ${columns.filter(Boolean).join(', ')})`,
      );
  }
  return columns;
}

function rowValues(columns: readonly string[], record: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  columns.forEach((column, index) => {
    if (column !== '') values[column] = (record[index] ?? '').trim();
  });
  return values;
}

function toRecord(
  values: Record<string, string>,
  fail: (column: string, problem: string) => never,
  place: string,
  cell: { arsIsNumber?: boolean } = {},
): DatahubRecord {
  // Checked first: PostgreSQL refuses NUL in text and a lone surrogate in jsonb (a 500, not a message).
  for (const [column, value] of Object.entries(values)) {
    const problem = textProblem(value);
    if (problem) fail(column, problem);
  }
  const ars = values.ars ?? '';
  if (!/^[0-9]{12}$/.test(ars)) fail('ars', arsProblem(ars, cell.arsIsNumber === true));
  const leikaKey = values.leika_key ?? '';
  if (leikaKey !== '' && !/^[0-9]{1,14}$/.test(leikaKey))
    fail('leika_key', `"${leikaKey}" ist kein LeiKa-Schlüssel (bis zu 14 Ziffern)`);
  const ozgId = values.ozgid ?? '';
  if (ozgId !== '' && !/^[0-9]{1,9}$/.test(ozgId)) fail('ozgid', `"${ozgId}" ist keine OZG-ID (ganze Zahl)`);
  if (leikaKey === '' && ozgId === '') fail('ozgid', 'weder OZG-ID noch LeiKa-Schlüssel angegeben');
  const url = values.url ?? '';
  if (url !== '' && (!/^https?:\/\/\S+$/i.test(url) || url.length > 2000))
    fail('url', `"${url.slice(0, 80)}" ist keine http- oder https-Adresse`);
  const onlineStatus = (values.online_status ?? '').toLowerCase();
  if (!(DATAHUB_ONLINE_STATUSES as readonly string[]).includes(onlineStatus))
    fail(
      'online_status',
      `"${values.online_status ?? ''}" ist kein Online-Status (erwartet "ok" oder "nicht ok")`,
    );
  const coverage = values.art_flaechendeckung ?? '';
  return {
    place,
    ars,
    leikaKey: leikaKey || null,
    ozgId: ozgId === '' ? null : Number(ozgId),
    url: url || null,
    onlineStatus: onlineStatus as DatahubRecord['onlineStatus'],
    coverage: coverage ? coverage.slice(0, 60) : null,
    arsName: values.ars_name || null,
    serviceName: values.ozg_bezeichnung || values.leika_name || null,
  };
}

/** Why a value is no 12-digit ARS, with the likely cause when a spreadsheet dropped the leading zero. */
function arsProblem(ars: string, storedAsNumber: boolean): string {
  if (ars === '') return 'kein Regionalschlüssel (ARS) angegeben (zwölf Ziffern, z. B. 064350901901)';
  if (!/^[0-9]+$/.test(ars))
    return `"${ars.slice(0, 40)}" ist kein Regionalschlüssel (ARS): zwölf Ziffern erwartet, z. B. 064350901901`;
  const base = `"${ars}" hat ${ars.length} statt 12 Ziffern: kein Regionalschlüssel (ARS)`;
  if (storedAsNumber)
    return `${base}; die Zelle ist als Zahl gespeichert, bitte die Spalte als Text formatieren und den vollständigen ARS eintragen`;
  if (ars.length === 11)
    return `${base}; vermutlich hat eine Tabellenkalkulation die führende Null entfernt (Spalte als Text formatieren)`;
  return base;
}

export type DatahubImportSummary = {
  importId: number | null;
  /** True when the content equals the latest import: nothing was stored. */
  unchanged: boolean;
  records: number;
  matched: number;
  regions: number;
  unknownArs: { ars: string; name: string | null; records: number }[];
  unknownService: { place: string; ozgId: number | null; leikaKey: string | null; name: string | null }[];
};

const UNMATCHED_LISTED = 50;
/** Matched records per insert statement: a national export (≈5 million) takes a few hundred statements. */
const INSERT_BATCH = 20_000;

/** A PostgreSQL array literal of texts (null as NULL), sent as one parameter and read by unnest. */
function textArray(values: readonly (string | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${value.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/**
 * A digest of the matched records that does not depend on their order (the
 * Bund's pages come in any order): the sum, modulo 2^128, of an MD5 per
 * record. MD5 for speed, not security: it only tells "same content as last
 * time" (a collision stores a copy, or takes a changed file for unchanged,
 * with odds of 2^-128), and a sum needs neither all records in memory nor a
 * sort of five million lines.
 */
class ContentDigest {
  private high = 0n;
  private low = 0n;
  add(line: string) {
    const digest = createHash('md5').update(line).digest();
    this.high = (this.high + digest.readBigUInt64BE(0)) & 0xffffffffffffffffn;
    this.low = (this.low + digest.readBigUInt64BE(8)) & 0xffffffffffffffffn;
  }
  hex(count: number): string {
    return `m${count.toString(16)}-${this.high.toString(16).padStart(16, '0')}${this.low.toString(16).padStart(16, '0')}`;
  }
}

/** The matched records, column by column, in batches ready for one insert each. */
class MatchedBatches {
  readonly batches: { size: number; columns: string[] }[] = [];
  readonly regionIds = new Set<number>();
  count = 0;
  private rows: [number, number, string, string | null, string | null, string, string | null][] = [];
  push(regionId: number, ozgId: number, record: DatahubRecord) {
    this.rows.push([
      regionId,
      ozgId,
      record.ars,
      record.leikaKey,
      record.url,
      record.onlineStatus,
      record.coverage,
    ]);
    this.regionIds.add(regionId);
    this.count++;
    if (this.rows.length >= INSERT_BATCH) this.seal();
  }
  /** Renders the pending rows as array literals: one flat string per column instead of 20,000 objects. */
  seal() {
    if (this.rows.length === 0) return;
    const column = (index: number) => this.rows.map((row) => row[index] as string | null);
    this.batches.push({
      size: this.rows.length,
      columns: [
        `{${this.rows.map((row) => row[0]).join(',')}}`,
        `{${this.rows.map((row) => row[1]).join(',')}}`,
        ...[2, 3, 4, 5, 6].map((index) => textArray(column(index))),
      ],
    });
    this.rows = [];
  }
}

/**
 * Imports the Data Hub files, all or nothing: every record is checked first,
 * then matched to a current region by ARS (a Kreis' 5-digit ARS is padded with
 * zeros as the Bund writes it) and to an OZG-Leistung by OZG-ID, else by
 * LeiKa key. Unmatched records are counted and listed, never dropped
 * silently. The same content twice stores nothing the second time.
 *
 * Built for a national export (≈5 million records in some hundred pages):
 * files are parsed one at a time and only their matched records kept, as
 * column arrays; nothing is written before the last file has been checked;
 * then the records are stored with one multi-row insert (unnest of arrays)
 * per 20,000 in the same transaction, and the differences of the imported
 * regions counted (datahub_region_counts).
 */
export async function importDatahub(input: {
  database: Database;
  files: readonly DatahubFile[];
  actorUserId?: number | null;
  progress?: ProgressReporter;
}): Promise<DatahubImportSummary> {
  const progress = input.progress ?? silentProgress;
  const { db: base } = input.database;
  const regionRows = await queryRowsAs(
    base,
    z.object({ ars: z.string(), region_id: z.number() }),
    sql`select rpad(ars, 12, '0') as ars, region_id from region_versions where valid_to is null`,
  );
  const regionByArs = new Map(regionRows.map((row) => [row.ars, row.region_id]));
  const services = new Set(
    (await queryRowsAs(base, z.object({ ozg_id: z.number() }), sql`select ozg_id from ozg_services`)).map(
      (row) => row.ozg_id,
    ),
  );
  const leika = new Map(
    (
      await queryRowsAs(
        base,
        z.object({ leika_key: z.string(), ozg_id: z.number() }),
        sql`select leika_key, ozg_id from leika_services where leika_key is not null and ozg_id is not null`,
      )
    ).map((row) => [row.leika_key, row.ozg_id]),
  );

  const unknownArs = new Map<string, { ars: string; name: string | null; records: number }>();
  const unknownService: DatahubImportSummary['unknownService'] = [];
  let unknownServiceCount = 0;
  let records = 0;
  const matched = new MatchedBatches();
  const digest = new ContentDigest();
  for (const [index, file] of input.files.entries()) {
    progress(index, input.files.length, 'Prüfen und Zuordnen');
    for (const record of await parseFile(file)) {
      records++;
      const regionId = regionByArs.get(record.ars);
      if (regionId === undefined) {
        const entry = unknownArs.get(record.ars) ?? { ars: record.ars, name: record.arsName, records: 0 };
        entry.records++;
        unknownArs.set(record.ars, entry);
        continue;
      }
      const ozgId =
        record.ozgId !== null && services.has(record.ozgId)
          ? record.ozgId
          : record.leikaKey
            ? leika.get(record.leikaKey)
            : undefined;
      if (ozgId === undefined) {
        unknownServiceCount++;
        if (unknownService.length < UNMATCHED_LISTED)
          unknownService.push({
            place: record.place,
            ozgId: record.ozgId,
            leikaKey: record.leikaKey,
            name: record.serviceName,
          });
        continue;
      }
      matched.push(regionId, ozgId, record);
      digest.add(
        [regionId, ozgId, record.leikaKey, record.url, record.onlineStatus, record.coverage].join('\u0001'),
      );
    }
  }
  matched.seal();
  progress(input.files.length, input.files.length, 'Prüfen und Zuordnen');
  if (records === 0)
    throw new ImportFileError(
      input.files[0]?.fileName ?? 'Data Hub',
      null,
      'die Datei enthält keine Datensätze',
    );

  const checksum = digest.hex(matched.count);
  const summary: DatahubImportSummary = {
    importId: null,
    unchanged: false,
    records,
    matched: matched.count,
    regions: matched.regionIds.size,
    unknownArs: [...unknownArs.values()].slice(0, UNMATCHED_LISTED),
    unknownService,
  };
  return input.database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [latest] = await queryRowsAs(
      db,
      z.object({ checksum: z.string() }),
      sql`select checksum from datahub_imports order by id desc limit 1`,
    );
    if (latest?.checksum === checksum) return { ...summary, unchanged: true };
    const [created] = await queryRowsAs(
      db,
      z.object({ id: z.number() }),
      sql`insert into datahub_imports (file_names, checksum, records, matched, unmatched, imported_by)
          values (${JSON.stringify(input.files.map((file) => file.fileName))}::jsonb, ${checksum},
            ${records}, ${matched.count},
            ${JSON.stringify({
              unknownArs: summary.unknownArs.map((entry) => entry.ars),
              unknownService: unknownService.map((entry) => entry.place),
              counts: {
                ars: [...unknownArs.values()].reduce((sum, e) => sum + e.records, 0),
                service: unknownServiceCount,
              },
            })}::jsonb, ${input.actorUserId ?? null})
          returning id`,
    );
    const importId = (created as { id: number }).id;
    let done = 0;
    progress(0, matched.count, 'Speichern');
    for (const batch of matched.batches) {
      const [regions, ozgIds, ars, leikaKeys, urls, statuses, coverage] = batch.columns;
      await db.execute(sql`
        insert into datahub_records (import_id, region_id, ozg_id, ars, leika_key, url, online_status, coverage)
        select ${importId}, r.* from unnest(${regions}::int[], ${ozgIds}::int[], ${ars}::text[],
          ${leikaKeys}::text[], ${urls}::text[], ${statuses}::text[], ${coverage}::text[])
          as r(region_id, ozg_id, ars, leika_key, url, online_status, coverage)`);
      done += batch.size;
      progress(done, matched.count, 'Speichern');
    }
    // Only the latest import per region counts (differencesSql): the records of older imports for the
    // regions this one covers are superseded. Kept, a national import added 5 million rows each time.
    await db.execute(sql`
      delete from datahub_records
      where region_id = any(${intArray([...matched.regionIds])}) and import_id < ${importId}`);
    // Fresh statistics for the reconciliation's plans after a large load (allowed in a transaction).
    if (matched.count > 50_000) await db.execute(sql`analyze datahub_records`);
    progress(0, 1, 'Abweichungen zählen');
    await refreshDatahubCounts(db, [...matched.regionIds]);
    progress(1, 1, 'Abweichungen zählen');
    return { ...summary, importId };
  });
}
