import type { RegionProgress } from '@ozg/shared';
import { MATURITY_LABELS_1_1, MATURITY_LEVELS_1_1 } from '@ozg/shared';
import { ExportLinks } from '../../../components/ExportLinks';
import { ScrollableTable } from '../../../components/ScrollableTable';
import type { ExportFormat } from '../../../lib/api-client';
import { formatNumber, formatShare } from '../../../lib/format';
import { shapeMaturityMatrix } from '../maturity-matrix';

/**
 * Each Themenfeld's target services by Reifegrad: a stacked bar per row and
 * the counts in the same table, so the picture and the figures are one.
 */
export function ThemenfeldMaturity({
  byThemenfeld,
  fileUrl,
}: {
  byThemenfeld: RegionProgress['byThemenfeld'];
  /** Where the same table is downloaded (the progress request as CSV or XLSX). */
  fileUrl: (format: ExportFormat) => string;
}) {
  const rows = shapeMaturityMatrix(byThemenfeld);
  return (
    <section aria-labelledby="themenfelder" className="panel">
      <h2 id="themenfelder">Themenfelder nach Reifegrad</h2>
      <ExportLinks what="Themenfelder nach Reifegrad" href={fileUrl} />
      {rows.length === 0 ? (
        <p className="state state-empty">Keine Zielleistungen in diesem Gebiet.</p>
      ) : (
        <>
          <ul className="maturity-legend" aria-label="Legende: Reifegrade">
            {MATURITY_LEVELS_1_1.map((level) => (
              <li key={level}>
                <span className={`swatch level-${level}`} aria-hidden="true" /> {level}{' '}
                {MATURITY_LABELS_1_1[level]}
              </li>
            ))}
          </ul>
          <ScrollableTable label="Tabelle Themenfelder nach Reifegrad">
            <table className="data-table maturity-table">
              <caption className="visually-hidden">
                Zielleistungen je Themenfeld nach Reifegrad 0 bis 4 und OZG-konformer Anteil (ab Reifegrad 3)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Themenfeld</th>
                  <th scope="col" className="maturity-bar-column">
                    Verteilung
                  </th>
                  {MATURITY_LEVELS_1_1.map((level) => (
                    <th key={level} scope="col" className="numeric hide-narrow">
                      <abbr title={`Reifegrad ${level}: ${MATURITY_LABELS_1_1[level]}`}>RG {level}</abbr>
                    </th>
                  ))}
                  <th scope="col" className="numeric">
                    OZG-konform
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.themenfeld}>
                    <th scope="row">{row.themenfeld}</th>
                    <td className="maturity-bar-column">
                      <span className="stacked-bar" aria-hidden="true">
                        {row.shares.map((share, level) => (
                          <span
                            key={level}
                            className={`level-${level}`}
                            style={{ width: `${share * 100}%` }}
                          />
                        ))}
                      </span>
                    </td>
                    {row.counts.map((count, level) => (
                      <td key={level} className="numeric hide-narrow">
                        {formatNumber(count)}
                      </td>
                    ))}
                    <td className="numeric">{formatShare(row.conformantShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        </>
      )}
    </section>
  );
}
