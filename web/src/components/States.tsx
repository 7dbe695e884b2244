import { ApiError, userMessage } from '../lib/api-client';
import { Link } from '../lib/navigation';

export function Loading({ label }: { label: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      {label} wird geladen …
    </p>
  );
}

/** Answers that the same request will get again: offering "Erneut versuchen" would only repeat them. */
const FINAL_STATUSES = new Set([400, 401, 403, 404, 410, 422]);

/**
 * A failed load. Where it stands for a whole page, `notFoundHeading` gives the
 * page its h1 ("Gebiet nicht gefunden" for a 404, otherwise that the page could
 * not be loaded): a page without one leaves screen-reader users without a start.
 */
export function ErrorState({
  error,
  onRetry,
  notFoundHeading,
}: {
  error: unknown;
  onRetry?: () => void;
  notFoundHeading?: string;
}) {
  const message = userMessage(error, 'Die Daten konnten nicht geladen werden.');
  const status = error instanceof ApiError ? error.status : null;
  const retryHelps = status === null || !FINAL_STATUSES.has(status);
  const heading = notFoundHeading
    ? status === 404
      ? notFoundHeading
      : 'Die Seite konnte nicht geladen werden'
    : null;
  return (
    <div className="state state-error" role="alert">
      {heading ? <h1>{heading}</h1> : null}
      <p>{message}</p>
      {notFoundHeading && status === 404 ? (
        <p>
          Weiter zur <Link to="/">Landesübersicht</Link> oder über die Suche oben.
        </p>
      ) : null}
      {onRetry && retryHelps ? (
        <button type="button" onClick={onRetry}>
          Erneut versuchen
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}
