import { type Db, intArray, listMaturityModels, queryRowsAs } from '@ozg/db';
import {
  answerProblem,
  type CriterionAnswer,
  type CriterionChange,
  type CsvImportResult,
  type CsvLineResult,
  dateRangeProblem,
  loweredBy,
  SOLUTION_KIND_LABELS,
  SOLUTION_KINDS,
  type SolutionKind,
  type Status,
  type StatusChanges,
  statusProblems,
  textProblem,
  WORKFLOW_STATE_LABELS,
  WORKFLOW_STATES,
  type WorkflowState,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { type CsvVariant, readCsvUpload, writeCsv } from '../lib/csv';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
import { AnswerRow } from './maturity-criteria';
import { authorizeStatusEdit } from './policy';
import { today } from './regions';
import { diffStatus, queryStatuses, writeStatuses } from './statuses';

/**
 * The CSV format of a municipality's statuses, for editing in a spreadsheet:
 * one row per target service. status_id and version identify the row as it was
 * exported; leistung and themenfeld are for reading only. Values of status and
 * loesung are the German labels (the codes are accepted too); dates are
 * JJJJ-MM-TT (TT.MM.JJJJ, as spreadsheets write them, is accepted too).
 */
export const STATUS_CSV_COLUMNS = [
  'status_id',
  'version',
  'ozg_id',
  'leistung',
  'themenfeld',
  'reifegrad',
  'status',
  'loesung',
  'url',
  'geplant_bis',
  'online_seit',
  'kontakt',
  'notiz',
] as const;

/**
 * One column per criterion of the current version of each model (decision
 * 020), headed `RG2.0: E-Akte`, holding the answered level. Files without them
 * keep working; an empty cell leaves the answer as it is.
 */
type CriterionColumn = {
  header: string;
  modelId: number;
  key: string;
  definition: Awaited<ReturnType<typeof listMaturityModels>>[number]['definition'];
};

async function criterionColumns(db: Db): Promise<CriterionColumn[]> {
  const models = (await listMaturityModels(db))
    .filter((model) => model.current)
    .sort((a, b) => a.family.localeCompare(b.family));
  return models.flatMap((model) =>
    model.definition.criteria.map((criterion) => ({
      header: `RG${model.family}: ${criterion.name}`,
      modelId: model.id,
      key: criterion.key,
      definition: model.definition,
    })),
  );
}

/** The stored answers of some statuses, by status id and `modelId:criterion`. */
async function answersOf(db: Db, statusIds: number[]): Promise<Map<number, Map<string, CriterionAnswer>>> {
  const rows = await queryRowsAs(
    db,
    AnswerRow,
    sql`select status_id, model_id, criterion_key, level::int as level, evidence_url, evidence_note,
          evidence_date::text as evidence_date
        from maturity_answers where status_id = any(${intArray(statusIds)})`,
  );
  const result = new Map<number, Map<string, CriterionAnswer>>();
  for (const row of rows) {
    const answers = result.get(row.status_id) ?? new Map<string, CriterionAnswer>();
    answers.set(`${row.model_id}:${row.criterion_key}`, {
      level: row.level,
      evidenceUrl: row.evidence_url,
      evidenceNote: row.evidence_note,
      evidenceDate: row.evidence_date,
    });
    result.set(row.status_id, answers);
  }
  return result;
}

export async function exportStatusesCsv({
  db,
  regionId,
  variant,
}: {
  db: Db;
  regionId: number;
  variant: CsvVariant;
}): Promise<string> {
  const { items } = await queryStatuses({ db, regionId, query: { pageSize: 1000, sort: 'ozgId' } });
  const criteria = await criterionColumns(db);
  const answers = await answersOf(
    db,
    items.map((status) => status.id),
  );
  const rows = items.map((status) => [
    status.id,
    status.version,
    status.ozgId,
    status.serviceName,
    status.themenfeld,
    status.maturityLevel,
    WORKFLOW_STATE_LABELS[status.workflowState],
    status.solution ? SOLUTION_KIND_LABELS[status.solution] : '',
    status.url ?? '',
    status.plannedDate ?? '',
    status.onlineSince ?? '',
    status.contact ?? '',
    status.note ?? '',
    ...criteria.map((column) => answers.get(status.id)?.get(`${column.modelId}:${column.key}`)?.level ?? ''),
  ]);
  return writeCsv([[...STATUS_CSV_COLUMNS, ...criteria.map((column) => column.header)], ...rows], variant);
}

type ParsedLine = {
  line: number;
  statusId: number | null;
  ozgId: number | null;
  version: number | null;
  changes: StatusChanges;
  /** The levels given in criterion columns (empty cells left out). */
  criteria: { column: CriterionColumn; level: number }[];
  errors: { column: string; message: string }[];
};

function lookup<T extends string>(
  value: string,
  codes: readonly T[],
  labels: Record<T, string>,
): T | undefined {
  const wanted = value.trim().toLowerCase();
  return codes.find((code) => code === wanted || labels[code].toLowerCase() === wanted);
}

function parseDate(value: string): string | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  const iso = german ? `${german[3]}-${german[2]?.padStart(2, '0')}-${german[1]?.padStart(2, '0')}` : trimmed;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

function parseLines(bytes: Uint8Array, criterionColumnsAll: CriterionColumn[]): ParsedLine[] {
  const { columns, rows } = readCsvUpload(bytes);
  if (!columns.includes('version') || !(columns.includes('status_id') || columns.includes('ozg_id'))) {
    throw new AppError(
      'validation_failed',
      'Kopfzeile unvollständig: benötigt werden version und status_id oder ozg_id (am besten die Datei aus dem Export verwenden).',
      { expected: STATUS_CSV_COLUMNS },
    );
  }
  // readCsvUpload lowercases the header, so criterion columns are matched in lower case too.
  const criterionByHeader = new Map(
    criterionColumnsAll.map((column) => [column.header.toLowerCase(), column]),
  );
  const unknown = columns.filter(
    (column) => !(STATUS_CSV_COLUMNS as readonly string[]).includes(column) && !criterionByHeader.has(column),
  );
  if (unknown.length > 0) {
    throw new AppError('validation_failed', `Unbekannte Spalten: ${unknown.join(', ')}.`, {
      expected: [...STATUS_CSV_COLUMNS, ...criterionColumnsAll.map((column) => column.header)],
    });
  }
  const presentCriteria = columns.flatMap((column) => criterionByHeader.get(column) ?? []);

  return rows.map(({ record, line }) => {
    const errors: { column: string; message: string }[] = [];
    const value = (column: string) => {
      const index = columns.indexOf(column);
      return index === -1 ? undefined : (record[index] ?? '');
    };
    const integer = (column: string) => {
      const raw = value(column)?.trim();
      if (raw === undefined || raw === '') return null;
      if (!/^\d+$/.test(raw)) {
        errors.push({ column, message: `"${raw}" ist keine ganze Zahl.` });
        return null;
      }
      return Number(raw);
    };
    if (record.length !== columns.length) {
      errors.push({ column: '', message: `${record.length} Felder statt ${columns.length}.` });
    }
    const changes: StatusChanges = {};
    const level = value('reifegrad');
    if (level !== undefined) {
      const parsed = integer('reifegrad');
      if (parsed === null && !errors.some((e) => e.column === 'reifegrad'))
        errors.push({ column: 'reifegrad', message: 'Reifegrad fehlt.' });
      if (parsed !== null) changes.maturityLevel = parsed;
    }
    const state = value('status');
    if (state !== undefined) {
      const code = lookup<WorkflowState>(state, WORKFLOW_STATES, WORKFLOW_STATE_LABELS);
      if (code) changes.workflowState = code;
      else
        errors.push({
          column: 'status',
          message: `"${state}" ist kein Bearbeitungsstand (${Object.values(WORKFLOW_STATE_LABELS).join(', ')}).`,
        });
    }
    const solution = value('loesung');
    if (solution !== undefined) {
      if (solution.trim() === '') changes.solution = null;
      else {
        const code = lookup<SolutionKind>(solution, SOLUTION_KINDS, SOLUTION_KIND_LABELS);
        if (code) changes.solution = code;
        else
          errors.push({
            column: 'loesung',
            message: `"${solution}" ist keine Lösung (${Object.values(SOLUTION_KIND_LABELS).join(', ')}).`,
          });
      }
    }
    // The same ranges as the API's schemas (plausibleDate, pastDate).
    for (const [column, field, latest] of [
      ['geplant_bis', 'plannedDate', 'any'],
      ['online_seit', 'onlineSince', 'today'],
    ] as const) {
      const raw = value(column);
      if (raw === undefined) continue;
      const date = parseDate(raw);
      const problem = date ? dateRangeProblem(date, latest) : null;
      if (date === undefined)
        errors.push({ column, message: `"${raw}" ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ).` });
      else if (problem) errors.push({ column, message: problem });
      else changes[field] = date;
    }
    for (const [column, field, max] of [
      ['url', 'url', 2000],
      ['kontakt', 'contact', 300],
      ['notiz', 'note', 5000],
    ] as const) {
      const raw = value(column);
      if (raw === undefined) continue;
      const trimmed = raw.trim();
      const problem = textProblem(trimmed);
      if (problem) errors.push({ column, message: problem });
      else if (trimmed.length > max) errors.push({ column, message: `Höchstens ${max} Zeichen.` });
      else changes[field] = trimmed === '' ? null : trimmed;
    }
    const criteria: ParsedLine['criteria'] = [];
    for (const column of presentCriteria) {
      const raw = value(column.header.toLowerCase())?.trim() ?? '';
      if (raw === '') continue; // empty: the answer stays as it is
      const problem = /^\d+$/.test(raw)
        ? answerProblem(column.definition, column.key, Number(raw))
        : `"${raw}" ist keine Stufe (ganze Zahl).`;
      if (problem) errors.push({ column: column.header, message: problem });
      else criteria.push({ column, level: Number(raw) });
    }
    const version = integer('version');
    if (version === null && !errors.some((e) => e.column === 'version'))
      errors.push({ column: 'version', message: 'Version fehlt.' });
    return {
      line,
      statusId: integer('status_id'),
      ozgId: integer('ozg_id'),
      version,
      changes,
      criteria,
      errors,
    };
  });
}

/**
 * Checks (dry run) or applies (commit) an edited CSV export. Every line gets a
 * result: changed, unchanged, error (with column and reason) or conflict (the
 * row changed since the export; never overwritten). A commit applies all lines
 * in one transaction, or, if any line has an error or conflict, none.
 */
export async function importStatusesCsv(input: {
  db: Db;
  actor: Actor;
  regionId: number;
  /** The uploaded file as sent (UTF-8 or Windows-1252, decoded by readCsvUpload). */
  bytes: Uint8Array;
  mode: 'dry-run' | 'commit';
  /** "allow": the officer confirmed the lines that lower a status (summary.lowering); else a commit refuses them. */
  lowering?: 'refuse' | 'allow';
}): Promise<CsvImportResult> {
  authorizeStatusEdit({ actor: input.actor, input: { regionIds: [input.regionId] } });
  const lines = parseLines(input.bytes, await criterionColumns(input.db));
  const { items } = await queryStatuses({
    db: input.db,
    regionId: input.regionId,
    query: { pageSize: 1000, includeOutOfTarget: 'true' },
  });
  const stored = lines.some((line) => line.criteria.length > 0)
    ? await answersOf(
        input.db,
        items.map((status) => status.id),
      )
    : new Map<number, Map<string, CriterionAnswer>>();
  const byId = new Map(items.map((status) => [status.id, status]));
  const byOzgId = new Map(items.map((status) => [status.ozgId, status]));
  const seen = new Map<number, number>();
  const results: CsvLineResult[] = [];
  const updates: { id: number; version: number; changes: StatusChanges }[] = [];

  for (const line of lines) {
    const status: Status | undefined =
      line.statusId !== null
        ? byId.get(line.statusId)
        : line.ozgId !== null
          ? byOzgId.get(line.ozgId)
          : undefined;
    const errors = [...line.errors];
    if (!status) {
      errors.push({
        column: line.statusId !== null ? 'status_id' : 'ozg_id',
        message:
          'Diese Leistung gehört nicht zu dieser Kommune (oder die Zeile nennt weder status_id noch ozg_id).',
      });
    } else if (line.ozgId !== null && line.ozgId !== status.ozgId) {
      errors.push({
        column: 'ozg_id',
        message: `Status ${status.id} gehört zu OZG-ID ${status.ozgId}, nicht ${line.ozgId}.`,
      });
    } else if (seen.has(status.id)) {
      errors.push({
        column: 'status_id',
        message: `Dieselbe Leistung steht schon in Zeile ${seen.get(status.id)}.`,
      });
    }
    if (status) seen.set(status.id, line.line);
    const ozgId = status?.ozgId ?? line.ozgId;
    if (!status || errors.length > 0) {
      results.push({ line: line.line, ozgId, outcome: 'error', errors });
      continue;
    }
    const diff: Record<string, { from: unknown; to: unknown }> = diffStatus(status, line.changes);
    // Criterion answers that differ from the stored level; the evidence stays with the answer.
    const criteriaChanges: CriterionChange[] = [];
    let criterionLowered = false;
    for (const { column, level } of line.criteria) {
      const before = stored.get(status.id)?.get(`${column.modelId}:${column.key}`);
      if (before?.level === level) continue;
      if (before?.level !== undefined && before.level !== null && level < before.level)
        criterionLowered = true;
      diff[column.header] = { from: before?.level ?? null, to: level };
      criteriaChanges.push({
        modelId: column.modelId,
        criterion: column.key,
        answer: { ...(before ?? {}), level },
      });
    }
    if (Object.keys(diff).length === 0) {
      results.push({ line: line.line, ozgId, outcome: 'unchanged' });
      continue;
    }
    if (line.version !== status.version) {
      results.push({
        line: line.line,
        ozgId,
        outcome: 'conflict',
        changes: diff,
        errors: [
          {
            column: 'version',
            message: `Seit dem Export geändert (Version ${line.version} → ${status.version}); bitte neu exportieren.`,
          },
        ],
      });
      continue;
    }
    const fieldChanges = Object.fromEntries(
      Object.entries(diff)
        .filter(([field]) => !field.startsWith('RG'))
        .map(([field, d]) => [field, d.to]),
    ) as StatusChanges;
    const merged = { ...status, ...fieldChanges } as Status;
    const problems = statusProblems(merged, today());
    if (problems.length > 0) {
      results.push({
        line: line.line,
        ozgId,
        outcome: 'error',
        changes: diff,
        errors: problems.map((p) => ({ column: CSV_COLUMN_OF[p.path] ?? p.path, message: p.message })),
      });
      continue;
    }
    const lowers = loweredBy(status, fieldChanges, { criterionLowered });
    results.push({
      line: line.line,
      ozgId,
      outcome: 'changed',
      changes: diff,
      ...(lowers.length > 0 ? { lowers } : {}),
    });
    updates.push({
      id: status.id,
      version: status.version,
      changes: criteriaChanges.length > 0 ? { ...line.changes, criteria: criteriaChanges } : line.changes,
    });
  }

  const summary = {
    changed: results.filter((r) => r.outcome === 'changed').length,
    unchanged: results.filter((r) => r.outcome === 'unchanged').length,
    errors: results.filter((r) => r.outcome === 'error').length,
    conflicts: results.filter((r) => r.outcome === 'conflict').length,
    lowering: results.filter((r) => r.lowers !== undefined).length,
  };
  const result: CsvImportResult = { mode: input.mode, applied: false, summary, lines: results };
  if (input.mode === 'dry-run') return result;
  if (summary.errors > 0 || summary.conflicts > 0) {
    throw new AppError(
      'unprocessable',
      `Nichts übernommen: ${summary.errors} Zeilen mit Fehlern, ${summary.conflicts} Konflikte. Bitte korrigieren und erneut hochladen.`,
      result,
    );
  }
  if (summary.lowering > 0 && input.lowering !== 'allow') {
    // A spreadsheet is edited by hand, often from an old copy: a lower level or a lost date is applied
    // only when the officer has seen and confirmed those lines (the preview lists them).
    throw new AppError(
      'unprocessable',
      `Nichts übernommen: ${summary.lowering === 1 ? '1 Zeile senkt' : `${summary.lowering} Zeilen senken`} einen Reifegrad, ein Kriterium oder ändern „online seit“. Bitte in der Vorschau bestätigen (lowering=allow).`,
      result,
    );
  }
  const { changeSetId } = await writeStatuses({
    db: input.db,
    actor: input.actor,
    updates,
    source: 'csv',
    changeSet: { kind: 'csv' },
  });
  return { ...result, applied: true, changeSetId };
}

const CSV_COLUMN_OF: Record<string, string> = {
  maturityLevel: 'reifegrad',
  maturityModel: 'reifegrad',
  onlineSince: 'online_seit',
  plannedDate: 'geplant_bis',
  url: 'url',
};
