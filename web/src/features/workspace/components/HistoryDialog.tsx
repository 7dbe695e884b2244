import { MATURITY_MODELS, type MaturityModel, type Status } from '@ozg/shared';
import { useEffect, useRef, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { formatDateTime } from '../../../lib/format';
import { useStatusEvents } from '../api/get-status-events';
import { displayValue, FIELD_LABELS } from '../status-fields';

const SOURCE_LABELS: Record<string, string> = {
  ui: 'Dashboard',
  csv: 'CSV-Upload',
  api: 'Schnittstelle',
  import: 'Import',
  seed: 'Demo-Daten',
  system: 'System',
};

const CHANGE_SET_LABELS: Record<string, string> = {
  bulk: 'Sammelbearbeitung',
  csv: 'CSV-Übernahme',
  undo: 'Rücknahme',
};

/**
 * The Reifegradmodell a recorded level belongs to: an event that changed the
 * model names it; otherwise the level was recorded under the status's model.
 */
const modelOf = (values: Record<string, unknown>, status: Status): MaturityModel =>
  typeof values.maturityModel === 'string' && values.maturityModel in MATURITY_MODELS
    ? (values.maturityModel as MaturityModel)
    : status.maturityModel;

/** A confirmation changes no field: it names only confirmedAt (decision 025). */
const isConfirmation = (after: Record<string, unknown>) =>
  Object.keys(after).length === 1 && 'confirmedAt' in after;

const fieldLabel = (field: string) => FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? field;

/** The change history of one status in a modal dialog (Esc closes it, focus returns to the opener). */
export function HistoryDialog({ status, onClose }: { status: Status; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [page, setPage] = useState(1);
  const events = useStatusEvents(status.id, page);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const pages = events.data ? Math.max(1, Math.ceil(events.data.total / events.data.pageSize)) : 1;

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="history-title" onClose={onClose}>
      <header className="dialog-header">
        <h2 id="history-title">Verlauf: {status.serviceName}</h2>
        <button type="button" className="button" onClick={onClose}>
          Schließen
        </button>
      </header>
      <p className="hint">
        OZG-ID {status.ozgId} · jetzt Version {status.version}
      </p>
      {events.isPending ? (
        <Loading label="Der Verlauf" />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.items.length === 0 ? (
        <Empty>Für diese Leistung wurde noch nichts geändert.</Empty>
      ) : (
        <>
          <ol className="history">
            {events.data.items.map((event) => (
              <li key={event.id} className="history-entry">
                <p className="history-meta">
                  <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time> ·{' '}
                  {event.actor ?? 'ohne Benutzerkonto'} · {SOURCE_LABELS[event.source] ?? event.source}
                  {event.changeSet
                    ? ` · ${CHANGE_SET_LABELS[event.changeSet.kind] ?? event.changeSet.kind}`
                    : ''}
                </p>
                <ul className="history-changes">
                  {isConfirmation(event.after) ? (
                    <li>
                      <strong>Unverändert bestätigt</strong>
                      {event.before.confirmedAt
                        ? ` (zuvor bestätigt ${formatDateTime(String(event.before.confirmedAt))})`
                        : ' (zum ersten Mal)'}
                    </li>
                  ) : null}
                  {Object.keys(event.after)
                    .filter((field) => !isConfirmation(event.after) || field !== 'confirmedAt')
                    .map((field) => (
                      <li key={field}>
                        <strong>{fieldLabel(field)}:</strong>{' '}
                        {displayValue(field, event.before[field], modelOf(event.before, status))} →{' '}
                        {displayValue(field, event.after[field], modelOf(event.after, status))}
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ol>
          {pages > 1 ? (
            <nav className="pager" aria-label="Seiten des Verlaufs">
              <button type="button" className="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Neuere
              </button>
              <span>
                Seite {page} von {pages}
              </span>
              <button
                type="button"
                className="button"
                disabled={page >= pages}
                onClick={() => setPage(page + 1)}
              >
                Ältere
              </button>
            </nav>
          ) : null}
        </>
      )}
    </dialog>
  );
}
