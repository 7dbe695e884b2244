import type { ProgressSeries } from '@ozg/shared';
import { lazy, Suspense } from 'react';
import { ExportLinks } from '../../../components/ExportLinks';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { ErrorState, Loading } from '../../../components/States';
import { formatDate, formatNumber, formatShare } from '../../../lib/format';
import { type Model2Query, seriesFileUrl, useSeries } from '../../../lib/queries/regions';
import {
  describeForecasts,
  describeRecalculations,
  describeSeries,
  describeSeries2,
  model2Months,
  shapeSeries,
  shapeSeries2,
} from '../progress-series';

const ProgressChart = lazy(() => import('./charts/ProgressChart'));

/**
 * The OZG-konform share over time with the deadline and the forecast; text and
 * table for every reader. With a past date the chart ends on that day and the
 * forecast starts from it. Under the model switch's 2.0 it is the
 * course by Reifegradmodell 2.0 instead (decision 020): the share at or above
 * the level among all counted services, from the first 2.0 snapshot on, with
 * no forecast (the forecast is that of the 2022 deadline, by 1.1).
 */
export function ProgressOverTime({
  regionKey,
  asOf,
  model2 = null,
}: {
  regionKey: string;
  asOf: string | null;
  /** The page shows Reifegradmodell 2.0 (`minLevel` null: the model's conformant level). */
  model2?: Model2Query;
}) {
  const series = useSeries(regionKey, asOf ?? undefined, model2);
  return (
    <section aria-labelledby="verlauf" className="panel">
      <h2 id="verlauf">Verlauf und Prognose</h2>
      {model2 ? (
        <p className="hint">
          Verlauf nach Reifegradmodell 2.0: der Anteil der Zielleistungen, die mindestens die gewählte Stufe
          erreichen, unter allen gezählten (nicht bewertete zählen als nicht erreicht). Eine Prognose gibt es
          nach 2.0 nicht: die Frist 31.12.2022 und ihre Prognose gelten für Reifegradmodell 1.1 (Auswahl
          „Reifegradmodell 1.1“). Frühere Tage werden nicht nachträglich berechnet; jeder Tagesstand ist, was
          an dem Tag erfasst war. <span className="badge-provisional">Arbeitsstand, vom Land anpassbar</span>
        </p>
      ) : null}
      <ExportLinks
        what="Verlauf"
        href={(format) => seriesFileUrl(regionKey, format, asOf ?? undefined, model2)}
      />
      {series.isPending ? (
        <Loading label="Der Verlauf" />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : series.data.monthly.length === 0 ? (
        <p className="state state-empty">Für dieses Gebiet gibt es noch keinen Verlauf.</p>
      ) : model2 ? (
        <Model2Course series={series.data} />
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

/** The course by Reifegradmodell 2.0: sentence, chart (no deadline, no forecast) and the month ends as a table. */
function Model2Course({ series }: { series: ProgressSeries }) {
  const level = series.model2?.minLevel ?? 3;
  const months = model2Months(series);
  const label = `Reifegradmodell 2.0 ab Stufe ${level}`;
  return (
    <figure className="figure" data-testid="verlauf-2-0">
      <figcaption>
        <p>{describeSeries2(series)}</p>
      </figcaption>
      {months.length > 0 ? (
        <>
          <Suspense fallback={<Loading label="Das Diagramm" />}>
            <ProgressChart points={shapeSeries2(series)} deadlineTime={null} label={label} />
          </Suspense>
          <p className="legend" aria-hidden="true">
            <span>
              <span className="legend-line" /> {label}
            </span>
          </p>
          <details className="table-details">
            <summary>Monatswerte nach Reifegradmodell 2.0 als Tabelle</summary>
            <ScrollableTable label="Tabelle Monatswerte nach Reifegradmodell 2.0">
              <table className="data-table">
                <caption className="visually-hidden">
                  Anteil ab Stufe {level} nach Reifegradmodell 2.0 am Monatsende
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Stand</th>
                    <th scope="col" className="numeric">
                      Ab Stufe {level}
                    </th>
                    <th scope="col" className="numeric">
                      Zielleistungen
                    </th>
                    <th scope="col" className="numeric">
                      Anteil ab Stufe {level}
                    </th>
                    <th scope="col" className="numeric">
                      Bewertet
                    </th>
                    <th scope="col" className="numeric">
                      Bearbeitung analog
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {months.map((point) => (
                    <tr key={point.date}>
                      <th scope="row">{formatDate(point.date)}</th>
                      <td className="numeric">{formatNumber(point.model2?.atOrAbove ?? null)}</td>
                      <td className="numeric">{formatNumber(point.model2?.counted ?? null)}</td>
                      <td className="numeric">{formatShare(point.model2?.share ?? null)}</td>
                      <td className="numeric">{formatShare(point.model2?.assessedShare ?? null)}</td>
                      <td className="numeric">{formatShare(point.model2?.analogShare ?? null)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </details>
        </>
      ) : null}
    </figure>
  );
}
