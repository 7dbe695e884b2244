import {
  type BulkEditOptions,
  type BulkUpdateResult,
  DEFAULT_BULK_EDIT_OPTIONS,
  MATURITY_LEVELS_1_1,
  OZG_CONFORMANT_LEVEL,
  SOLUTION_KIND_LABELS,
  SOLUTION_KINDS,
  type Status,
  type StatusChanges,
  WORKFLOW_STATE_LABELS,
  WORKFLOW_STATES,
} from '@ozg/shared';
import { type FormEvent, useRef, useState } from 'react';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { conflictRecords, errorMessage, ruleProblems } from '../../../lib/api-errors';
import { formatCount, formatNumber } from '../../../lib/format';
import { useMaturityModels } from '../../../lib/maturity-models';
import { useBulkPreview, useBulkUpdate } from '../api/bulk-update';
import { useConfirm, useConfirmPreview } from '../api/confirm';
import {
  BULK_TEXT_FIELDS,
  type BulkForm,
  type BulkTextField,
  bulkChangesFromForm,
  displayValue,
  EMPTY_BULK_FORM,
  FIELD_LABELS,
  maturityLabel,
} from '../status-fields';
import { BulkPreviewDialog } from './BulkPreviewDialog';
import { ConfirmDialog } from './ConfirmDialog';

type Props = {
  regionKey: string;
  selected: Status[];
  /** Replaces the selection, e.g. with the current versions after a conflict. */
  onSelectionChange: (statuses: Status[]) => void;
  onDone: (message: string) => void;
};

const UNCHANGED = '';
const NO_SOLUTION = 'none';

const TEXT_INPUT: Record<BulkTextField, { type: string; hint: string }> = {
  plannedDate: { type: 'date', hint: '' },
  url: { type: 'url', hint: 'https://…' },
  contact: { type: 'text', hint: '' },
  note: { type: 'text', hint: '' },
};

/**
 * One change for all selected statuses: first a preview (dry run) that shows
 * what changes, what stays and which services would be lowered or lose their
 * "online seit" (by default neither happens), then all or nothing, undoable.
 */
export function BulkEditBar({ regionKey, selected, onSelectionChange, onDone }: Props) {
  const [form, setForm] = useState<BulkForm>(EMPTY_BULK_FORM);
  const [options, setOptions] = useState<BulkEditOptions>(DEFAULT_BULK_EDIT_OPTIONS);
  const [preview, setPreview] = useState<BulkUpdateResult | null>(null);
  const [conflicts, setConflicts] = useState<{ read: Status; current: Status }[]>([]);
  const previewButton = useRef<HTMLButtonElement>(null);
  // The bar sticks to the bottom of the window over the rows; folded it only names the selection, hiding little.
  const [folded, setFolded] = useState(false);
  const models = useMaturityModels();
  const currentModels = (models.data?.items ?? [])
    .filter((model) => model.current)
    .sort((a, b) => b.family.localeCompare(a.family));
  const [criterionModelId, criterionKey] = form.criterion.split(':');
  const chosenCriterion = currentModels
    .find((model) => String(model.id) === criterionModelId)
    ?.definition.criteria.find((criterion) => criterion.key === criterionKey);
  const dryRun = useBulkPreview();
  const bulk = useBulkUpdate(regionKey);
  // "Bestätigen" for the selection (decision 025): a preview, then all or nothing.
  const confirmPreview = useConfirmPreview();
  const confirm = useConfirm(regionKey);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const versions = (statuses: Status[]) => ({
    statuses: statuses.map(({ id, version }) => ({ id, version })),
  });
  const previewConfirmation = (statuses: Status[]) => {
    confirm.reset();
    confirmPreview.mutate(versions(statuses));
  };
  const closeConfirmation = () => {
    confirmPreview.reset();
    confirm.reset();
    requestAnimationFrame(() => confirmButton.current?.focus());
  };

  const changes: StatusChanges = bulkChangesFromForm(form);
  const needsDate = form.maturityLevel !== UNCHANGED && Number(form.maturityLevel) >= OZG_CONFORMANT_LEVEL;
  const nothingChosen = Object.keys(changes).length === 0;
  const request = (chosen: BulkEditOptions) => ({
    statuses: selected.map(({ id, version }) => ({ id, version })),
    changes,
    options: chosen,
  });

  const showConflicts = (current: Status[]) => {
    const read = new Map(selected.map((status) => [status.id, status]));
    setConflicts(
      current.flatMap((status) => {
        const before = read.get(status.id);
        return before ? [{ read: before, current: status }] : [];
      }),
    );
  };

  const runPreview = (chosen: BulkEditOptions) => {
    setOptions(chosen);
    dryRun.mutate(request(chosen), {
      onSuccess: (result) => {
        const stale = result.statuses.flatMap((entry) => (entry.current ? [entry.current] : []));
        if (stale.length > 0) {
          setPreview(null);
          showConflicts(stale);
        } else setPreview(result);
      },
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setConflicts([]);
    bulk.reset();
    // Every new preview starts from the safe defaults: lowering or overwriting is chosen anew each time.
    runPreview(DEFAULT_BULK_EDIT_OPTIONS);
  };

  const closePreview = () => {
    setPreview(null);
    requestAnimationFrame(() => previewButton.current?.focus());
  };

  const commit = () => {
    bulk.mutate(request(options), {
      onSuccess: ({ summary }) => {
        setPreview(null);
        onDone(`${formatCount(summary.changed, 'Leistung', 'Leistungen')} geändert.`);
        setForm(EMPTY_BULK_FORM);
      },
      onError: (error) => {
        setPreview(null);
        const current = conflictRecords(error);
        if (current) showConflicts(current);
        requestAnimationFrame(() => previewButton.current?.focus());
      },
    });
  };

  const setText = (field: BulkTextField, value: string) =>
    setForm((previous) => ({ ...previous, texts: { ...previous.texts, [field]: value } }));
  const setCleared = (field: BulkTextField, value: boolean) =>
    setForm((previous) => ({ ...previous, cleared: { ...previous.cleared, [field]: value } }));

  const rules = ruleProblems(bulk.error ?? dryRun.error);
  const names = new Map(selected.map((status) => [status.id, status.serviceName]));
  const changedFields = Object.keys(changes).filter(
    (field) => field in FIELD_LABELS,
  ) as (keyof StatusChanges & keyof typeof FIELD_LABELS)[];

  return (
    <form className="bulk-bar" aria-labelledby="bulk-title" onSubmit={submit}>
      <div className="bulk-head">
        <h2 id="bulk-title" className="bulk-title">
          Sammelbearbeitung: {formatNumber(selected.length)} ausgewählt
        </h2>
        <button
          type="button"
          className="button button-small"
          aria-expanded={!folded}
          aria-controls="bulk-body"
          onClick={() => setFolded(!folded)}
        >
          {folded ? 'Änderung wählen' : 'Einklappen'}
        </button>
        {folded ? (
          <button type="button" className="button button-small" onClick={() => onSelectionChange([])}>
            Auswahl aufheben
          </button>
        ) : null}
      </div>
      <div id="bulk-body" hidden={folded}>
        <div className="bulk-fields">
          <div className="field">
            <label htmlFor="bulk-workflowState">{FIELD_LABELS.workflowState}</label>
            <select
              id="bulk-workflowState"
              value={form.workflowState}
              onChange={(e) => setForm({ ...form, workflowState: e.target.value })}
            >
              <option value={UNCHANGED}>unverändert</option>
              {WORKFLOW_STATES.map((state) => (
                <option key={state} value={state}>
                  {WORKFLOW_STATE_LABELS[state]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="bulk-solution">{FIELD_LABELS.solution}</label>
            <select
              id="bulk-solution"
              value={form.solution}
              onChange={(e) => setForm({ ...form, solution: e.target.value })}
            >
              <option value={UNCHANGED}>unverändert</option>
              <option value={NO_SOLUTION}>keine Angabe</option>
              {SOLUTION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {SOLUTION_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="bulk-maturityLevel">{FIELD_LABELS.maturityLevel}</label>
            <select
              id="bulk-maturityLevel"
              value={form.maturityLevel}
              onChange={(e) => setForm({ ...form, maturityLevel: e.target.value })}
            >
              <option value={UNCHANGED}>unverändert</option>
              {MATURITY_LEVELS_1_1.map((level) => (
                <option key={level} value={level}>
                  {maturityLabel(level)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="bulk-criterion">Kriterium (Reifegrad)</label>
            <select
              id="bulk-criterion"
              value={form.criterion}
              onChange={(e) => setForm({ ...form, criterion: e.target.value, criterionLevel: '' })}
            >
              <option value={UNCHANGED}>keines</option>
              {currentModels.map((model) => (
                <optgroup key={model.id} label={`${model.definition.name} (Version ${model.version})`}>
                  {model.definition.criteria.map((criterion) => (
                    <option key={criterion.key} value={`${model.id}:${criterion.key}`}>
                      {criterion.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          {chosenCriterion ? (
            <div className="field">
              <label htmlFor="bulk-criterionLevel">Antwort für {chosenCriterion.name}</label>
              <select
                id="bulk-criterionLevel"
                value={form.criterionLevel}
                onChange={(e) => setForm({ ...form, criterionLevel: e.target.value })}
              >
                <option value={UNCHANGED}>bitte wählen</option>
                {chosenCriterion.levels.map((option) => (
                  <option key={option.level} value={option.level}>
                    Stufe {option.level}: {option.description}
                  </option>
                ))}
                <option value="none">nicht bewertet (Antwort entfernen)</option>
              </select>
            </div>
          ) : null}
          {needsDate ? (
            <div className="field">
              <label htmlFor="bulk-onlineSince">{FIELD_LABELS.onlineSince} (ab Reifegrad 3 nötig)</label>
              <input
                id="bulk-onlineSince"
                type="date"
                required
                value={form.onlineSince}
                onChange={(e) => setForm({ ...form, onlineSince: e.target.value })}
              />
            </div>
          ) : null}
        </div>
        <div className="bulk-fields bulk-texts">
          {BULK_TEXT_FIELDS.map((field) => (
            <div key={field} className="field">
              <label htmlFor={`bulk-${field}`}>{FIELD_LABELS[field]}</label>
              <input
                id={`bulk-${field}`}
                type={TEXT_INPUT[field].type}
                value={form.texts[field]}
                disabled={form.cleared[field]}
                placeholder={form.cleared[field] ? 'wird geleert' : TEXT_INPUT[field].hint || 'unverändert'}
                onChange={(e) => setText(field, e.target.value)}
              />
              <label className="choice">
                <input
                  type="checkbox"
                  checked={form.cleared[field]}
                  onChange={(e) => setCleared(field, e.target.checked)}
                />
                {FIELD_LABELS[field]} leeren
              </label>
            </div>
          ))}
        </div>
        <div className="form-actions">
          <button
            ref={previewButton}
            type="submit"
            className="button button-primary"
            disabled={nothingChosen || dryRun.isPending || bulk.isPending || (needsDate && !form.onlineSince)}
          >
            {dryRun.isPending && !preview
              ? 'Vorschau wird berechnet …'
              : `Vorschau für ${formatNumber(selected.length)} anzeigen`}
          </button>
          <button
            ref={confirmButton}
            type="button"
            className="button"
            disabled={confirmPreview.isPending || confirm.isPending}
            onClick={() => previewConfirmation(selected)}
          >
            {confirmPreview.isPending
              ? 'Vorschau wird berechnet …'
              : `${formatNumber(selected.length)} unverändert bestätigen …`}
          </button>
          <button type="button" className="button" onClick={() => onSelectionChange([])}>
            Auswahl aufheben
          </button>
        </div>
      </div>

      {preview ? (
        <BulkPreviewDialog
          result={preview}
          selected={selected}
          changes={changes}
          options={options}
          updating={dryRun.isPending}
          committing={bulk.isPending}
          onOptionsChange={runPreview}
          onConfirm={commit}
          onCancel={closePreview}
        />
      ) : null}

      {confirmPreview.data ? (
        <ConfirmDialog
          preview={confirmPreview.data}
          committing={confirm.isPending}
          error={confirm.error}
          onConfirm={() =>
            confirm.mutate(versions(selected), {
              onSuccess: (result) => {
                confirmPreview.reset();
                onDone(
                  `${formatCount(result.summary.confirm, 'Leistung', 'Leistungen')} als unverändert bestätigt.`,
                );
              },
            })
          }
          onUseCurrent={(current) => {
            const byId = new Map(current.map((status) => [status.id, status]));
            const next = selected.map((status) => byId.get(status.id) ?? status);
            onSelectionChange(next);
            previewConfirmation(next);
          }}
          onCancel={closeConfirmation}
        />
      ) : confirmPreview.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(confirmPreview.error)}
        </p>
      ) : null}

      {conflicts.length > 0 ? (
        <div className="conflict" role="alert">
          <p>
            <strong>Nichts geändert:</strong>{' '}
            {conflicts.length === 1
              ? 'Eine der ausgewählten Leistungen wurde inzwischen von anderen gespeichert. Prüfen Sie deren Fassung und wenden Sie die Änderung dann erneut an oder nehmen Sie diese Leistung aus der Auswahl.'
              : `${formatNumber(conflicts.length)} der ausgewählten Leistungen wurden inzwischen von anderen gespeichert. Prüfen Sie deren Fassung und wenden Sie die Änderung dann erneut an oder nehmen Sie diese Leistungen aus der Auswahl.`}
          </p>
          <ScrollableTable label="Tabelle der inzwischen geänderten Leistungen">
            <table className="data-table">
              <caption className="visually-hidden">
                Geänderte Leistungen: gelesene und gespeicherte Fassung
              </caption>
              <thead>
                <tr>
                  <th scope="col">Leistung</th>
                  <th scope="col">Geändert von</th>
                  {changedFields.map((field) => (
                    <th key={field} scope="col">
                      {FIELD_LABELS[field]}: gelesen → gespeichert → Ihre Änderung
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {conflicts.map(({ read, current }) => (
                  <tr key={current.id}>
                    <th scope="row">{current.serviceName}</th>
                    <td>{current.updatedBy ?? '–'}</td>
                    {changedFields.map((field) => (
                      <td key={field}>
                        {displayValue(field, read[field], read.maturityModel)} →{' '}
                        {displayValue(field, current[field], current.maturityModel)} →{' '}
                        <strong>{displayValue(field, changes[field])}</strong>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                const current = new Map(conflicts.map((c) => [c.current.id, c.current]));
                onSelectionChange(selected.map((status) => current.get(status.id) ?? status));
                setConflicts([]);
                bulk.reset();
                dryRun.reset();
              }}
            >
              Mit den gespeicherten Fassungen weiterarbeiten
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                const changed = new Set(conflicts.map((c) => c.current.id));
                onSelectionChange(selected.filter((status) => !changed.has(status.id)));
                setConflicts([]);
                bulk.reset();
                dryRun.reset();
              }}
            >
              Diese Leistungen aus der Auswahl nehmen
            </button>
          </div>
        </div>
      ) : bulk.isError || dryRun.isError ? (
        <div className="form-error" role="alert">
          <p>{errorMessage(bulk.error ?? dryRun.error)}</p>
          {rules.length > 0 ? (
            <ul>
              {rules.map((problem) => (
                <li key={`${problem.statusId}-${problem.path}`}>
                  {problem.statusId !== undefined
                    ? `${names.get(problem.statusId) ?? `OZG-ID ${problem.ozgId}`}: `
                    : ''}
                  {problem.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
