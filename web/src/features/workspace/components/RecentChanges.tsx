import type { ChangeSet } from '@ozg/shared';
import { useState } from 'react';
import { conflictRecords, errorMessage } from '../../../lib/api-errors';
import { formatCount, formatDateTime } from '../../../lib/format';
import { useChangeSets, useUndoChangeSet } from '../api/change-sets';

const KIND_LABELS: Record<ChangeSet['kind'], string> = {
  bulk: 'Sammelbearbeitung',
  csv: 'CSV-Übernahme',
  undo: 'Rücknahme',
};

/**
 * The officer's own bulk edits and CSV commits of the last 24 hours in this
 * municipality, each undoable as one step. Shown only when there are any.
 */
export function RecentChanges({
  regionKey,
  onMessage,
}: {
  regionKey: string;
  onMessage: (m: string) => void;
}) {
  const changeSets = useChangeSets(regionKey);
  const undo = useUndoChangeSet(regionKey);
  const [failed, setFailed] = useState<{ id: number; message: string; services: string[] } | null>(null);
  const items = changeSets.data?.items ?? [];
  if (items.length === 0) return null;

  const revert = (changeSet: ChangeSet) => {
    setFailed(null);
    undo.mutate(changeSet.id, {
      onSuccess: ({ items: reverted }) =>
        onMessage(
          `${KIND_LABELS[changeSet.kind]} vom ${formatDateTime(changeSet.createdAt)} rückgängig gemacht (${formatCount(reverted.length, 'Leistung', 'Leistungen')}).`,
        ),
      onError: (error) =>
        setFailed({
          id: changeSet.id,
          message: errorMessage(error),
          services: (conflictRecords(error) ?? []).map((status) => status.serviceName),
        }),
    });
  };

  return (
    <section className="panel recent-changes" aria-labelledby="recent-changes-title">
      <h2 id="recent-changes-title">Ihre Änderungen der letzten 24 Stunden</h2>
      <p className="hint">
        Eine Sammelbearbeitung oder CSV-Übernahme lässt sich als Ganzes zurücknehmen, solange niemand die
        Leistungen seitdem geändert hat. Das Änderungsprotokoll behält beide Schritte.
      </p>
      <ul className="change-sets">
        {items.map((changeSet) => (
          <li key={changeSet.id} className="change-set">
            <span>
              <strong>{KIND_LABELS[changeSet.kind]}</strong> ·{' '}
              <time dateTime={changeSet.createdAt}>{formatDateTime(changeSet.createdAt)}</time> ·{' '}
              {formatCount(changeSet.statusCount, 'Leistung', 'Leistungen')}
            </span>
            {changeSet.revertedBy !== null ? (
              <span className="muted">rückgängig gemacht</span>
            ) : changeSet.kind === 'undo' ? null : (
              <button
                type="button"
                className="button button-small"
                disabled={undo.isPending}
                aria-label={`${KIND_LABELS[changeSet.kind]} vom ${formatDateTime(changeSet.createdAt)} rückgängig machen`}
                onClick={() => revert(changeSet)}
              >
                Rückgängig machen
              </button>
            )}
            {failed?.id === changeSet.id ? (
              <div className="form-error" role="alert">
                <p>{failed.message}</p>
                {failed.services.length > 0 ? <p>Seitdem geändert: {failed.services.join(', ')}</p> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
