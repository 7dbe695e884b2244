import { EXECUTING_LEVEL_LABELS, EXECUTING_LEVELS, THEMENFELDER } from '@ozg/shared';
import { type FormEvent, useState } from 'react';
import { labelledBy, SelectFilter, selfLabelled } from '../../../components/SelectFilter';
import { ErrorState, Loading } from '../../../components/States';
import { formatNumber } from '../../../lib/format';
import { Link, navigate, useLocation } from '../../../lib/navigation';
import { type ServiceFilters, useServices } from '../../../lib/queries/services';
import { catalogPath, filtersFromSearch } from '../catalog-filters';

/** The OZG catalogue with filters by Themenfeld, executing level, relevance and text; filters live in the URL. */
export function ServiceCatalogue() {
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const services = useServices(filters);
  const [text, setText] = useState(filters.q ?? '');
  const apply = (change: Partial<ServiceFilters>) =>
    navigate(catalogPath({ ...filters, ...change }), { replace: true });
  const submitText = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: text.trim() || undefined });
  };
  const filtered = Boolean(filters.themenfeld || filters.executingLevel || filters.relevant || filters.q);

  return (
    <>
      <header className="page-header">
        <h1>Leistungskatalog</h1>
        <p className="lead">
          Die OZG-Leistungen mit der Ebene, die sie ausführt. Eine Leistung ist kommunal relevant, wenn eine
          ihrer LeiKa-Leistungen von Kommunen vollzogen wird.
        </p>
      </header>
      <form className="panel filters" onSubmit={submitText} aria-label="Leistungen filtern">
        <SelectFilter
          id="filter-themenfeld"
          label="Themenfeld"
          allLabel="Alle Themenfelder"
          options={selfLabelled(THEMENFELDER)}
          value={filters.themenfeld}
          onChange={(themenfeld) => apply({ themenfeld })}
        />
        <SelectFilter
          id="filter-ebene"
          label="Ausführende Ebene"
          allLabel="Alle Ebenen"
          options={[
            ...labelledBy(EXECUTING_LEVELS, EXECUTING_LEVEL_LABELS),
            { value: 'none' as const, label: 'Nicht festgelegt' },
          ]}
          value={filters.executingLevel}
          onChange={(executingLevel) => apply({ executingLevel })}
        />
        <SelectFilter
          id="filter-relevanz"
          label="Relevanz"
          allLabel="Alle Leistungen"
          options={[
            { value: 'true' as const, label: 'Kommunal relevant' },
            { value: 'false' as const, label: 'Nicht kommunal relevant' },
          ]}
          value={filters.relevant}
          onChange={(relevant) => apply({ relevant })}
        />
        <div className="field field-grow">
          <label htmlFor="filter-text">Name oder OZG-ID</label>
          <div className="field-inline">
            <input
              id="filter-text"
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
            <button type="submit" className="button">
              Filtern
            </button>
          </div>
        </div>
        {filtered ? (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setText('');
              navigate('/leistungen', { replace: true });
            }}
          >
            Alle Filter zurücksetzen
          </button>
        ) : null}
      </form>
      <section aria-labelledby="leistungen" className="panel">
        {services.isPending ? (
          <>
            <h2 id="leistungen">Leistungen</h2>
            <Loading label="Der Katalog" />
          </>
        ) : services.isError ? (
          <>
            <h2 id="leistungen">Leistungen</h2>
            <ErrorState error={services.error} onRetry={() => void services.refetch()} />
          </>
        ) : (
          <>
            <h2 id="leistungen" aria-live="polite">
              {formatNumber(services.data.items.length)}{' '}
              {services.data.items.length === 1 ? 'Leistung' : 'Leistungen'}
            </h2>
            {services.data.items.length === 0 ? (
              <p className="state state-empty">
                {filtered
                  ? 'Keine Leistung passt zu diesen Filtern.'
                  : 'Der Katalog ist leer: Bitte die OZG-Leistungen importieren (pnpm ozg import catalog).'}
              </p>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <caption className="visually-hidden">
                    OZG-Leistungen mit Themenfeld und ausführender Ebene
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Leistung</th>
                      <th scope="col" className="hide-narrow">
                        OZG-ID
                      </th>
                      <th scope="col" className="hide-narrow">
                        Themenfeld
                      </th>
                      <th scope="col" className="hide-narrow">
                        Lebenslage
                      </th>
                      <th scope="col">Ebene</th>
                      <th scope="col" className="hide-narrow">
                        Kommunal relevant
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {services.data.items.map((service) => (
                      <tr key={service.ozgId}>
                        <th scope="row">
                          <Link to={`/leistungen/${service.ozgId}`}>{service.name}</Link>
                          {service.active ? null : <span className="row-kind">nicht mehr im Katalog</span>}
                        </th>
                        <td className="mono hide-narrow">{service.ozgId}</td>
                        <td className="hide-narrow">{service.themenfeld}</td>
                        <td className="hide-narrow">{service.lebenslage}</td>
                        <td>
                          {service.executingLevel
                            ? EXECUTING_LEVEL_LABELS[service.executingLevel]
                            : 'nicht festgelegt'}
                        </td>
                        <td className="hide-narrow">{service.municipallyRelevant ? 'ja' : 'nein'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>
    </>
  );
}
