import {
  MATURITY_LABELS_1_1,
  type MaturityLevel,
  SOLUTION_KIND_LABELS,
  type SolutionKind,
  WORKFLOW_STATE_LABELS,
  type WorkflowState,
} from '@ozg/shared';
import { formatDate } from './format';

/*
 * How an audit-trail entry names the fields of a status and their values.
 * Same wording as the workspace's status fields (features/workspace/status-fields.ts),
 * kept here so that pages outside the workspace can show changes too.
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
};

function changeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  switch (field) {
    case 'maturityLevel':
      return `${String(value)} – ${MATURITY_LABELS_1_1[value as MaturityLevel] ?? 'unbekannt'}`;
    case 'workflowState':
      return WORKFLOW_STATE_LABELS[value as WorkflowState] ?? String(value);
    case 'solution':
      return SOLUTION_KIND_LABELS[value as SolutionKind] ?? String(value);
    case 'onlineSince':
    case 'plannedDate':
      return typeof value === 'string' ? formatDate(value) : String(value);
    case 'inTarget':
      return value ? 'ja' : 'nein';
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** The changed fields of an event, e.g. "Reifegrad: 1 – Information → 2 – Formular". */
export function describeChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys({ ...before, ...after }).map(
    (field) =>
      `${FIELD_LABELS[field] ?? field}: ${changeValue(field, before[field])} → ${changeValue(field, after[field])}`,
  );
}
