import { CONSULTING_AREAS, type ConsultingReport, REGION_LEVEL_LABELS } from '@ozg/shared';
import { lazy, Suspense } from 'react';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { Tiles } from '../../../components/Tiles';
import { countOf, formatDate, formatNumber, formatShare } from '../../../lib/format';
import { NARROW_SCREEN, useMediaQuery } from '../../../lib/use-media-query';
import { reportDownloadUrl, useReport } from '../api/get-report';
import { breakableAreaLabel, formatPoints, municipalitiesCount, uptakeChartRows } from '../consulting-model';
import { CONSULTING_LAND } from '../consulting-paths';

const UptakeBarChart = lazy(() => import('./charts/UptakeBarChart'));

const levelLabel = (level: string) => REGION_LEVEL_LABELS[level as keyof typeof REGION_LEVEL_LABELS] ?? level;

/** The ministry's report on the consulting programme: uptake, measures, effect; as CSV or XLSX too. */
export function ReportPage() {
  const report = useReport(CONSULTING_LAND);
  if (report.isPending) return <Loading label="Der Bericht" />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  return <Report report={report.data} />;
}

function Report({ report }: { report: ConsultingReport }) {
  const narrow = useMediaQuery(NARROW_SCREEN);
  const total = report.uptake.find((row) => row.region.ags === report.region.ags);
  const chartRows = uptakeChartRows(report);
  return (
    <>
      <header className="page-header region-header-main">
        <div>
          <h1>Beratungsbericht {report.region.name}</h1>
          <p className="region-facts">
            Stand {formatDate(report.date)} · kostenloses Beratungsangebot des Landes
          </p>
        </div>
        <div className="button-row">
          <a className="button" href={reportDownloadUrl(report.region.ags, 'csv')} download>
            CSV herunterladen
          </a>
          <a className="button" href={reportDownloadUrl(report.region.ags, 'xlsx')} download>
            Excel (XLSX) herunterladen
          </a>
        </div>
      </header>
      {total ? (
        <Tiles
          className="report-tiles"
          label={`Kennzahlen ${report.region.name}`}
          tiles={[
            ...CONSULTING_AREAS.map((area) => ({
              label: `Beraten: ${breakableAreaLabel(area)}`,
              value: formatShare(total.held[area]?.share),
              detail: `${formatNumber(total.held[area]?.count ?? 0)} von ${municipalitiesCount(total.municipalities)}`,
            })),
            {
              label: 'Offene Maßnahmen',
              value: formatNumber(total.openMeasures),
              detail: 'offen oder in Arbeit',
            },
            {
              label: 'Überfällige Maßnahmen',
              value: formatNumber(total.overdueMeasures),
              detail: 'Frist verstrichen, nicht erledigt',
              warning: total.overdueMeasures > 0,
            },
          ]}
        />
      ) : null}
      <section className="panel" aria-labelledby="inanspruchnahme">
        <h2 id="inanspruchnahme">Inanspruchnahme nach Regierungsbezirk und Kreis</h2>
        <p className="hint">Anteil der Kommunen mit einer durchgeführten Beratung, je Bereich.</p>
        {chartRows.length === 0 ? (
          <Empty>Keine Regierungsbezirke oder Kreise im Bericht.</Empty>
        ) : (
          <>
            {chartRows.some((row) => row.ozg > 0 || row.verwaltungsdigitalisierung > 0) ? (
              <Suspense fallback={<Loading label="Das Diagramm" />}>
                <UptakeBarChart rows={chartRows} narrow={narrow} />
              </Suspense>
            ) : (
              <p className="state state-empty">
                Noch hat keine Kommune eine Beratung abgeschlossen: Das Diagramm erscheint mit der ersten
                durchgeführten Beratung. Die Tabelle zeigt die Zahl der Kommunen je Gebiet.
              </p>
            )}
            <UptakeTable report={report} />
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="wirkung">
        <h2 id="wirkung">Wirkung</h2>
        <dl className="effect">
          <div>
            <dt>Beratene Kommunen</dt>
            <dd>
              <span className="effect-value">{formatPoints(report.effect.consulted.meanChange)}</span>
              <span className="tile-detail">
                mittlere Änderung des OZG-konformen Anteils in 12 Monaten nach der Beratung,{' '}
                {countOf(report.effect.consulted.count, 'Beratung', 'Beratungen')}
              </span>
            </dd>
          </div>
          <div>
            <dt>Vergleichbare Kommunen ohne Beratung</dt>
            <dd>
              <span className="effect-value">{formatPoints(report.effect.comparison.meanChange)}</span>
              <span className="tile-detail">
                gleicher Zeitraum, {countOf(report.effect.comparison.count, 'Kommune', 'Kommunen')}
              </span>
            </dd>
          </div>
        </dl>
        {report.effect.consulted.count === 0 ? (
          <p className="hint">
            Noch keine Beratung liegt zwölf Monate zurück: Die Wirkung lässt sich erst danach messen.
          </p>
        ) : null}
        <h3>Methode</h3>
        <p className="method">{report.effect.method}</p>
      </section>
    </>
  );
}

function UptakeTable({ report }: { report: ConsultingReport }) {
  return (
    <div className="table-scroll">
      <table className="data-table uptake-table">
        <caption className="visually-hidden">
          Inanspruchnahme der Beratung und Maßnahmen je Gebiet (Tabelle zum Diagramm)
        </caption>
        <thead>
          <tr>
            <th scope="col">Gebiet</th>
            <th scope="col" className="numeric hide-narrow">
              Kommunen
            </th>
            {CONSULTING_AREAS.map((area) => (
              <th scope="col" className="numeric" key={area}>
                Beraten {breakableAreaLabel(area)}
              </th>
            ))}
            <th scope="col" className="numeric hide-narrow">
              Offene Maßnahmen
            </th>
            <th scope="col" className="numeric hide-narrow">
              Überfällige Maßnahmen
            </th>
          </tr>
        </thead>
        <tbody>
          {report.uptake.map((row) => (
            <tr key={row.region.ags} className={row.region.level === 'bezirk' ? 'row-group' : undefined}>
              <th scope="row">
                {row.region.name}
                <span className="row-kind">{levelLabel(row.region.level)}</span>
              </th>
              <td className="numeric hide-narrow">{formatNumber(row.municipalities)}</td>
              {CONSULTING_AREAS.map((area) => (
                <td className="numeric" key={area}>
                  {formatShare(row.held[area]?.share)}
                  <span className="row-kind hide-narrow">
                    {municipalitiesCount(row.held[area]?.count ?? 0)}
                  </span>
                </td>
              ))}
              <td className="numeric hide-narrow">{formatNumber(row.openMeasures)}</td>
              <td className={`numeric hide-narrow${row.overdueMeasures > 0 ? ' overdue-cell' : ''}`}>
                {formatNumber(row.overdueMeasures)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
