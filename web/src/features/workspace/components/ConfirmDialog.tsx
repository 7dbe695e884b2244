import { type ConfirmResult, germanDayOf, type Status } from '@ozg/shared';
import { useEffect, useRef } from 'react';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { errorMessage } from '../../../lib/api-errors';
import { formatCount, formatDate, formatNumber } from '../../../lib/format';

type Props = {
  preview: ConfirmResult;
  committing: boolean;
  error: unknown;
  onConfirm: () => void;
  /** Continue with the records as stored now (after a conflict). */
  onUseCurrent: (current: Status[]) => void;
  onCancel: () => void;
};

/**
 * The preview of "Bestätigen" for a selection (decision 025): how many
 * statuses are confirmed unchanged, which for the first time, and which were
 * changed by others since they were read (then nothing is confirmed until
 * the officer continues with the stored versions). Esc or "Abbrechen" closes
 * it without any change.
 */
export function ConfirmDialog({ preview, committing, error, onConfirm, onUseCurrent, onCancel }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const { summary } = preview;
  const conflicts = preview.statuses.flatMap((entry) => (entry.current ? [entry.current] : []));

  return (
    <dialog
      ref={dialogRef}
      className="dialog bulk-preview"
      aria-labelledby="confirm-preview-title"
      aria-describedby="confirm-preview-summary"
      onClose={onCancel}
    >
      <header className="dialog-header">
        <h2 id="confirm-preview-title">Vorschau: unverändert bestätigen</h2>
      </header>
      <p id="confirm-preview-summary" className="bulk-preview-summary">
        <strong>
          {formatCount(summary.confirm, 'Leistung wird', 'Leistungen werden')} als unverändert bestätigt
        </strong>
        {summary.neverConfirmed > 0 ? `, davon ${formatNumber(summary.neverConfirmed)} zum ersten Mal` : ''}.
        Die Angaben bleiben, wie sie sind; im Verlauf steht, wer wann bestätigt hat.
      </p>
      {conflicts.length > 0 ? (
        <div className="conflict" role="alert">
          <p>
            <strong>Nichts bestätigt:</strong>{' '}
            {formatCount(conflicts.length, 'Leistung wurde', 'Leistungen wurden')} inzwischen von anderen
            gespeichert: {conflicts.map((status) => status.serviceName).join(', ')}. Prüfen Sie die
            gespeicherte Fassung, bevor Sie sie bestätigen.
          </p>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => onUseCurrent(conflicts)}>
              Mit den gespeicherten Fassungen weiter
            </button>
          </div>
        </div>
      ) : null}
      <ScrollableTable label="Tabelle der Leistungen, die bestätigt werden">
        <table className="data-table bulk-preview-table">
          <caption className="visually-hidden">Leistungen und wann sie zuletzt bestätigt wurden</caption>
          <thead>
            <tr>
              <th scope="col">Leistung</th>
              <th scope="col">Zuletzt bestätigt</th>
            </tr>
          </thead>
          <tbody>
            {preview.statuses
              .filter((entry) => entry.outcome === 'confirm')
              .map((entry) => (
                <tr key={entry.statusId}>
                  <th scope="row">{entry.serviceName}</th>
                  <td>
                    {entry.previousConfirmedAt
                      ? formatDate(germanDayOf(new Date(entry.previousConfirmedAt)))
                      : 'noch nie'}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </ScrollableTable>
      {error ? (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={conflicts.length > 0 || summary.confirm === 0 || committing}
          onClick={onConfirm}
        >
          {committing ? 'Wird bestätigt …' : `${formatNumber(summary.confirm)} bestätigen`}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Abbrechen
        </button>
      </div>
    </dialog>
  );
}
