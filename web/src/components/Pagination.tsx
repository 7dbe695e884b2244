import './work-views.css';
import { formatNumber } from '../lib/format';
import { pageCount } from '../lib/pagination';

/**
 * The pager under every long list: how many rows there are, which of them are
 * shown, back and forward. `what` names the rows in the plural ("Kommunen");
 * `label` names the list for screen readers ("Seiten der Arbeitsliste").
 */
export function Pagination({
  page,
  pageSize,
  total,
  what,
  label,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  what: string;
  label: string;
  onPage: (page: number) => void;
}) {
  const pages = pageCount(total, pageSize);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={label}>
      <p className="pager-count" aria-live="polite">
        {formatNumber(first)}–{formatNumber(last)} von {formatNumber(total)} {what}
        {pages > 1 ? ` · Seite ${formatNumber(page)} von ${formatNumber(pages)}` : ''}
      </p>
      {pages > 1 ? (
        <div className="pager-buttons">
          <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Zurück
          </button>
          <button type="button" className="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            Weiter
          </button>
        </div>
      ) : null}
    </nav>
  );
}
