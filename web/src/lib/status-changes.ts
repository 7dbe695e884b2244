import {
  BUILTIN_MATURITY_DEFINITIONS,
  type CriterionChange,
  DEFAULT_MATURITY_MODEL,
  type MaturityModel,
  SOLUTION_KIND_LABELS,
  type SolutionKind,
  WORKFLOW_STATE_LABELS,
  type WorkflowState,
} from '@ozg/shared';
import { formatDate, formatDateTime } from './format';
import { maturityText } from './maturity';

/*
 * How the UI names the fields of a status and their values: the audit trail
 * and the workspace (features/workspace/status-fields.ts re-exports displayValue).
 */
const FIELD_LABELS: Record<string, string> = {
  maturityLevel: 'Reifegrad',
  maturityModel: 'Reifegradmodell',
  workflowState: 'Bearbeitungsstand',
  solution: 'Lösung',
  onlineSince: 'Online seit',
  plannedDate: 'Geplant bis',
  url: 'URL',
  contact: 'Kontakt',
  note: 'Notiz',
  inTarget: 'Im Zielbild',
  criteria: 'Kriterien',
  confirmedAt: 'Bestätigt',
};

/** A criterion's name by its key (the shipped definitions; a revised version keeps its keys). */
function criterionName(key: string): string {
  for (const definition of BUILTIN_MATURITY_DEFINITIONS) {
    const found = definition.criteria.find((criterion) => criterion.key === key);
    if (found) return `${found.name} (RGM ${definition.family})`;
  }
  return key;
}

/** Answers to criteria as text: "E-Akte (RGM 2.0): Stufe 7", "nicht bewertet" for none. */
function criteriaText(value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  return (value as CriterionChange[])
    .map(
      (change) =>
        `${criterionName(change.criterion)}: ${change.answer ? `Stufe ${change.answer.level}` : 'nicht bewertet'}`,
    )
    .join('; ');
}

/**
 * A field's value as the UI shows it: labels instead of codes, German dates, a
 * dash for nothing; a Reifegrad with the model it was recorded under. The one
 * formatter for the workspace and the audit trail.
 */
export function displayValue(
  field: string,
  value: unknown,
  model: MaturityModel = DEFAULT_MATURITY_MODEL,
): string {
  if (value === null || value === undefined || value === '') return '–';
  switch (field) {
    case 'maturityLevel':
      return typeof value === 'number' ? maturityText(value, model) : String(value);
    case 'workflowState':
      return WORKFLOW_STATE_LABELS[value as WorkflowState] ?? String(value);
    case 'solution':
      return SOLUTION_KIND_LABELS[value as SolutionKind] ?? String(value);
    case 'onlineSince':
    case 'plannedDate':
      return typeof value === 'string' ? formatDate(value) : String(value);
    case 'inTarget':
      return value ? 'ja' : 'nein';
    case 'criteria':
      return criteriaText(value);
    case 'confirmedAt':
      return typeof value === 'string' ? formatDateTime(value) : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** The changed fields of an event, e.g. "Reifegrad: 1 – Information → 2 – Formular". */
export function describeChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys({ ...before, ...after }).map(
    (field) =>
      `${FIELD_LABELS[field] ?? field}: ${displayValue(field, before[field])} → ${displayValue(field, after[field])}`,
  );
}
