import type { Db } from '@ozg/db';
import {
  type CsvImportResult,
  type CsvLineResult,
  dateRangeProblem,
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
import { type CsvVariant, readCsvUpload, writeCsv } from '../lib/csv';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
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
  ]);
  return writeCsv([[...STATUS_CSV_COLUMNS], ...rows], variant);
}

type ParsedLine = {
  line: number;
  statusId: number | null;
  ozgId: number | null;
  version: number | null;
  changes: StatusChanges;
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

function parseLines(bytes: Uint8Array): ParsedLine[] {
  const { columns, rows } = readCsvUpload(bytes);
  if (!columns.includes('version') || !(columns.includes('status_id') || columns.includes('ozg_id'))) {
    throw new AppError(
      'validation_failed',
      'Kopfzeile unvollständig: benötigt werden version und status_id oder ozg_id (am besten die Datei aus dem Export verwenden).',
      { expected: STATUS_CSV_COLUMNS },
    );
  }
  const unknown = columns.filter((column) => !(STATUS_CSV_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0) {
    throw new AppError('validation_failed', `Unbekannte Spalten: ${unknown.join(', ')}.`, {
      expected: STATUS_CSV_COLUMNS,
    });
  }

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
    const version = integer('version');
    if (version === null && !errors.some((e) => e.column === 'version'))
      errors.push({ column: 'version', message: 'Version fehlt.' });
    return {
      line,
      statusId: integer('status_id'),
      ozgId: integer('ozg_id'),
      version,
      changes,
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
}): Promise<CsvImportResult> {
  authorizeStatusEdit({ actor: input.actor, input: { regionIds: [input.regionId] } });
  const lines = parseLines(input.bytes);
  const { items } = await queryStatuses({
    db: input.db,
    regionId: input.regionId,
    query: { pageSize: 1000, includeOutOfTarget: 'true' },
  });
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
    const diff = diffStatus(status, line.changes);
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
    const merged = {
      ...status,
      ...Object.fromEntries(Object.entries(diff).map(([field, d]) => [field, d.to])),
    } as Status;
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
    results.push({ line: line.line, ozgId, outcome: 'changed', changes: diff });
    updates.push({ id: status.id, version: status.version, changes: line.changes });
  }

  const summary = {
    changed: results.filter((r) => r.outcome === 'changed').length,
    unchanged: results.filter((r) => r.outcome === 'unchanged').length,
    errors: results.filter((r) => r.outcome === 'error').length,
    conflicts: results.filter((r) => r.outcome === 'conflict').length,
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
