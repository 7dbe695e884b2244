import '../../../components/work-views.css';
import { DEFAULT_STALE_DAYS, germanDayOf, type StaleSort } from '@ozg/shared';
import { useState } from 'react';
import { Pagination } from '../../../components/Pagination';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { SelectFilter } from '../../../components/SelectFilter';
import { SortHeader, sortBy } from '../../../components/SortHeader';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { daysAgo, formatCount, formatDate, formatNumber, formatShare } from '../../../lib/format';
import { Link } from '../../../lib/navigation';
import { type StaleListParams, useStaleList } from '../../../lib/queries/freshness';

/** The thresholds to choose from; 90 days is the default (decision 025). */
const THRESHOLDS = ['30', '60', '90', '180', '365'] as const;
type Threshold = (typeof THRESHOLDS)[number];
const PAGE_SIZE = 50;

const COLUMNS: { sort: StaleSort | null; label: string; numeric?: boolean; className?: string }[] = [
  { sort: 'name', label: 'Kommune' },
  { sort: 'kreis', label: 'Kreis', className: 'hide-narrow' },
  { sort: 'stale', label: 'Nicht bestätigt', numeric: true },
  { sort: 'share', label: 'Anteil', numeric: true, className: 'hide-narrow' },
  { sort: 'daysSinceLast', label: 'Zuletzt bestätigt', numeric: true },
];

/**
 * For the ministry: the Kommunen whose statuses have not been confirmed or
 * changed for longer than a threshold, to know whose figures may be out of
 * date and whom to remind. One set-based query over all statuses.
 */
export function StaleListPage() {
  const [days, setDays] = useState<Threshold>(String(DEFAULT_STALE_DAYS) as Threshold);
  const [sort, setSort] = useState<{ sort: StaleSort; order: 'asc' | 'desc' }>({
    sort: 'stale',
    order: 'desc',
  });
  const [paging, setPaging] = useState({ key: '', page: 1 });
  // Another threshold or order starts on page 1.
  const key = `${days}:${sort.sort}:${sort.order}`;
  const page = paging.key === key ? paging.page : 1;
  const params: StaleListParams = { days: Number(days), ...sort, page };
  const list = useStaleList(params);

  return (
    <div className="stale-list">
      <header className="page-header">
        <p className="eyebrow">Aktualität</p>
        <h1>Nicht bestätigte Stände</h1>
        <p className="page-lead">
          Kommunen, deren Leistungen länger als die gewählte Zahl von Tagen weder bestätigt noch geändert
          wurden. Bestätigt ist ein Stand, wenn die Kommune ihn unverändert bestätigt, ihn bearbeitet oder
          einen Wert des Data Hub übernommen hat (<Link to="/methodik#aktualitaet">Methodik</Link>).
        </p>
      </header>
      <section className="panel" aria-labelledby="stale-title">
        <h2 id="stale-title">Kommunen mit nicht bestätigten Leistungen</h2>
        <form className="filters" aria-label="Schwelle wählen" onSubmit={(e) => e.preventDefault()}>
          <SelectFilter
            id="stale-days"
            label="Nicht bestätigt seit mehr als"
            options={THRESHOLDS.map((value) => ({ value, label: `${value} Tagen` }))}
            value={days}
            onChange={(value) => setDays(value ?? (String(DEFAULT_STALE_DAYS) as Threshold))}
          />
        </form>
        {list.isPending ? (
          <Loading label="Die Liste" />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Empty>Alle Kommunen haben ihre Leistungen in den letzten {days} Tagen bestätigt.</Empty>
        ) : (
          <>
            <p className="table-summary" aria-live="polite">
              {formatCount(list.data.total, 'Kommune', 'Kommunen')} mit zusammen{' '}
              {formatCount(list.data.staleStatuses, 'Leistung', 'Leistungen')}, die länger als {days} Tage
              nicht bestätigt wurden.{list.isPlaceholderData ? ' Wird aktualisiert …' : ''}
            </p>
            <ScrollableTable label="Tabelle der Kommunen mit nicht bestätigten Leistungen">
              <table className="data-table" aria-busy={list.isFetching}>
                <caption className="visually-hidden">
                  Kommunen mit Kreis, Zahl und Anteil der nicht bestätigten Leistungen und der letzten
                  Bestätigung
                </caption>
                <thead>
                  <tr>
                    {COLUMNS.map((column) => (
                      <SortHeader
                        key={column.label}
                        label={column.label}
                        column={column.sort}
                        sortedBy={sort.sort}
                        order={sort.order}
                        onSort={sortBy(setSort)}
                        className={[column.numeric ? 'numeric' : '', column.className ?? ''].join(' ').trim()}
                      />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((item) => (
                    <tr key={item.regionId}>
                      <th scope="row">
                        <Link to={`/arbeitsbereich/${item.ags}?veraltet=1`}>{item.name}</Link>
                        <span className="cell-sub mono">{item.ags}</span>
                      </th>
                      <td className="hide-narrow">{item.kreis?.name ?? '–'}</td>
                      <td className="numeric">
                        {formatNumber(item.stale)}
                        <span className="cell-sub">von {formatNumber(item.total)}</span>
                      </td>
                      <td className="numeric hide-narrow">{formatShare(item.stale / item.total)}</td>
                      <td className="numeric">
                        {item.daysSinceLast === null ? 'noch nie' : daysAgo(item.daysSinceLast)}
                        {item.lastConfirmedAt ? (
                          <span className="cell-sub">
                            {formatDate(germanDayOf(new Date(item.lastConfirmedAt)))}
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
            <Pagination
              page={page}
              pageSize={PAGE_SIZE}
              total={list.data.total}
              what="Kommunen"
              label="Seiten der Liste"
              onPage={(next) => setPaging({ key, page: next })}
            />
          </>
        )}
      </section>
    </div>
  );
}
