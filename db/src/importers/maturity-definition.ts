import { type MaturityDefinition, MaturityDefinitionSchema } from '@ozg/shared';
import type { z } from 'zod';
import { ImportFileError } from './errors';
import { readSpreadsheetCsv } from './spreadsheet-csv';
import { decodeUploadedText, TextDecodingError } from './text-encoding';

type Path = (string | number)[];

/**
 * A JSON reader that remembers the line on which each value starts, so that a
 * schema problem deep in a definition names its line like every other import
 * (JSON.parse knows only the position of syntax errors).
 */
function parseJsonWithLines(text: string, fileName: string): { value: unknown; lines: Map<string, number> } {
  const lines = new Map<string, number>();
  let index = 0;
  let line = 1;
  const fail = (problem: string): never => {
    throw new ImportFileError(fileName, line, `kein gültiges JSON: ${problem}`);
  };
  const skip = () => {
    while (index < text.length && /\s/.test(text[index] as string)) {
      if (text[index] === '\n') line++;
      index++;
    }
  };
  const value = (path: Path): unknown => {
    skip();
    lines.set(path.join('.'), line);
    const char = text[index];
    if (char === '{') {
      index++;
      const result: Record<string, unknown> = {};
      skip();
      if (text[index] === '}') {
        index++;
        return result;
      }
      for (;;) {
        skip();
        if (text[index] !== '"') fail('Schlüssel in Anführungszeichen erwartet');
        const key = string();
        skip();
        if (text[index] !== ':') fail('„:“ erwartet');
        index++;
        result[key] = value([...path, key]);
        skip();
        if (text[index] === ',') {
          index++;
          continue;
        }
        if (text[index] === '}') {
          index++;
          return result;
        }
        fail('„,“ oder „}“ erwartet');
      }
    }
    if (char === '[') {
      index++;
      const result: unknown[] = [];
      skip();
      if (text[index] === ']') {
        index++;
        return result;
      }
      for (;;) {
        result.push(value([...path, result.length]));
        skip();
        if (text[index] === ',') {
          index++;
          continue;
        }
        if (text[index] === ']') {
          index++;
          return result;
        }
        fail('„,“ oder „]“ erwartet');
      }
    }
    if (char === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(index),
    );
    if (!literal)
      return fail(index >= text.length ? 'unerwartetes Dateiende' : `unerwartetes Zeichen „${char}“`);
    index += literal[0].length;
    return JSON.parse(literal[0]);
  };
  const string = (): string => {
    const match = /^"(?:[^"\\\n]|\\.)*"/.exec(text.slice(index));
    if (!match) return fail('Zeichenkette nicht abgeschlossen');
    index += match[0].length;
    return JSON.parse(match[0]) as string;
  };
  const result = value([]);
  skip();
  if (index < text.length) fail('Text nach dem Ende des JSON-Objekts');
  return { value: result, lines };
}

/** The nearest line known for a path (a missing field is reported at its parent object). */
function lineOfPath(lines: Map<string, number>, path: readonly PropertyKey[]): number {
  for (let length = path.length; length >= 0; length--) {
    const found = lines.get(path.slice(0, length).map(String).join('.'));
    if (found !== undefined) return found;
  }
  return 1;
}

function schemaError(
  fileName: string,
  error: z.ZodError,
  lineOf: (path: readonly PropertyKey[]) => number,
): ImportFileError {
  const issue = error.issues[0] as z.core.$ZodIssue;
  return new ImportFileError(fileName, lineOf(issue.path), issue.message, issue.path.join('.') || undefined);
}

const BLOCKS: Record<string, MaturityDefinition['criteria'][number]['block']> = {
  front_end: 'front_end',
  frontend: 'front_end',
  back_office: 'back_office',
  backoffice: 'back_office',
  basis: 'basis',
  basiskomponente: 'basis',
};

const CSV_COLUMNS = ['art', 'schluessel', 'name', 'block', 'stufe', 'text'] as const;

/**
 * The CSV form of a definition, one row per fact (German Excel: `;`):
 *   art=modell: schluessel = family (1.1 or 2.0), name
 *   art=einstellung: schluessel = konform_ab | backoffice_ab | arbeitsstand, stufe or text (ja/nein)
 *   art=stufe: stufe, name, text = meaning
 *   art=kriterium: schluessel, name, block, stufe, text = what the criterion needs for this level
 */
function parseCsvDefinition(text: string, fileName: string): MaturityDefinition {
  const { header, rows } = readSpreadsheetCsv(text, fileName);
  const columns = header.record.map((column) => column.trim().toLowerCase());
  for (const expected of CSV_COLUMNS)
    if (!columns.includes(expected))
      throw new ImportFileError(
        fileName,
        header.line,
        `Spalte „${expected}“ fehlt (erwartet: ${CSV_COLUMNS.join(';')})`,
      );
  const draft: Record<string, unknown> & {
    levels: { level: unknown; name: string; meaning: string }[];
    criteria: {
      key: string;
      name: string;
      block: unknown;
      levels: { level: unknown; description: string }[];
    }[];
  } = { levels: [], criteria: [] };
  const lines = new Map<string, number>();
  const number = (value: string, line: number, column: string) => {
    if (!/^\d+$/.test(value)) throw new ImportFileError(fileName, line, 'ganze Zahl erwartet', column);
    return Number(value);
  };
  for (const { record, line } of rows) {
    const get = (column: (typeof CSV_COLUMNS)[number]) => (record[columns.indexOf(column)] ?? '').trim();
    const kind = get('art').toLowerCase();
    if (kind === 'modell') {
      draft.family = get('schluessel');
      draft.name = get('name');
      lines.set('family', line);
      lines.set('name', line);
      lines.set('', line);
    } else if (kind === 'einstellung') {
      const key = get('schluessel').toLowerCase();
      if (key === 'konform_ab') {
        draft.conformantLevel = number(get('stufe'), line, 'stufe');
        lines.set('conformantLevel', line);
      } else if (key === 'backoffice_ab') {
        draft.backOfficeLevel = get('stufe') === '' ? null : number(get('stufe'), line, 'stufe');
        lines.set('backOfficeLevel', line);
      } else if (key === 'arbeitsstand') {
        const value = get('text').toLowerCase();
        if (value !== 'ja' && value !== 'nein')
          throw new ImportFileError(fileName, line, '„ja“ oder „nein“ erwartet', 'text');
        draft.provisional = value === 'ja';
      } else
        throw new ImportFileError(
          fileName,
          line,
          `unbekannte Einstellung „${get('schluessel')}“ (konform_ab, backoffice_ab, arbeitsstand)`,
          'schluessel',
        );
    } else if (kind === 'stufe') {
      lines.set(`levels.${draft.levels.length}`, line);
      lines.set(`levels.${draft.levels.length}.level`, line);
      draft.levels.push({
        level: number(get('stufe'), line, 'stufe'),
        name: get('name'),
        meaning: get('text'),
      });
    } else if (kind === 'kriterium') {
      const key = get('schluessel');
      let index = draft.criteria.findIndex((criterion) => criterion.key === key);
      const block = BLOCKS[get('block').toLowerCase().replace(/[\s-]/g, '')];
      if (!block)
        throw new ImportFileError(
          fileName,
          line,
          `unbekannter Block „${get('block')}“ (front_end, back_office, basis)`,
          'block',
        );
      if (index === -1) {
        index = draft.criteria.length;
        draft.criteria.push({ key, name: get('name'), block, levels: [] });
        lines.set(`criteria.${index}`, line);
        lines.set(`criteria.${index}.key`, line);
      } else {
        const criterion = draft.criteria[index];
        if (criterion && (criterion.name !== get('name') || criterion.block !== block))
          throw new ImportFileError(
            fileName,
            line,
            `Name oder Block weicht von der ersten Zeile des Kriteriums „${key}“ ab`,
          );
      }
      const criterion = draft.criteria[index] as (typeof draft.criteria)[number];
      lines.set(`criteria.${index}.levels.${criterion.levels.length}`, line);
      lines.set(`criteria.${index}.levels.${criterion.levels.length}.level`, line);
      criterion.levels.push({ level: number(get('stufe'), line, 'stufe'), description: get('text') });
    } else {
      throw new ImportFileError(
        fileName,
        line,
        `unbekannte Art „${get('art')}“ (modell, einstellung, stufe, kriterium)`,
        'art',
      );
    }
  }
  const parsed = MaturityDefinitionSchema.safeParse(draft);
  if (!parsed.success) throw schemaError(fileName, parsed.error, (path) => lineOfPath(lines, path));
  return parsed.data;
}

/**
 * Reads a maturity model definition as uploaded (JSON or CSV, UTF-8 or
 * Windows-1252) and validates it completely; the first problem is thrown with
 * file and line, before anything is written.
 */
export function parseMaturityDefinition(bytes: Uint8Array, fileName: string): MaturityDefinition {
  let text: string;
  try {
    text = decodeUploadedText(bytes).text;
  } catch (error) {
    if (error instanceof TextDecodingError) throw new ImportFileError(fileName, error.line, error.problem);
    throw error;
  }
  if (text.trimStart().startsWith('{')) {
    const { value, lines } = parseJsonWithLines(text, fileName);
    const parsed = MaturityDefinitionSchema.safeParse(value);
    if (!parsed.success) throw schemaError(fileName, parsed.error, (path) => lineOfPath(lines, path));
    return parsed.data;
  }
  return parseCsvDefinition(text, fileName);
}
