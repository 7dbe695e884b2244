import { USAGE_FLAG_LABELS, USAGE_NONE_LABEL, type UsageCell } from '@ozg/shared';
import type { UseQueryResult } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense } from 'react';
import { formatNumber } from '../lib/format';
import { ScrollableTable } from './ScrollableTable';
import { ErrorState, Loading } from './States';
import './usage.css';

const UsageChart = lazy(() => import('./UsageChart'));

const decimal = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
/** Applications per 1,000 inhabitants: "12,3"; none delivered is a dash, never 0. */
export const formatPerThousand = (value: number | null) => (value === null ? '–' : decimal.format(value));

const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** " (11/2025 bis 10/2026)" for the 12-month window of a figure, empty without one. */
export const usageWindowLabel = (window: { from: string; to: string } | null) =>
  window ? ` (${monthLabel(window.from)} bis ${monthLabel(window.to)})` : '';

/**
 * The "Nutzung" panel of the region and service pages: loading, error with
 * retry, "none delivered" (not 0), and the figures once they are there.
 */
export function UsagePanel<T extends { applications12m: number | null }>({
  usage,
  children,
}: {
  usage: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  return (
    <section aria-labelledby="nutzung" className="panel">
      <h2 id="nutzung">Nutzung</h2>
      {usage.isPending ? (
        <Loading label="Die Nutzungszahlen" />
      ) : usage.isError ? (
        <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />
      ) : usage.data.applications12m === null ? (
        <NoUsage />
      ) : (
        children(usage.data)
      )}
    </section>
  );
}

/** "Keine Nutzungszahlen geliefert": most services have none, which is not 0. */
function NoUsage() {
  return <p className="state state-empty">{USAGE_NONE_LABEL}.</p>;
}

/**
 * The usage of a region or a service: the sentence with the 12-month figure
 * and the comparison, the line of monthly applications, and the same as a
 * table for screen readers and keyboard users.
 */
export function UsageFigure({
  sentence,
  comparison,
  series,
}: {
  sentence: string;
  comparison?: string | null;
  series: { month: string; applications: number }[];
}) {
  return (
    <figure className="figure">
      <figcaption>
        <p>{sentence}</p>
        {comparison ? <p>{comparison}</p> : null}
      </figcaption>
      <Suspense fallback={<Loading label="Das Diagramm" />}>
        <UsageChart series={series} />
      </Suspense>
      <details className="table-details">
        <summary>Anträge je Monat als Tabelle</summary>
        <ScrollableTable label="Tabelle Anträge je Monat">
          <table className="data-table">
            <caption className="visually-hidden">Anträge je Monat</caption>
            <thead>
              <tr>
                <th scope="col">Monat</th>
                <th scope="col" className="numeric">
                  Anträge
                </th>
              </tr>
            </thead>
            <tbody>
              {series.map((point) => (
                <tr key={point.month}>
                  <th scope="row">{monthLabel(point.month)}</th>
                  <td className="numeric">{formatNumber(point.applications)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      </details>
    </figure>
  );
}

/** The flagged Gemeinde × service cells as a table (both flags, with the figures behind them). */
export function UsageFlagsTable({ cells, caption }: { cells: UsageCell[]; caption: string }) {
  if (cells.length === 0) return <p className="hint">Keine Auffälligkeiten nach den Regeln der Methodik.</p>;
  return (
    <ScrollableTable label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Gemeinde</th>
            <th scope="col">Leistung</th>
            <th scope="col">Hinweis</th>
            <th scope="col" className="numeric">
              je 1.000 EW
            </th>
            <th scope="col" className="numeric">
              Median Vergleich
            </th>
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <tr key={`${cell.ags}-${cell.ozgId}`}>
              <th scope="row">{cell.name}</th>
              <td>{cell.serviceName}</td>
              <td>
                <span className={`usage-flag usage-flag-${cell.flag}`}>
                  {cell.flag ? USAGE_FLAG_LABELS[cell.flag] : ''}
                </span>
              </td>
              <td className="numeric">
                {cell.perThousand === null ? 'keine Zahlen' : formatPerThousand(cell.perThousand)}
              </td>
              <td className="numeric">{formatPerThousand(cell.peerMedianPerThousand)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
