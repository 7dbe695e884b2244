import { lazy, Suspense } from 'react';
import { ExportLinks } from '../../../components/ExportLinks';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { ErrorState, Loading } from '../../../components/States';
import { formatDate, formatNumber, formatShare } from '../../../lib/format';
import { seriesFileUrl, useSeries } from '../../../lib/queries/regions';
import { describeForecasts, describeRecalculations, describeSeries, shapeSeries } from '../progress-series';

const ProgressChart = lazy(() => import('./charts/ProgressChart'));

/**
 * The OZG-konform share over time with the deadline and the forecast; text and
 * table for every reader. With a past date the chart ends on that day and the
 * forecast starts from it.
 */
export function ProgressOverTime({
  regionKey,
  asOf,
  model2 = false,
}: {
  regionKey: string;
  asOf: string | null;
  /** The page shows Reifegradmodell 2.0: say that the course stays 1.1 (no 2.0 history is stored). */
  model2?: boolean;
}) {
  const series = useSeries(regionKey, asOf ?? undefined);
  return (
    <section aria-labelledby="verlauf" className="panel">
      <h2 id="verlauf">Verlauf und Prognose</h2>
      {model2 ? (
        <p className="hint">
          Verlauf und Prognose nach Reifegradmodell 1.1 (OZG-konform ab Stufe 3): Einen Verlauf nach
          Reifegradmodell 2.0 gibt es noch nicht, Tagesstände werden nur nach 1.1 gespeichert. Der Stand nach
          2.0 ist nur für heute bekannt (oben).
        </p>
      ) : null}
      <ExportLinks what="Verlauf" href={(format) => seriesFileUrl(regionKey, format, asOf ?? undefined)} />
      {series.isPending ? (
        <Loading label="Der Verlauf" />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : series.data.monthly.length === 0 ? (
        <p className="state state-empty">Für dieses Gebiet gibt es noch keinen Verlauf.</p>
      ) : (
        <figure className="figure">
          <figcaption>
            <p>{describeSeries(series.data)}</p>
            <p>Prognose: {describeForecasts(series.data.forecast)}</p>
            {describeRecalculations(series.data.recalculations).map((note) => (
              <p key={note} className="hint">
                {note}
              </p>
            ))}
          </figcaption>
          <Suspense fallback={<Loading label="Das Diagramm" />}>
            <ProgressChart {...shapeSeries(series.data)} />
          </Suspense>
          <p className="legend" aria-hidden="true">
            <span>
              <span className="legend-line" /> OZG-konform
            </span>
            <span>
              <span className="legend-line legend-dashed" /> Prognose
            </span>
            <span>
              <span className="legend-line legend-deadline" /> Frist 31.12.2022
            </span>
          </p>
          <details className="table-details">
            <summary>Monatswerte als Tabelle</summary>
            <ScrollableTable label="Tabelle Monatswerte">
              <table className="data-table">
                <caption className="visually-hidden">OZG-konformer Anteil am Monatsende</caption>
                <thead>
                  <tr>
                    <th scope="col">Stand</th>
                    <th scope="col" className="numeric">
                      OZG-konform
                    </th>
                    <th scope="col" className="numeric">
                      Zielleistungen
                    </th>
                    <th scope="col" className="numeric">
                      Anteil
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {series.data.monthly.map((point) => (
                    <tr key={point.date}>
                      <th scope="row">{formatDate(point.date)}</th>
                      <td className="numeric">{formatNumber(point.conformant)}</td>
                      <td className="numeric">{formatNumber(point.targetServices)}</td>
                      <td className="numeric">{formatShare(point.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </details>
          <p className="hint">{series.data.forecast.method}</p>
        </figure>
      )}
    </section>
  );
}
