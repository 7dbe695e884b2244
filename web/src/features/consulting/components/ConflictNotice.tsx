import type { ReactNode } from 'react';

/**
 * Someone else changed the record since it was read (409): shows what it is
 * now and lets the user reload it before trying again.
 */
export function ConflictNotice({
  message,
  current,
  onReload,
}: {
  message: string;
  current: ReactNode;
  onReload: () => void;
}) {
  return (
    <div className="conflict" role="alert">
      <p>
        <strong>Nicht gespeichert:</strong> {message}
      </p>
      <div className="conflict-current">
        <p className="conflict-label">Aktuelle Fassung</p>
        {current}
      </div>
      <button type="button" className="button button-small" onClick={onReload}>
        Aktuelle Fassung laden
      </button>
    </div>
  );
}
