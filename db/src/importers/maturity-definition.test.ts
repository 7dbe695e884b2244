import { type MaturityDefinition, REIFEGRADMODELL_1_1, REIFEGRADMODELL_2_0 } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from './errors';
import { parseMaturityDefinition } from './maturity-definition';

/** The characters of Windows-1252's 0x80-0x9F range that the shipped texts use (typographic quotes, dashes). */
const CP1252_SPECIALS: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

/** Encodes as German Excel saves "CSV (Trennzeichen-getrennt)": Windows-1252, one byte per character. */
function windows1252(text: string): Uint8Array {
  return new Uint8Array(
    [...text].map((char) => {
      const code = char.codePointAt(0) ?? 0;
      const special = CP1252_SPECIALS[char];
      if (special !== undefined) return special;
      if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
      throw new Error(`${char} gibt es in Windows-1252 nicht`);
    }),
  );
}

const quoted = (value: string | number) => {
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** A definition in the documented CSV form (one row per fact), as a ministry would keep it in Excel. */
function definitionCsv(definition: MaturityDefinition): string {
  const rows: (string | number)[][] = [['art', 'schluessel', 'name', 'block', 'stufe', 'text']];
  rows.push(['modell', definition.family, definition.name, '', '', '']);
  rows.push(['einstellung', 'konform_ab', '', '', definition.conformantLevel, '']);
  rows.push(['einstellung', 'backoffice_ab', '', '', definition.backOfficeLevel ?? '', '']);
  rows.push(['einstellung', 'arbeitsstand', '', '', '', definition.provisional ? 'ja' : 'nein']);
  for (const level of definition.levels) rows.push(['stufe', '', level.name, '', level.level, level.meaning]);
  for (const criterion of definition.criteria)
    for (const level of criterion.levels)
      rows.push([
        'kriterium',
        criterion.key,
        criterion.name,
        criterion.block,
        level.level,
        level.description,
      ]);
  // Excel ends the file with rows of separators only when cells below the table were ever touched.
  return [...rows.map((row) => row.map(quoted).join(';')), ';;;;;', ';;;;;', ''].join('\r\n');
}

describe('parseMaturityDefinition', () => {
  it.each([
    ['1.1', REIFEGRADMODELL_1_1],
    ['2.0', REIFEGRADMODELL_2_0],
  ])(
    'reads the shipped %s definition back from a Windows-1252 CSV with trailing empty rows',
    (_, definition) => {
      const bytes = windows1252(definitionCsv(definition));
      // The shipped texts do contain umlauts, so the test would notice them being read as UTF-8.
      expect(bytes.some((byte) => byte >= 0x80)).toBe(true);
      expect(parseMaturityDefinition(bytes, 'modell.csv')).toEqual(definition);
    },
  );

  it('names file, line and column of a level that is no number in a Windows-1252 CSV', () => {
    const lines = definitionCsv(REIFEGRADMODELL_2_0).split('\r\n');
    const index = lines.findIndex((line) => line.startsWith('kriterium;e_akte;'));
    lines[index] = lines[index]?.replace(/;back_office;\d+;/, ';back_office;vier;') ?? '';
    const parse = () => parseMaturityDefinition(windows1252(lines.join('\r\n')), 'hessen.csv');
    expect(parse).toThrow(ImportFileError);
    expect(parse).toThrow(expect.objectContaining({ file: 'hessen.csv', line: index + 1, column: 'stufe' }));
  });
});
