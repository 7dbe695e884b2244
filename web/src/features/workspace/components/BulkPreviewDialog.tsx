import type { BulkEditOptions, BulkUpdateResult, Status, StatusChanges } from '@ozg/shared';
import { OZG_CONFORMANT_LEVEL } from '@ozg/shared';
import { useEffect, useRef } from 'react';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { formatCount, formatDate, formatNumber } from '../../../lib/format';
import { displayValue, FIELD_LABELS } from '../status-fields';

type Props = {
  result: BulkUpdateResult;
  selected: Status[];
  changes: StatusChanges;
  options: BulkEditOptions;
  /** A new preview for other options is on its way. */
  updating: boolean;
  committing: boolean;
  onOptionsChange: (options: BulkEditOptions) => void;
  onConfirm: () => void;
  onCancel: () => void;
};

const fieldLabel = (field: string) => FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? field;

/**
 * The preview of a bulk edit in a modal dialog: how many statuses change and
 * how many stay, and, for those that already stand higher or have an "online
 * seit", an explicit choice whose default lowers and overwrites nothing. Esc or
 * "Abbrechen" closes it without any change; focus returns to the preview button.
 */
export function BulkPreviewDialog({
  result,
  selected,
  changes,
  options,
  updating,
  committing,
  onOptionsChange,
  onConfirm,
  onCancel,
}: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const byId = new Map(selected.map((status) => [status.id, status]));
  const { summary } = result;
  const downgrades = result.statuses.filter((entry) => entry.downgrade);
  const dated = result.statuses.filter((entry) => entry.onlineSinceAffected);
  const changed = result.statuses.filter((entry) => entry.outcome === 'changed');
  const errors = result.statuses.filter((entry) => entry.outcome === 'error');
  const level = changes.maturityLevel;
  const keptAnswers = result.statuses.filter((entry) => entry.kept.includes('criteria'));
  const clearsDate = level !== undefined && level < OZG_CONFORMANT_LEVEL;

  return (
    <dialog
      ref={dialogRef}
      className="dialog bulk-preview"
      aria-labelledby="bulk-preview-title"
      aria-describedby="bulk-preview-summary"
      aria-busy={updating}
      onClose={onCancel}
    >
      <header className="dialog-header">
        <h2 id="bulk-preview-title">Vorschau der Sammeländerung</h2>
      </header>
      <p id="bulk-preview-summary" className="bulk-preview-summary" aria-live="polite">
        <strong>{formatCount(summary.changed, 'Leistung wird', 'Leistungen werden')} geändert</strong>,{' '}
        {formatCount(summary.unchanged, 'bleibt', 'bleiben')} unverändert
        {summary.errors > 0 ? `, ${formatCount(summary.errors, 'verletzt', 'verletzen')} Regeln` : ''}.
        {updating ? ' Vorschau wird aktualisiert …' : ''}
      </p>

      {downgrades.length > 0 && level !== undefined ? (
        <fieldset className="bulk-choice">
          <legend>
            {formatCount(downgrades.length, 'Leistung steht', 'Leistungen stehen')} über Reifegrad {level} und
            würde herabgestuft
          </legend>
          <ul className="bulk-affected">
            {downgrades.map((entry) => (
              <li key={entry.statusId}>
                {entry.serviceName}: jetzt{' '}
                {displayValue(
                  'maturityLevel',
                  byId.get(entry.statusId)?.maturityLevel ?? 0,
                  byId.get(entry.statusId)?.maturityModel,
                )}
              </li>
            ))}
          </ul>
          <label className="choice">
            <input
              type="radio"
              name="bulk-levels"
              checked={options.levels === 'raise-only'}
              onChange={() => onOptionsChange({ ...options, levels: 'raise-only' })}
            />
            Nur anheben, nie herabstufen (empfohlen)
          </label>
          <label className="choice">
            <input
              type="radio"
              name="bulk-levels"
              checked={options.levels === 'lower'}
              onChange={() => onOptionsChange({ ...options, levels: 'lower' })}
            />
            Auf Reifegrad {level} herabstufen
          </label>
        </fieldset>
      ) : null}

      {changes.criteria && (keptAnswers.length > 0 || options.levels === 'lower') ? (
        <fieldset className="bulk-choice">
          <legend>
            {formatCount(keptAnswers.length, 'Leistung hat', 'Leistungen haben')} bei diesem Kriterium schon
            eine höhere Antwort
          </legend>
          <label className="choice">
            <input
              type="radio"
              name="bulk-criteria"
              checked={options.levels === 'raise-only'}
              onChange={() => onOptionsChange({ ...options, levels: 'raise-only' })}
            />
            Höhere Antworten behalten (empfohlen)
          </label>
          <label className="choice">
            <input
              type="radio"
              name="bulk-criteria"
              checked={options.levels === 'lower'}
              onChange={() => onOptionsChange({ ...options, levels: 'lower' })}
            />
            Überall diese Antwort setzen
          </label>
        </fieldset>
      ) : null}

      {dated.length > 0 ? (
        <fieldset className="bulk-choice">
          <legend>
            {formatCount(dated.length, 'Leistung hat', 'Leistungen haben')} schon ein Datum „online seit“
          </legend>
          <ul className="bulk-affected">
            {dated.map((entry) => (
              <li key={entry.statusId}>
                {entry.serviceName}: online seit {formatDate(byId.get(entry.statusId)?.onlineSince ?? '')}
              </li>
            ))}
          </ul>
          {changes.onlineSince ? (
            <>
              <label className="choice">
                <input
                  type="radio"
                  name="bulk-online-since"
                  checked={options.onlineSince === 'keep'}
                  onChange={() => onOptionsChange({ ...options, onlineSince: 'keep' })}
                />
                Vorhandene Daten behalten (empfohlen)
              </label>
              <label className="choice">
                <input
                  type="radio"
                  name="bulk-online-since"
                  checked={options.onlineSince === 'overwrite'}
                  onChange={() => onOptionsChange({ ...options, onlineSince: 'overwrite' })}
                />
                Mit {formatDate(changes.onlineSince)} überschreiben
              </label>
            </>
          ) : null}
          {clearsDate ? (
            <p className="hint">
              Unter Reifegrad 3 gibt es kein „online seit“: wer herabgestuft wird, verliert sein Datum.
            </p>
          ) : null}
        </fieldset>
      ) : null}

      {changed.length > 0 ? (
        <ScrollableTable label="Tabelle der Leistungen, die sich ändern">
          <table className="data-table bulk-preview-table">
            <caption className="visually-hidden">
              Leistungen, die sich ändern, mit altem und neuem Wert
            </caption>
            <thead>
              <tr>
                <th scope="col">Leistung</th>
                <th scope="col">Änderung</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((entry) => (
                <tr key={entry.statusId}>
                  <th scope="row">{entry.serviceName}</th>
                  <td>
                    <ul className="line-details">
                      {Object.entries(entry.changes ?? {}).map(([field, change]) => (
                        <li key={field}>
                          {fieldLabel(field)}:{' '}
                          {displayValue(field, change.from, byId.get(entry.statusId)?.maturityModel)} →{' '}
                          {displayValue(field, change.to)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      ) : null}

      {errors.length > 0 ? (
        <div className="form-error" role="alert">
          <p>Nichts übernehmbar, solange diese Leistungen Regeln verletzen:</p>
          <ul>
            {errors.map((entry) => (
              <li key={entry.statusId}>
                {entry.serviceName}: {(entry.errors ?? []).map((error) => error.message).join(' ')}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={summary.changed === 0 || summary.errors > 0 || updating || committing}
          onClick={onConfirm}
        >
          {committing
            ? 'Wird übernommen …'
            : summary.changed === 0
              ? 'Nichts zu ändern'
              : `${formatNumber(summary.changed)} ${summary.changed === 1 ? 'Änderung' : 'Änderungen'} übernehmen`}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Abbrechen
        </button>
      </div>
    </dialog>
  );
}
