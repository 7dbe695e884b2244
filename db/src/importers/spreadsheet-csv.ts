import { textProblem, UNSTORABLE_CHARACTER } from '@ozg/shared';
import { parse } from 'csv-parse/sync';
import { ImportFileError } from './errors';

/** One line of a CSV file with the number of its (last) physical line, for `file:line` errors. */
export type CsvRecord = { record: string[]; line: number };

/**
 * Reads a CSV file as spreadsheets and offices write it: a byte order mark is
 * dropped, the separator is `;` when the header line has one (German Excel),
 * otherwise `,` (or the one given), quoted fields may span lines, and lines of
 * separators only (Excel's cleared rows at the end) count as empty lines. A
 * NUL byte or a lone surrogate (PostgreSQL cannot store either) is refused
 * with its line and column. Every importer of CSV reads through here, so they
 * agree on what a line is and all name the cell of such a character.
 */
export function readSpreadsheetCsv(
  text: string,
  fileName: string,
  options: {
    delimiter?: string;
    /** "keep": the caller checks every cell itself (the status CSV lists each line's problems). */
    unstorable?: 'refuse' | 'keep';
  } = {},
): { header: CsvRecord; rows: CsvRecord[] } {
  // csv-parse counts a CRLF inside a quoted field as two lines, so every later line number would be
  // off by one; a line break inside a cell stays a line break as LF.
  const content = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const delimiter = options.delimiter ?? ((content.split('\n', 1)[0] ?? '').includes(';') ? ';' : ',');
  // csv-parse reads UTF-8 bytes, which would turn a lone surrogate into U+FFFD silently: such characters
  // are marked before parsing, so that the cell holding one is known afterwards.
  const unstorable = UNSTORABLE_CHARACTER.test(content);
  const records = parseRecords(unstorable ? markUnstorable(content) : content, fileName, delimiter);
  const [header, ...rows] = records
    .filter(({ record }) => record.some((value) => value.trim() !== ''))
    .map(({ record, info }) => ({ record, line: info.lines }));
  if (!header) throw new ImportFileError(fileName, 1, 'die Datei ist leer');
  if (!unstorable) return { header, rows };
  if (options.unstorable !== 'keep') refuseUnstorable(content, fileName, header, rows);
  const unmark = ({ record, line }: CsvRecord) => ({ record: record.map(unmarkUnstorable), line });
  return { header: unmark(header), rows: rows.map(unmark) };
}

/** Noncharacters that no spreadsheet writes, standing in for NUL and a lone surrogate while parsing. */
const NUL_MARK = '\uFFFF';
const SURROGATE_MARK = '\uFFFE';
const UNSTORABLE_ALL = new RegExp(UNSTORABLE_CHARACTER.source, 'g');
const MARKS = /[\uFFFE\uFFFF]/g;
const HAS_MARK = /[\uFFFE\uFFFF]/;

const markUnstorable = (content: string) =>
  content.replace(UNSTORABLE_ALL, (found) => (found === '\u0000' ? NUL_MARK : SURROGATE_MARK));
const unmarkUnstorable = (value: string) =>
  value.replace(MARKS, (mark) => (mark === NUL_MARK ? '\u0000' : '\uD800'));

function parseRecords(content: string, fileName: string, delimiter: string) {
  try {
    return parse(content, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new ImportFileError(fileName, line, `kein gültiges CSV: ${(error as Error).message}`);
  }
}

/** Throws for the first cell that held an unstorable character, with its line, column and the reason. */
function refuseUnstorable(content: string, fileName: string, header: CsvRecord, rows: CsvRecord[]): never {
  for (const { record, line } of [header, ...rows]) {
    const index = record.findIndex((value) => HAS_MARK.test(value));
    const cell = record[index];
    if (cell !== undefined) {
      const problem = textProblem(unmarkUnstorable(cell)) ?? 'enthält ein unzulässiges Zeichen';
      throw new ImportFileError(fileName, line, problem, header.record[index]?.trim() || `Feld ${index + 1}`);
    }
  }
  // Only in a line of separators, which counts as empty: name the physical line.
  const position = content.search(UNSTORABLE_CHARACTER);
  const problem = textProblem(content.slice(position, position + 1)) ?? 'enthält ein unzulässiges Zeichen';
  throw new ImportFileError(fileName, content.slice(0, position).split('\n').length, problem);
}
