import ExcelJS from 'exceljs';
import { ImportFileError } from './errors';
import type { CsvRecord } from './spreadsheet-csv';

/** One row of a worksheet as text, with its row number and which cells Excel stored as numbers. */
export type XlsxRecord = CsvRecord & { numeric: boolean[] };

/** The first bytes of every ZIP archive, hence of every XLSX workbook (a ZIP of XML parts). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Why these bytes are no text file, or null: files that users pick by mistake
 * for an upload (the old .xls, a PDF, an archive) are named, anything else
 * whose start is more than a tenth control bytes is called binary. A text
 * with a stray NUL stays text, so that the importer can name its line and
 * column; UTF-16 (NUL-rich, but text) is left to decodeUploadedText, which
 * explains how to save it instead.
 */
export function binaryFileProblem(bytes: Uint8Array): string | null {
  const starts = (...magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))
    return 'alte Excel-Arbeitsmappe (.xls) oder anderes Office-Dokument: bitte als „Excel-Arbeitsmappe (.xlsx)“ oder als CSV speichern';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'PDF-Dokument, keine Tabelle';
  if (starts(0x1f, 0x8b)) return 'gzip-Archiv: bitte zuerst entpacken';
  if (starts(0x50, 0x4b, 0x05, 0x06)) return 'leeres ZIP-Archiv';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return null;
  const head = bytes.subarray(0, 8192);
  // Tab, line feed and carriage return (and form feed) are text; the other C0 controls are not.
  const controls = head.filter(
    (byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c,
  ).length;
  if (controls > head.length / 10) return 'Binärdatei, keine Text-, CSV-, JSON- oder XLSX-Datei';
  return null;
}

/**
 * Above this many bytes unpacked a workbook is refused before it is read: the
 * reader holds the whole workbook in memory, and a ZIP packs repetitive XML
 * by a factor of a hundred and more (a "zip bomb" fits in an upload limit).
 * The Bund's XLSX holds one ARS, a few thousand rows at most; whole exports
 * come as JSON pages or CSV.
 */
export const MAX_XLSX_UNPACKED_BYTES = 256 * 1024 * 1024;

/** The sum of the unpacked sizes in the ZIP's central directory, or a problem. */
function unpackedSize(bytes: Uint8Array): number | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is within the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) return 'beschädigtes oder unvollständiges ZIP-Archiv (Verzeichnis am Ende fehlt)';
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let entry = 0; entry < entries; entry++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50)
      return 'beschädigtes ZIP-Archiv (Inhaltsverzeichnis unlesbar)';
    const size = view.getUint32(offset + 24, true);
    // 0xFFFFFFFF: the real size is in a ZIP64 field, i.e. at least 4 GB.
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    // Header, then file name, extra field and comment, whose lengths it gives.
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
  return total;
}

/** An Excel number as text without exponent or binary noise; whole numbers as digits. */
function numberText(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  const text = Number.isInteger(value) ? BigInt(value).toString() : String(value);
  // A cell formatted "000000000000" shows its leading zeros: the text the user sees.
  if (numFmt && /^0+$/.test(numFmt) && Number.isInteger(value) && value >= 0)
    return text.padStart(numFmt.length, '0');
  return text;
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/** A date cell as the ISO date (with the time when it has one); Excel stores no time zone, exceljs reads UTC. */
function dateText(value: Date): string {
  const date = `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  const seconds = value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds();
  return seconds === 0
    ? date
    : `${date}T${pad2(value.getUTCHours())}:${pad2(value.getUTCMinutes())}:${pad2(value.getUTCSeconds())}`;
}

/** The text a cell shows (rich text joined, a link's text, a formula's last result), and whether it is a number. */
function cellText(cell: ExcelJS.Cell): { text: string; numeric: boolean } {
  const read = (value: ExcelJS.CellValue): { text: string; numeric: boolean } => {
    if (value === null || value === undefined) return { text: '', numeric: false };
    if (typeof value === 'number') return { text: numberText(value, cell.numFmt), numeric: true };
    if (typeof value === 'string') return { text: value, numeric: false };
    if (typeof value === 'boolean') return { text: value ? 'WAHR' : 'FALSCH', numeric: false };
    if (value instanceof Date) return { text: dateText(value), numeric: false };
    if ('richText' in value) return { text: value.richText.map((run) => run.text).join(''), numeric: false };
    if ('hyperlink' in value) {
      const text = typeof value.text === 'string' ? value.text : read(value.text as ExcelJS.CellValue).text;
      return { text: text || value.hyperlink, numeric: false };
    }
    if ('error' in value) return { text: value.error, numeric: false };
    if ('formula' in value || 'sharedFormula' in value)
      return read((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    return { text: String(value), numeric: false };
  };
  return read(cell.value);
}

/**
 * Reads the first worksheet with content of an XLSX workbook as rows of text,
 * as readSpreadsheetCsv reads a CSV: the first non-empty row is the header,
 * rows whose cells are all empty (cleared rows, formatting down to row
 * 1,048,576) are skipped, and every row keeps the number Excel shows for it.
 * Cells are read as Excel displays them: numbers as digits (zero-padded when
 * formatted "000…"), dates as ISO dates, rich text and links as their text,
 * formulas as their last result.
 */
export async function readSpreadsheetXlsx(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ sheet: string; header: XlsxRecord; rows: XlsxRecord[] }> {
  const size = unpackedSize(bytes);
  if (typeof size === 'string')
    throw new ImportFileError(fileName, null, `keine lesbare XLSX-Datei: ${size}`);
  if (size > MAX_XLSX_UNPACKED_BYTES)
    throw new ImportFileError(
      fileName,
      null,
      `die Arbeitsmappe ist entpackt größer als ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB; bitte als CSV speichern`,
    );
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw new ImportFileError(
      fileName,
      null,
      `keine lesbare XLSX-Arbeitsmappe (ZIP-Archiv ohne gültige Tabellenblätter: ${(error as Error).message})`,
    );
  }
  for (const worksheet of workbook.worksheets) {
    const records: XlsxRecord[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const record: string[] = [];
      const numeric: boolean[] = [];
      for (let column = 1; column <= row.cellCount; column++) {
        const cell = cellText(row.getCell(column));
        record.push(cell.text);
        numeric.push(cell.numeric);
      }
      if (record.some((value) => value.trim() !== '')) records.push({ record, numeric, line: rowNumber });
    });
    const [header, ...rows] = records;
    if (header) return { sheet: worksheet.name, header, rows };
  }
  throw new ImportFileError(fileName, null, 'die Arbeitsmappe ist leer (kein Tabellenblatt mit Inhalt)');
}
