import { type QuestionnaireDefinition, QuestionnaireDefinitionSchema } from '@ozg/shared';
import { ImportFileError } from './errors';
import { readSpreadsheetCsv } from './spreadsheet-csv';

/*
 * A questionnaire of the Digitalisierungs-Check as the ministry loads it
 * (decision 017): the JSON document itself (shared QuestionnaireDefinition) or
 * a spreadsheet with one line per question. Either is checked as a whole and
 * refused at its first problem with file:line (CSV) or the field's path (JSON).
 */

export const QUESTIONNAIRE_CSV_COLUMNS = [
  'dimension',
  'dimension_name',
  'dimension_weight',
  'question',
  'text',
  'help',
  'weight',
  'answers',
] as const;

/** Where a zod issue points, as people read it: dimensions[1].questions[0].weight. */
const fieldPath = (path: readonly PropertyKey[]) =>
  path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`))
    .join('');

/** The line of a character offset in a text (1-based). */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

export function parseQuestionnaireJson(text: string, fileName: string): QuestionnaireDefinition {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new ImportFileError(
      fileName,
      position === undefined ? null : lineAt(text, Number(position)),
      'kein gültiges JSON',
    );
  }
  const parsed = QuestionnaireDefinitionSchema.safeParse(value);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new ImportFileError(fileName, null, issue?.message ?? 'ungültig', fieldPath(issue?.path ?? []));
  }
  return parsed.data;
}

/** "Nein=0 | Teilweise=1 | Ja=2 | Keine Angabe=" (empty points: the question does not count). */
function parseAnswers(value: string): { label: string; points: number | null }[] | string {
  const parts = value
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean);
  const options: { label: string; points: number | null }[] = [];
  for (const part of parts) {
    const match = /^(.*?)\s*=\s*(-?[\d.,]*)$/.exec(part);
    if (!match?.[1]) return `„${part}“: erwartet Antwort=Punkte, z. B. „Ja=2“`;
    const points = match[2] === '' ? null : Number((match[2] ?? '').replace(',', '.'));
    if (points !== null && !Number.isFinite(points)) return `„${part}“: Punkte sind keine Zahl`;
    options.push({ label: match[1], points });
  }
  return options;
}

const number = (value: string, fallback: number) =>
  value === '' ? fallback : Number(value.replace(',', '.'));

/**
 * One line per question, in order; dimension name and weight from the first
 * line of each dimension. Separator ";" or "," (from the header line).
 */
export function parseQuestionnaireCsv(
  text: string,
  fileName: string,
  title: string,
): QuestionnaireDefinition {
  const { header, rows } = readSpreadsheetCsv(text, fileName);
  const columns = header.record.map((column) => column.trim().toLowerCase());
  for (const expected of QUESTIONNAIRE_CSV_COLUMNS)
    if (!columns.includes(expected))
      throw new ImportFileError(
        fileName,
        header.line,
        `Spalte "${expected}" fehlt (erwartet: ${QUESTIONNAIRE_CSV_COLUMNS.join(',')})`,
      );
  if (rows.length === 0) throw new ImportFileError(fileName, header.line, 'keine Fragen');
  type Draft = QuestionnaireDefinition['dimensions'][number];
  const dimensions: Draft[] = [];
  // Where each question came from, so that a problem of the whole names its line.
  const lines = new Map<string, number>();
  for (const { record, line } of rows) {
    const get = (column: string) => (record[columns.indexOf(column)] ?? '').trim();
    const fail = (column: string, problem: string): never => {
      throw new ImportFileError(fileName, line, problem, column);
    };
    const key = get('dimension');
    let dimension = dimensions.at(-1)?.key === key ? dimensions.at(-1) : undefined;
    if (!dimension) {
      if (dimensions.some((d) => d.key === key))
        fail('dimension', `Dimension „${key}“ steht nicht zusammenhängend`);
      dimension = {
        key,
        name: get('dimension_name'),
        description: '',
        weight: number(get('dimension_weight'), 1),
        questions: [],
      };
      dimensions.push(dimension);
      lines.set(`d:${dimensions.length - 1}`, line);
    }
    const options = parseAnswers(get('answers'));
    if (typeof options === 'string') fail('answers', options);
    dimension.questions.push({
      key: get('question'),
      text: get('text'),
      help: get('help'),
      weight: number(get('weight'), 1),
      options: options as { label: string; points: number | null }[],
    });
    lines.set(`q:${dimensions.length - 1}:${dimension.questions.length - 1}`, line);
  }
  const parsed = QuestionnaireDefinitionSchema.safeParse({ title, dimensions });
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const path = issue?.path ?? [];
  const [, d, , q] = path;
  const line =
    (typeof q === 'number' ? lines.get(`q:${String(d)}:${q}`) : undefined) ??
    (typeof d === 'number' ? lines.get(`d:${d}`) : undefined) ??
    null;
  const field = path[path.length - 1];
  const column =
    typeof q === 'number'
      ? field === 'key'
        ? 'question'
        : field === 'options' || path.includes('options')
          ? 'answers'
          : String(field ?? 'text')
      : typeof d === 'number'
        ? field === 'name'
          ? 'dimension_name'
          : field === 'weight'
            ? 'dimension_weight'
            : 'dimension'
        : fieldPath(path);
  throw new ImportFileError(fileName, line, issue?.message ?? 'ungültig', column);
}
