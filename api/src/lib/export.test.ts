import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportTable, percent, tableCsv, tablesXlsx } from './export';

type Row = { name: string; share: number | null; change: number; done: boolean };
const table = exportTable<Row>({
  sheet: 'Test',
  title: 'Überschrift',
  columns: [
    ['Name', (row) => row.name],
    ['Anteil (%)', (row) => percent(row.share)],
    ['Veränderung', (row) => row.change],
    ['Fertig', (row) => row.done],
  ],
  rows: [
    { name: 'Gießen', share: 0.147, change: -3.5, done: true },
    { name: '=SUMME(A1)', share: null, change: 12, done: false },
  ],
});

describe('tabular exports', () => {
  it('writes CSV for German Excel: BOM, ";", CRLF, decimal comma, formula-safe text, ja/nein', () => {
    const csv = tableCsv(table);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Name;Anteil (%);Veränderung;Fertig');
    // 14.7 would be read by German Excel as the 14th of July; a negative number is no formula.
    expect(lines[1]).toBe('Gießen;14,7;-3,5;ja');
    expect(lines[2]).toBe("'=SUMME(A1);;12;nein");
  });

  it('writes the same rows to XLSX with numbers as numbers, below the title and a bold header', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tablesXlsx([table])).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Test');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Überschrift');
    expect(sheet?.getRow(2).getCell(2).value).toBe('Anteil (%)');
    expect(sheet?.getRow(2).font?.bold).toBe(true);
    expect(sheet?.getRow(3).getCell(2).value).toBe(14.7);
    expect(sheet?.getRow(3).getCell(3).value).toBe(-3.5);
    expect(sheet?.getRow(3).getCell(4).value).toBe('ja');
    expect(sheet?.rowCount).toBe(4);
  });
});
