import { describe, expect, it } from 'vitest';
import { ImportFileError } from './errors';
import { parseUsageCsv } from './usage';

const TODAY = '2026-11-25';

describe('parseUsageCsv', () => {
  it('reads LeiKa keys, German header variants in any case, and thousands separators', () => {
    const rows = parseUsageCsv(
      'Gemeindeschlüssel;LEIKA-Schlüssel;Berichtsmonat;ANTRAEGE;abgebrochen\n06435901;99001001000000;2026-10;12.345;7\n',
      'nutzung.csv',
      { today: TODAY },
    );
    expect(rows).toEqual([
      {
        line: 2,
        key: '06435901',
        keyKind: 'ags',
        service: '99001001000000',
        serviceKind: 'leika',
        month: '2026-10-01',
        applications: 12345,
        completed: null,
        abandoned: 7,
        regionColumn: 'Gemeindeschlüssel',
        serviceColumn: 'LEIKA-Schlüssel',
      },
    ]);
  });

  it.each([
    ['a missing column', 'AGS;OZG-ID;Monat\n06435901;99031;2026-10\n', 1, undefined, 'Anträge'],
    [
      'a duplicate line',
      'AGS;OZG-ID;Monat;Anträge\n06435901;99031;2026-10;1\n06435901;99031;2026-10;2\n',
      3,
      'Monat',
      'Zeile 2',
    ],
    ['a short key', 'AGS;OZG-ID;Monat;Anträge\n0643590;99031;2026-10;1\n', 2, 'AGS', 'achtstelliger'],
    [
      "the current month's successor",
      'AGS;OZG-ID;Monat;Anträge\n06435901;99031;2026-12;1\n',
      2,
      'Monat',
      'Zukunft',
    ],
    [
      'a wrong thousands group',
      'AGS;OZG-ID;Monat;Anträge\n06435901;99031;2026-10;1.23\n',
      2,
      'Anträge',
      'keine ganze Zahl',
    ],
  ])('refuses %s with line and column', (_name, text, line, column, problem) => {
    let error: unknown;
    try {
      parseUsageCsv(text, 'nutzung.csv', { today: TODAY });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    const refused = error as ImportFileError;
    expect(refused.line).toBe(line);
    expect(refused.column).toBe(column);
    expect(refused.problem).toContain(problem);
  });
});
