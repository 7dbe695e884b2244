import '../../../components/work-views.css';
import '../datahub.css';
import { useState } from 'react';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { SortHeader, type SortOrder, sortBy } from '../../../components/SortHeader';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { formatCount, formatNumber } from '../../../lib/format';
import { Link } from '../../../lib/navigation';
import { useDatahubKreise } from '../../../lib/queries/datahub';
import { regionPath } from '../../../lib/region-paths';
import { type KreisColumn, sortKreise } from '../sort-kreise';

const COLUMNS: readonly { column: KreisColumn; label: string; numeric?: boolean; className?: string }[] = [
  { column: 'name', label: 'Kreis' },
  { column: 'open', label: 'Offen', numeric: true },
  { column: 'clarify', label: 'davon in Klärung', numeric: true, className: 'hide-narrow' },
  { column: 'gemeinden', label: 'Verwaltungen betroffen', numeric: true, className: 'hide-narrow' },
  { column: 'oldestDays', label: 'Älteste (Tage)', numeric: true },
];

/**
 * The ministry's view of the reconciliation with the federal Data Hub
 * (decision 021): per Kreis the differences its administrations have not
 * decided yet and how long the oldest has waited, to see where the Bund's
 * figures and the Land's drift apart.
 */
export function KreiseReconciliationPage() {
  const kreise = useDatahubKreise();
  // Where most is open comes first: that is where the ministry asks.
  const [sort, setSort] = useState<{ sort: KreisColumn; order: SortOrder }>({ sort: 'open', order: 'desc' });
  const items = kreise.data ? sortKreise(kreise.data.items, sort.sort, sort.order) : [];
  const total = items.reduce((sum, item) => sum + item.open, 0);
  const clarify = items.reduce((sum, item) => sum + item.clarify, 0);

  return (
    <div className="reconciliation-kreise">
      <header className="page-header">
        <p className="eyebrow">Ministerium</p>
        <h1>Abgleich mit dem Bund je Kreis</h1>
        <p className="page-lead">
          Wo der Data Hub des Bundes und die Status der Kommunen voneinander abweichen und noch niemand
          entschieden hat. Die Kommunen entscheiden in ihrem Arbeitsbereich; abgelehnte Abweichungen zählen
          hier nicht. <Link to="/methodik#abgleich">Wie der Abgleich funktioniert</Link>
        </p>
      </header>
      <section className="panel" aria-labelledby="kreise-title" aria-busy={kreise.isFetching}>
        <h2 id="kreise-title">Offene Abweichungen je Kreis</h2>
        {kreise.isPending ? (
          <Loading label="Der Abgleich aller Kreise (das dauert einen Moment)" />
        ) : kreise.isError ? (
          <ErrorState error={kreise.error} onRetry={() => void kreise.refetch()} />
        ) : items.length === 0 ? (
          <Empty>
            Keine offenen Abweichungen: entweder ist alles entschieden, oder es liegt noch kein Abzug des Data
            Hub vor.
          </Empty>
        ) : (
          <>
            <p className="table-summary">
              {formatCount(total, 'offene Abweichung', 'offene Abweichungen')} in{' '}
              {formatCount(items.length, 'Kreis', 'Kreisen')}, davon {formatNumber(clarify)} in Klärung.
            </p>
            <ScrollableTable label="Tabelle der Kreise">
              <table className="data-table kreise-table">
                <caption className="visually-hidden">
                  Offene Abweichungen zum Data Hub je Kreis; Spaltenköpfe sortieren
                </caption>
                <thead>
                  <tr>
                    {COLUMNS.map((column) => (
                      <SortHeader
                        key={column.column}
                        label={column.label}
                        column={column.column}
                        sortedBy={sort.sort}
                        order={sort.order}
                        onSort={sortBy(setSort)}
                        className={[column.numeric ? 'numeric' : '', column.className ?? ''].join(' ').trim()}
                      />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.ags}>
                      <th scope="row">
                        <Link to={regionPath(item.ags, 'kreis')}>{item.name}</Link>
                        <span className="cell-sub mono">{item.ags}</span>
                      </th>
                      <td className="numeric">{formatNumber(item.open)}</td>
                      <td className="numeric hide-narrow">{formatNumber(item.clarify)}</td>
                      <td className="numeric hide-narrow">{formatNumber(item.gemeinden)}</td>
                      <td className="numeric">
                        {item.oldestDays === null ? '–' : formatNumber(item.oldestDays)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </>
        )}
      </section>
    </div>
  );
}
