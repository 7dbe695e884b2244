import {
  decodeUploadedText,
  ImportFileError,
  readSpreadsheetCsv,
  TextDecodingError,
} from '@ozg/db/importers';
import { stringify } from 'csv-stringify/sync';
import { AppError } from './errors';

/**
 * CSV in and out for spreadsheets. Exports for Excel are UTF-8 with a byte
 * order mark (else Excel misreads umlauts), ";" (German Excel's separator) and
 * CRLF; the plain variant uses "," and LF.
 */
export type CsvVariant = 'excel' | 'plain';

// A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes text that a spreadsheet would run as a formula with an apostrophe, which spreadsheets hide. */
function spreadsheetSafe(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Removes the apostrophe that spreadsheetSafe put before a formula-like text. */
export function fromSpreadsheet(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * A cell for German Excel: numbers with the decimal comma (German Excel reads
 * "14.7" as 14 July), text made formula-safe. Numbers are formatted here, after
 * the formula check, so that "-3,5" is not taken for a formula.
 */
function excelCell(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  return value === null || value === undefined ? '' : spreadsheetSafe(value);
}

export function writeCsv(rows: unknown[][], variant: CsvVariant): string {
  if (variant === 'plain') return stringify(rows, { delimiter: ',', record_delimiter: '\n' });
  const text = stringify(
    rows.map((row) => row.map(excelCell)),
    { delimiter: ';', record_delimiter: '\r\n' },
  );
  return `\uFEFF${text}`;
}

/**
 * The text of an uploaded file, from its bytes: UTF-8 (with or without BOM) or
 * Windows-1252 (German Excel). Handlers pass the raw bytes (never c.req.text(),
 * which decodes as UTF-8 and turns every Windows-1252 umlaut into U+FFFD).
 */
export function uploadedText(bytes: Uint8Array, what: string): string {
  try {
    return decodeUploadedText(bytes).text;
  } catch (error) {
    if (!(error instanceof TextDecodingError)) throw error;
    throw new AppError('validation_failed', `${what}, Zeile ${error.line}: ${error.problem}`, [
      { line: error.line, column: '', message: error.problem },
    ]);
  }
}

/** The raw bytes of a request body or an uploaded file. */
export async function bodyBytes(source: { arrayBuffer(): Promise<ArrayBuffer> }): Promise<Uint8Array> {
  return new Uint8Array(await source.arrayBuffer());
}

export type CsvUpload = { columns: string[]; rows: { line: number; record: string[] }[] };

/**
 * Reads an uploaded CSV from its bytes (see uploadedText): ";" or "," (from the
 * header line); columns lower-cased. Lines of only separators, which Excel
 * writes for cleared rows, are skipped like empty lines.
 */
export function readCsvUpload(bytes: Uint8Array): CsvUpload {
  const content = uploadedText(bytes, 'Die CSV-Datei');
  // An empty file (or one of separators only) has no columns: the caller names the columns it misses.
  if (!content.replace(/[;,\s]/g, '')) return { columns: [], rows: [] };
  let csv: ReturnType<typeof readSpreadsheetCsv>;
  try {
    csv = readSpreadsheetCsv(content, 'Die CSV-Datei', { unstorable: 'keep' });
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    throw new AppError('validation_failed', `Die Datei ist ${error.problem}`);
  }
  return {
    columns: csv.header.record.map((column) => column.trim().toLowerCase()),
    rows: csv.rows.map(({ record, line }) => ({ line, record: record.map(fromSpreadsheet) })),
  };
}
