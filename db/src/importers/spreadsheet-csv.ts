import { parse } from 'csv-parse/sync';
import { ImportFileError } from './errors';

/** One line of a CSV file with the number of its (last) physical line, for `file:line` errors. */
export type CsvRecord = { record: string[]; line: number };

/**
 * Reads a CSV file as spreadsheets and offices write it: a byte order mark is
 * dropped, the separator is `;` when the header line has one (German Excel),
 * otherwise `,` (or the one given), quoted fields may span lines, and lines of
 * separators only (Excel's cleared rows at the end) count as empty lines.
 * Every importer of CSV reads through here, so they agree on what a line is.
 */
export function readSpreadsheetCsv(
  text: string,
  fileName: string,
  options: { delimiter?: string } = {},
): { header: CsvRecord; rows: CsvRecord[] } {
  const content = text.replace(/^\uFEFF/, '');
  const delimiter = options.delimiter ?? ((content.split(/\r?\n/, 1)[0] ?? '').includes(';') ? ';' : ',');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new ImportFileError(fileName, line, `kein gültiges CSV: ${(error as Error).message}`);
  }
  const [header, ...rows] = records
    .filter(({ record }) => record.some((value) => value.trim() !== ''))
    .map(({ record, info }) => ({ record, line: info.lines }));
  if (!header) throw new ImportFileError(fileName, 1, 'die Datei ist leer');
  return { header, rows };
}
