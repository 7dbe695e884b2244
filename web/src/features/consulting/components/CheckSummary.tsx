import { ScrollableTable } from '../../../components/ScrollableTable';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { formatDate } from '../../../lib/format';
import { Link } from '../../../lib/navigation';
import { useCheck } from '../api/get-check';
import { comparisonRows, formatScore } from '../check-model';
import { checkPath } from '../consulting-paths';
import '../check.css';

/**
 * The municipality's latest check against its previous one and its fair peers
 * (the laggards' definition), dimension by dimension, as a table; the way in to
 * answer it for those who may.
 */
export function CheckSummary({ ags, name }: { ags: string; name: string }) {
  const check = useCheck(ags);
  return (
    <section className="panel" id="check" aria-labelledby="check-title">
      <h2 id="check-title">Digitalisierungs-Check</h2>
      {check.isPending ? (
        <Loading label="Der Check" />
      ) : check.isError ? (
        <ErrorState error={check.error} onRetry={() => void check.refetch()} />
      ) : (
        <>
          {check.data.mayAnswer ? (
            <p>
              <Link className="button button-primary" to={checkPath(ags)}>
                {check.data.draft
                  ? 'Check weiter ausfüllen (Entwurf)'
                  : check.data.latest
                    ? 'Check wiederholen'
                    : 'Check ausfüllen'}
              </Link>
            </p>
          ) : null}
          {!check.data.latest ? (
            <Empty>{name} hat den Digitalisierungs-Check noch nicht eingereicht.</Empty>
          ) : (
            <>
              <p>
                Eingereicht am {formatDate(check.data.latest.submittedAt)} (Fassung{' '}
                {check.data.latest.questionnaireVersion} des Fragebogens):{' '}
                <strong>{formatScore(check.data.latest.scores?.overall)} von 100 Punkten</strong>
                {check.data.history.length > 1
                  ? `; ${check.data.history.length} Einreichungen, die vorige am ${formatDate(check.data.history[1]?.submittedAt)}`
                  : ''}
                .
              </p>
              <ScrollableTable label={`Check-Ergebnis von ${name} im Vergleich`}>
                <table className="data-table">
                  <caption className="visually-hidden">
                    Punkte je Dimension (0 bis 100) von {name}, beim vorigen Check und im Median der
                    Vergleichskommunen
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Dimension</th>
                      <th scope="col" className="numeric">
                        {name}
                      </th>
                      <th scope="col" className="numeric">
                        Voriger Check
                      </th>
                      <th scope="col" className="numeric">
                        Median im Kreis ({check.data.peers.kreis.count})
                      </th>
                      <th scope="col" className="numeric">
                        Median im Land ({check.data.peers.land.count})
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {comparisonRows(check.data).map((row) => (
                      <tr key={row.key} className={row.key === 'overall' ? 'row-group' : undefined}>
                        <th scope="row">{row.name}</th>
                        <td className="numeric check-score">{formatScore(row.score)}</td>
                        <td className="numeric check-score">{formatScore(row.previous)}</td>
                        <td className="numeric check-score">{formatScore(row.kreis)}</td>
                        <td className="numeric check-score">{formatScore(row.land)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
              <p className="hint">
                Vergleichskommunen: {check.data.peers.land.group} (im Land) bzw.{' '}
                {check.data.peers.kreis.group} (im Kreis), jeweils mit ihrem letzten Check; in Klammern wie
                viele. „–“: nichts gewertet. Jede Einreichung behält die Punkte der Fassung, die sie
                beantwortet hat.
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}
