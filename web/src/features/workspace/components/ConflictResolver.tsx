import type { Status, StatusChanges } from '@ozg/shared';
import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../../lib/format';
import { conflictFields, displayValue, FIELD_LABELS, othersChanges } from '../status-fields';

type Props = {
  base: Status;
  mine: StatusChanges;
  current: Status;
  pending: boolean;
  /** The officer's changes to apply on top of the current record (may be empty: keep theirs). */
  onApply: (changes: StatusChanges) => void;
  onCancel: () => void;
};

/**
 * After a 409: someone saved this status since the officer opened it. Shows
 * the officer's values beside the stored ones and lets them choose per field.
 */
export function ConflictResolver({ base, mine, current, pending, onApply, onCancel }: Props) {
  const fields = conflictFields(base, mine, current);
  const others = othersChanges(base, mine, current);
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>(() =>
    Object.fromEntries(fields.map(({ field }) => [field, 'mine'])),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const apply = () => {
    const chosen: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(mine)) {
      // Fields without a conflict keep the officer's change; conflicting ones follow the choice.
      if (choice[field] !== 'theirs') chosen[field] = value;
    }
    onApply(chosen as StatusChanges);
  };

  return (
    <section className="conflict" aria-labelledby={`conflict-${current.id}`}>
      <h3 id={`conflict-${current.id}`} ref={headingRef} tabIndex={-1}>
        Konflikt: {current.serviceName} wurde inzwischen geändert
      </h3>
      <p>
        {current.updatedBy ?? 'Jemand'} hat diesen Status am {formatDateTime(current.updatedAt)} gespeichert
        (Version {base.version} → {current.version}). Wählen Sie je Feld, welche Fassung gelten soll.
      </p>
      {fields.length > 0 ? (
        <table className="data-table conflict-table">
          <caption className="visually-hidden">
            Ihre Fassung und die gespeicherte Fassung im Vergleich
          </caption>
          <thead>
            <tr>
              <th scope="col">Feld</th>
              <th scope="col">Vorher gelesen</th>
              <th scope="col">Ihre Fassung</th>
              <th scope="col">Gespeicherte Fassung</th>
            </tr>
          </thead>
          <tbody>
            {fields.map(({ field, base: read, mine: wanted, theirs }) => (
              <tr key={field}>
                <th scope="row">{FIELD_LABELS[field]}</th>
                <td>{displayValue(field, read, base.maturityModel)}</td>
                <td>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`conflict-${current.id}-${field}`}
                      checked={choice[field] === 'mine'}
                      onChange={() => setChoice((previous) => ({ ...previous, [field]: 'mine' }))}
                    />
                    {displayValue(field, wanted)}
                    <span className="visually-hidden"> (Ihre Fassung für {FIELD_LABELS[field]})</span>
                  </label>
                </td>
                <td>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`conflict-${current.id}-${field}`}
                      checked={choice[field] === 'theirs'}
                      onChange={() => setChoice((previous) => ({ ...previous, [field]: 'theirs' }))}
                    />
                    {displayValue(field, theirs, current.maturityModel)}
                    <span className="visually-hidden"> (gespeicherte Fassung für {FIELD_LABELS[field]})</span>
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Ihre Änderungen stimmen mit der gespeicherten Fassung überein; es gibt nichts zu entscheiden.</p>
      )}
      {others.length > 0 ? (
        <p className="hint">
          Außerdem geändert (bleibt so):{' '}
          {others
            .map(
              (field) =>
                `${FIELD_LABELS[field]}: ${displayValue(field, current[field], current.maturityModel)}`,
            )
            .join('; ')}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={apply} disabled={pending}>
          Auswahl speichern
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Gespeicherte Fassung behalten
        </button>
      </div>
    </section>
  );
}
