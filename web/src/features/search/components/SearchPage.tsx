import { REGION_KIND_LABELS, type SearchResult } from '@ozg/shared';
import type { ReactNode } from 'react';
import { ErrorState, Loading } from '../../../components/States';
import { Link, useSearchParams } from '../../../lib/navigation';
import { usePageTitle } from '../../../lib/page-title';
import { MIN_QUERY_LENGTH, useSearch } from '../api/search';
import { hitCount } from '../hit-count';
import { searchPageSearch } from '../search-params';

/** Results of the header search: regions and services, each a link to its page. */
export function SearchPage({
  regionLinks,
}: {
  /** What the signed-in user may open for a region found (workspace, audit trail); the app provides it. */
  regionLinks?: (region: SearchResult['regions'][number]) => ReactNode;
} = {}) {
  const { q } = useSearchParams(searchPageSearch);
  const result = useSearch(q);
  usePageTitle(q ? `Suche: ${q}` : 'Suche');

  return (
    <>
      <header className="page-header">
        <h1>Suche{q ? `: „${q}“` : ''}</h1>
      </header>
      {q.length < MIN_QUERY_LENGTH ? (
        <p className="state">
          Bitte mindestens {MIN_QUERY_LENGTH} Zeichen in das Suchfeld oben eingeben: den Namen eines Gebiets,
          seinen AGS oder ARS, den Namen einer Leistung oder ihre OZG-ID.
        </p>
      ) : result.isPending ? (
        <Loading label="Die Trefferliste" />
      ) : result.isError ? (
        <ErrorState error={result.error} onRetry={() => void result.refetch()} />
      ) : (
        <div className="search-results">
          <section aria-labelledby="treffer-gebiete" className="panel">
            <h2 id="treffer-gebiete">
              Gebiete ({hitCount(result.data.regions.length, result.data.more.regions)})
            </h2>
            {result.data.regions.length === 0 ? (
              <p className="state state-empty">Kein Gebiet passt zu „{q}“.</p>
            ) : (
              <ul className="result-list">
                {result.data.regions.map((region) => (
                  <li key={`${region.level}-${region.ags}`}>
                    <Link to={region.level === 'land' ? `/?land=${region.ags}` : `/regionen/${region.ags}`}>
                      {region.name}
                    </Link>
                    <span className="result-meta">
                      {REGION_KIND_LABELS[region.kind]} · AGS {region.ags}
                      {region.parentName ? ` · in ${region.parentName}` : ''}
                    </span>
                    {regionLinks?.(region)}
                  </li>
                ))}
              </ul>
            )}
            {result.data.more.regions ? (
              <p className="hint">Es gibt weitere Treffer: Bitte den Suchbegriff genauer fassen.</p>
            ) : null}
          </section>
          <section aria-labelledby="treffer-leistungen" className="panel">
            <h2 id="treffer-leistungen">
              Leistungen ({hitCount(result.data.services.length, result.data.more.services)})
            </h2>
            {result.data.services.length === 0 ? (
              <p className="state state-empty">Keine Leistung passt zu „{q}“.</p>
            ) : (
              <ul className="result-list">
                {result.data.services.map((service) => (
                  <li key={service.ozgId}>
                    <Link to={`/leistungen/${service.ozgId}`}>{service.name}</Link>
                    <span className="result-meta">
                      OZG-ID {service.ozgId} · {service.themenfeld}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {result.data.more.services ? (
              <p className="hint">
                Es gibt weitere Treffer: Bitte genauer suchen oder den{' '}
                <Link to={`/leistungen?q=${encodeURIComponent(q)}`}>Leistungskatalog</Link> filtern.
              </p>
            ) : null}
          </section>
        </div>
      )}
    </>
  );
}
