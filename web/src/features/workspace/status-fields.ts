import {
  CHANGE_SOURCE_LABELS,
  DEFAULT_MATURITY_MODEL,
  type FieldProvenance,
  type MaturityModel,
  OZG_CONFORMANT_LEVEL,
  type SolutionKind,
  type Status,
  type StatusChanges,
  statusProblems,
  type WorkflowState,
} from '@ozg/shared';
import { formatDateTime } from '../../lib/format';
import { maturityText } from '../../lib/maturity';

/** The fields an officer edits, in the order the forms show them. */
export const EDITABLE_FIELDS = [
  'maturityLevel',
  'workflowState',
  'solution',
  'onlineSince',
  'plannedDate',
  'url',
  'contact',
  'note',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const FIELD_LABELS: Record<EditableField | 'maturityModel', string> = {
  maturityLevel: 'Reifegrad',
  maturityModel: 'Reifegradmodell',
  workflowState: 'Bearbeitungsstand',
  solution: 'Lösung',
  onlineSince: 'Online seit',
  plannedDate: 'Geplant bis',
  url: 'URL',
  contact: 'Kontakt',
  note: 'Notiz',
};

/** A level to choose in a form: new levels are recorded under the current model. */
export const maturityLabel = (level: number, model: MaturityModel = DEFAULT_MATURITY_MODEL) =>
  maturityText(level, model);

export { displayValue } from '../../lib/status-changes';

/** What a form holds: every editable field as the text of its input ('' = empty). */
export type StatusDraft = Record<EditableField, string>;

export function draftOf(status: Status): StatusDraft {
  return {
    maturityLevel: String(status.maturityLevel),
    workflowState: status.workflowState,
    solution: status.solution ?? '',
    onlineSince: status.onlineSince ?? '',
    plannedDate: status.plannedDate ?? '',
    url: status.url ?? '',
    contact: status.contact ?? '',
    note: status.note ?? '',
  };
}

/** A draft's typed value of one field; empty text means "none". */
function typedValue(field: EditableField, text: string): StatusChanges[EditableField] {
  const trimmed = text.trim();
  if (field === 'maturityLevel') return Number(trimmed);
  if (field === 'workflowState') return trimmed as WorkflowState;
  if (field === 'solution') return trimmed === '' ? null : (trimmed as SolutionKind);
  return trimmed === '' ? null : trimmed;
}

/** Only the fields the draft really changes, typed for the API. */
export function changesFrom(status: Status, draft: StatusDraft): StatusChanges {
  const changes: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) {
    const value = typedValue(field, draft[field]);
    if (value !== status[field]) changes[field] = value;
  }
  return changes as StatusChanges;
}

/**
 * The status rules (shared with the API) applied to the draft, keyed by field,
 * so the form can say what is wrong before anything is sent.
 */
export function draftProblems(
  status: Status,
  draft: StatusDraft,
  today: string,
): Partial<Record<string, string>> {
  const merged = { ...status, ...changesFrom(status, draft) };
  const problems: Partial<Record<string, string>> = {};
  for (const problem of statusProblems(merged, today)) problems[problem.path] ??= problem.message;
  return problems;
}

/** One field where the officer's change and the current record differ after someone else saved. */
export type ConflictField = {
  field: EditableField;
  /** What the officer read before editing. */
  base: unknown;
  /** What the officer wants. */
  mine: unknown;
  /** What is stored now. */
  theirs: unknown;
};

/**
 * The fields to decide on after a 409: those the officer changed, with the
 * value read, the value wanted and the value stored now. Fields the officer
 * changed to what the other person also chose need no decision.
 */
export function conflictFields(base: Status, mine: StatusChanges, current: Status): ConflictField[] {
  return EDITABLE_FIELDS.filter((field) => field in mine && mine[field] !== current[field]).map((field) => ({
    field,
    base: base[field],
    mine: mine[field],
    theirs: current[field],
  }));
}

/** Fields someone else changed that the officer did not touch: shown so nothing surprises. */
export function othersChanges(base: Status, mine: StatusChanges, current: Status): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => !(field in mine) && base[field] !== current[field]);
}

/** Fields of the bulk edit that take free text or a date: empty means "unchanged", unless cleared. */
export const BULK_TEXT_FIELDS = ['plannedDate', 'url', 'contact', 'note'] as const;
export type BulkTextField = (typeof BULK_TEXT_FIELDS)[number];

/** What the bulk edit form holds: '' in a select means "unchanged". */
export type BulkForm = {
  workflowState: string;
  /** '' unchanged, 'none' no solution, else a solution code. */
  solution: string;
  maturityLevel: string;
  onlineSince: string;
  /** A maturity criterion as "modelId:key", '' for none; its answer: a level, 'none' (nicht bewertet) or ''. */
  criterion: string;
  criterionLevel: string;
  texts: Record<BulkTextField, string>;
  cleared: Record<BulkTextField, boolean>;
};

export const EMPTY_BULK_FORM: BulkForm = {
  workflowState: '',
  solution: '',
  maturityLevel: '',
  onlineSince: '',
  criterion: '',
  criterionLevel: '',
  texts: { plannedDate: '', url: '', contact: '', note: '' },
  cleared: { plannedDate: false, url: false, contact: false, note: false },
};

/**
 * The one change a bulk edit sends: every field a single edit can set.
 * Reifegrad and "online seit" go together (from Reifegrad 3 a date is
 * required, below 3 there is none); what happens to services that already
 * stand higher or have a date decides the preview's options (planBulkEdit).
 */
export function bulkChangesFromForm(form: BulkForm): StatusChanges {
  const changes: StatusChanges = {};
  if (form.workflowState) changes.workflowState = form.workflowState as WorkflowState;
  if (form.solution) changes.solution = form.solution === 'none' ? null : (form.solution as SolutionKind);
  if (form.maturityLevel) {
    const level = Number(form.maturityLevel);
    changes.maturityLevel = level;
    changes.onlineSince = level >= OZG_CONFORMANT_LEVEL ? form.onlineSince || null : null;
  }
  if (form.criterion && form.criterionLevel) {
    const [modelId, criterion] = form.criterion.split(':') as [string, string];
    changes.criteria = [
      {
        modelId: Number(modelId),
        criterion,
        answer: form.criterionLevel === 'none' ? null : { level: Number(form.criterionLevel) },
      },
    ];
  }
  for (const field of BULK_TEXT_FIELDS) {
    const text = form.texts[field].trim();
    if (form.cleared[field]) changes[field] = null;
    else if (text) changes[field] = text;
  }
  return changes;
}

/**
 * Where a field's value came from, for the line under it in the editor:
 * "Quelle: Data Hub (Bund), 12.11.2026 · Anna Beispiel". Null when no event names the field
 * (nothing to say); a record changed outside the audit trail says so.
 */
export function provenanceText(provenance: FieldProvenance | null | undefined): string | null {
  if (!provenance) return null;
  if (!provenance.matchesCurrent) return 'Quelle unbekannt: außerhalb des Protokolls geändert';
  const who = provenance.actor ? ` · ${provenance.actor}` : '';
  return `Quelle: ${CHANGE_SOURCE_LABELS[provenance.source]}, ${formatDateTime(provenance.at).slice(0, 10)}${who}`;
}
