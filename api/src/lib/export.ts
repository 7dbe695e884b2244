import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import { z } from 'zod';
import { writeCsv } from './csv';

/**
 * Tables for the ministry's spreadsheets: one column definition gives the CSV
 * (for German Excel: ";", decimal comma, CRLF, BOM, formula-safe; see
 * writeCsv) and the XLSX (numbers stay numbers). Every export of the API goes
 * through here, so the CSV and the XLSX of a request always hold the same rows.
 */
export type ExportValue = string | number | boolean | null;

export type ExportColumn<T> = readonly [label: string, value: (row: T) => ExportValue];

export type ExportTable<T = never> = {
  /** Name of the XLSX worksheet (at most 31 characters, Excel's limit). */
  sheet: string;
  /** First line of the worksheet, above the header (XLSX only: a CSV holds one table and nothing else). */
  title?: string;
  columns: readonly ExportColumn<T>[];
  rows: readonly T[];
  /** Column width in the worksheet, in characters. */
  width?: number;
};

// A table of any row type, for functions that only need the cells.
// biome-ignore lint/suspicious/noExplicitAny: the row type is erased once columns and rows are paired.
type AnyTable = ExportTable<any>;

/** Defines a table with its row type checked against the columns. */
export const exportTable = <T>(table: ExportTable<T>): AnyTable => table;

const cells = (table: AnyTable) => table.rows.map((row) => table.columns.map(([, value]) => value(row)));
const excelValue = (value: ExportValue) => (typeof value === 'boolean' ? (value ? 'ja' : 'nein') : value);

/** The first table as CSV for German Excel (a CSV file holds a single table). */
export function tableCsv(table: AnyTable): string {
  return writeCsv(
    [table.columns.map(([label]) => label), ...cells(table).map((row) => row.map(excelValue))],
    'excel',
  );
}

/** All tables as one workbook, a worksheet each, header bold and frozen. */
export async function tablesXlsx(tables: readonly AnyTable[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OZG-Umsetzungsdashboard';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheet.slice(0, 31));
    if (table.title) sheet.addRow([table.title]);
    sheet.addRow(table.columns.map(([label]) => label)).font = { bold: true };
    for (const row of cells(table)) sheet.addRow(row.map((value) => excelValue(value) ?? ''));
    sheet.columns.forEach((column) => {
      column.width = table.width ?? 18;
    });
    sheet.views = [{ state: 'frozen', ySplit: table.title ? 2 : 1 }];
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The `format` query parameter of every route that can answer as a spreadsheet. */
export const FormatQuerySchema = z.object({
  format: z
    .enum(EXPORT_FORMATS)
    .optional()
    .meta({ description: 'json (default), csv (for German Excel: ";" and decimal comma) or xlsx' }),
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The OpenAPI 200 response of a route that answers as JSON, CSV or XLSX. */
export function exportContent<T>(schema: T, description: string) {
  return {
    description: `${description} (JSON; mit format=csv oder format=xlsx als Datei)`,
    content: {
      'application/json': { schema },
      'text/csv': { schema: z.string() },
      [XLSX_TYPE]: { schema: z.string().meta({ format: 'binary' }) },
    },
  };
}

/**
 * The file answer of an export route (`format=csv|xlsx`); the caller answers
 * JSON itself, with the same data the tables were made from.
 */
export async function fileResponse(
  c: Context,
  format: 'csv' | 'xlsx',
  fileName: string,
  tables: readonly [AnyTable, ...AnyTable[]],
): Promise<Response> {
  if (format === 'csv') {
    return c.body(tableCsv(tables[0]), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}.csv"`,
    });
  }
  return c.body(await tablesXlsx(tables), 200, {
    'content-type': XLSX_TYPE,
    'content-disposition': `attachment; filename="${fileName}.xlsx"`,
  });
}

/** A share (0-1) as a percentage with one decimal, empty when there is none. */
export const percent = (value: number | null): ExportValue =>
  value === null ? null : Math.round(value * 1000) / 10;
