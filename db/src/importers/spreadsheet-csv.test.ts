import { describe, expect, it } from 'vitest';
import { ImportFileError } from './errors';
import { readSpreadsheetCsv } from './spreadsheet-csv';

function refusal(text: string): ImportFileError {
  try {
    readSpreadsheetCsv(text, 'liste.csv');
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('the file was read although it should have been refused');
}

describe('readSpreadsheetCsv', () => {
  it('reads German Excel: BOM, semicolons, quoted line breaks, cleared rows at the end', () => {
    const { header, rows } = readSpreadsheetCsv(
      '\uFEFFAGS;Name;Notiz\r\n06435001;Bad Orb;"zwei\r\nZeilen"\r\n06435002;Biebergemünd;\r\n;;\r\n;;\r\n',
      'liste.csv',
    );
    expect(header.record).toEqual(['AGS', 'Name', 'Notiz']);
    expect(rows.map((row) => [row.line, row.record[1]])).toEqual([
      [3, 'Bad Orb'],
      [4, 'Biebergemünd'],
    ]);
  });

  it('names line and column of a NUL byte, in any importer that reads CSV', () => {
    const error = refusal('AGS;Name;Anträge\n06435001;Bad Orb;1\n06435002;Bieber\u0000gemünd;2\n');
    expect([error.line, error.column]).toEqual([3, 'Name']);
    expect(error.problem).toContain('NUL');
  });

  it('names line and column of a lone surrogate, also in a quoted field after a line break', () => {
    const error = refusal('ozg_id,name\n1,"a\nb"\n2,"x\uD800y"\n');
    expect([error.line, error.column]).toEqual([4, 'name']);
    expect(error.problem).toContain('Surrogat');
  });

  it('names a cell beyond the header by its position', () => {
    const error = refusal('a;b\n1;2;\u0000\n');
    expect([error.line, error.column]).toEqual([2, 'Feld 3']);
  });
});

describe('readSpreadsheetCsv for a caller that checks each cell itself', () => {
  it('keeps NUL and lone surrogates in their cells instead of refusing the file', () => {
    const { rows } = readSpreadsheetCsv('a;b\n1;x\u0000y\n2;"p\uDC00q"\n', 'liste.csv', {
      unstorable: 'keep',
    });
    expect(rows.map((row) => row.record[1])).toEqual(['x\u0000y', 'p\uD800q']);
  });
});
