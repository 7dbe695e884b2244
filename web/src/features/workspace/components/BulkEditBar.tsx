import {
  MATURITY_LEVELS_1_1,
  OZG_CONFORMANT_LEVEL,
  SOLUTION_KIND_LABELS,
  SOLUTION_KINDS,
  type SolutionKind,
  type Status,
  type StatusChanges,
  WORKFLOW_STATE_LABELS,
  WORKFLOW_STATES,
  type WorkflowState,
} from '@ozg/shared';
import { type FormEvent, useState } from 'react';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { formatCount, formatNumber } from '../../../lib/format';
import { useBulkUpdate } from '../api/bulk-update';
import { conflictRecords, errorMessage, ruleProblems } from '../api-errors';
import { displayValue, FIELD_LABELS, maturityLabel } from '../status-fields';

type Props = {
  regionKey: string;
  selected: Status[];
  /** Replaces the selection, e.g. with the current versions after a conflict. */
  onSelectionChange: (statuses: Status[]) => void;
  onDone: (message: string) => void;
};

const UNCHANGED = '';
const NO_SOLUTION = 'none';

/** One change for all selected statuses, all or nothing. */
export function BulkEditBar({ regionKey, selected, onSelectionChange, onDone }: Props) {
  const [workflowState, setWorkflowState] = useState(UNCHANGED);
  const [solution, setSolution] = useState(UNCHANGED);
  const [maturityLevel, setMaturityLevel] = useState(UNCHANGED);
  const [onlineSince, setOnlineSince] = useState('');
  const [conflicts, setConflicts] = useState<{ read: Status; current: Status }[]>([]);
  const bulk = useBulkUpdate(regionKey);

  const changes: StatusChanges = {
    ...(workflowState ? { workflowState: workflowState as WorkflowState } : {}),
    ...(solution ? { solution: solution === NO_SOLUTION ? null : (solution as SolutionKind) } : {}),
    ...(maturityLevel
      ? {
          maturityLevel: Number(maturityLevel),
          // Reifegrad >= 3 needs "online seit"; below 3 it must be empty (status rules).
          onlineSince: Number(maturityLevel) >= OZG_CONFORMANT_LEVEL ? onlineSince || null : null,
        }
      : {}),
  };
  const needsDate = maturityLevel !== UNCHANGED && Number(maturityLevel) >= OZG_CONFORMANT_LEVEL;
  const nothingChosen = Object.keys(changes).length === 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setConflicts([]);
    bulk.mutate(
      { statuses: selected.map(({ id, version }) => ({ id, version })), changes },
      {
        onSuccess: ({ items }) => {
          onDone(`${formatCount(items.length, 'Leistung', 'Leistungen')} geändert.`);
          setWorkflowState(UNCHANGED);
          setSolution(UNCHANGED);
          setMaturityLevel(UNCHANGED);
          setOnlineSince('');
        },
        onError: (error) => {
          const current = conflictRecords(error);
          if (current) {
            const read = new Map(selected.map((status) => [status.id, status]));
            setConflicts(
              current.flatMap((status) => {
                const before = read.get(status.id);
                return before ? [{ read: before, current: status }] : [];
              }),
            );
          }
        },
      },
    );
  };

  const rules = ruleProblems(bulk.error);
  const names = new Map(selected.map((status) => [status.id, status.serviceName]));
  const changedFields = Object.keys(changes) as (keyof StatusChanges & keyof typeof FIELD_LABELS)[];

  return (
    <form className="bulk-bar" aria-labelledby="bulk-title" onSubmit={submit}>
      <h2 id="bulk-title" className="bulk-title">
        Sammelbearbeitung: {formatNumber(selected.length)} ausgewählt
      </h2>
      <div className="bulk-fields">
        <div className="field">
          <label htmlFor="bulk-workflowState">{FIELD_LABELS.workflowState}</label>
          <select
            id="bulk-workflowState"
            value={workflowState}
            onChange={(e) => setWorkflowState(e.target.value)}
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
          <select id="bulk-solution" value={solution} onChange={(e) => setSolution(e.target.value)}>
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
            value={maturityLevel}
            onChange={(e) => setMaturityLevel(e.target.value)}
          >
            <option value={UNCHANGED}>unverändert</option>
            {MATURITY_LEVELS_1_1.map((level) => (
              <option key={level} value={level}>
                {maturityLabel(level)}
              </option>
            ))}
          </select>
        </div>
        {needsDate ? (
          <div className="field">
            <label htmlFor="bulk-onlineSince">{FIELD_LABELS.onlineSince} (ab Reifegrad 3 nötig)</label>
            <input
              id="bulk-onlineSince"
              type="date"
              required
              value={onlineSince}
              onChange={(e) => setOnlineSince(e.target.value)}
            />
          </div>
        ) : null}
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={nothingChosen || bulk.isPending || (needsDate && !onlineSince)}
        >
          {bulk.isPending ? 'Wird angewendet …' : `Auf ${formatNumber(selected.length)} anwenden`}
        </button>
        <button type="button" className="button" onClick={() => onSelectionChange([])}>
          Auswahl aufheben
        </button>
      </div>

      {bulk.isError && conflicts.length > 0 ? (
        <div className="conflict" role="alert">
          <p>
            <strong>Nichts geändert:</strong> {formatNumber(conflicts.length)} der ausgewählten Leistungen
            wurden inzwischen von anderen gespeichert. Prüfen Sie deren Fassung und wenden Sie die Änderung
            dann erneut an oder nehmen Sie diese Leistungen aus der Auswahl.
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
                        {displayValue(field, read[field])} → {displayValue(field, current[field])} →{' '}
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
              }}
            >
              Diese Leistungen aus der Auswahl nehmen
            </button>
          </div>
        </div>
      ) : bulk.isError ? (
        <div className="form-error" role="alert">
          <p>{errorMessage(bulk.error)}</p>
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
