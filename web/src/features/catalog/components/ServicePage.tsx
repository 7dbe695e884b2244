import {
  type Coverage,
  EXECUTING_LEVEL_LABELS,
  MATURITY_LABELS_1_1,
  MATURITY_LEVELS_1_1,
  REGION_KIND_LABELS,
  SOLUTION_KIND_LABELS,
  type SolutionKind,
} from '@ozg/shared';
import { z } from 'zod';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ExportLinks } from '../../../components/ExportLinks';
import { Model2Figures } from '../../../components/Model2Figures';
import { ModelSwitch } from '../../../components/ModelSwitch';
import { ServiceCoverageMap } from '../../../components/map/ServiceCoverageMap';
import { ErrorState, Loading } from '../../../components/States';
import { Tiles } from '../../../components/Tiles';
import { formatNumber, formatShare, inRegion } from '../../../lib/format';
import { Link, type PageProps, useSearchParams } from '../../../lib/navigation';
import { usePageTitle } from '../../../lib/page-title';
import { useRegionChildren } from '../../../lib/queries/regions';
import {
  coverageFileUrl,
  useCoverage,
  useCoverage2,
  useCoverageIn,
  useServices,
} from '../../../lib/queries/services';
import { minLevelParam, modelParam } from '../../../lib/search-params';
import { ServiceUsage } from './ServiceUsage';

const DEFAULT_REGION = '06';
/** ?gebiet=AGS: a Land, Regierungsbezirk, Kreis or Gemeinde; the Land when missing or invalid. */
const serviceSearch = z.object({
  gebiet: z
    .string()
    .regex(/^(\d{2}|\d{3}|\d{5}|\d{8})$/)
    .catch(DEFAULT_REGION),
  modell: modelParam(),
  ab: minLevelParam(),
});

const solutionLabel = (solution: string | null) =>
  solution === null ? 'ohne Angabe' : (SOLUTION_KIND_LABELS[solution as SolutionKind] ?? solution);

/** One OZG service: what it is, how far it is offered in a region and its parts, and with which solutions. */
export function ServicePage({ params }: PageProps<'/leistungen/:ozgId'>) {
  const raw = params.ozgId;
  const ozgId = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  if (ozgId === null) {
    return (
      <div className="state">
        <h1>Keine gültige OZG-ID</h1>
        <p>
          „{raw}“ ist keine OZG-ID (eine Zahl wie 10513). Zum <Link to="/leistungen">Leistungskatalog</Link>.
        </p>
      </div>
    );
  }
  return <ServiceDetails ozgId={ozgId} />;
}

function ServiceDetails({ ozgId }: { ozgId: number }) {
  const { gebiet: regionKey, modell: model, ab: minLevel } = useSearchParams(serviceSearch);
  const services = useServices({ q: String(ozgId) });
  const service = services.data?.items.find((item) => item.ozgId === ozgId);
  const coverage = useCoverage(ozgId, regionKey);
  const coverage2 = useCoverage2(ozgId, regionKey, model === '2.0', minLevel);
  usePageTitle(service ? `${service.name} (OZG-ID ${ozgId})` : `OZG-ID ${ozgId}`);

  if (services.isPending) return <Loading label="Die Leistung" />;
  if (services.isError) return <ErrorState error={services.error} onRetry={() => void services.refetch()} />;
  if (!service) {
    return (
      <div className="state">
        <h1>Leistung nicht gefunden</h1>
        <p>
          Im Katalog gibt es keine Leistung mit der OZG-ID {ozgId}. Zum{' '}
          <Link to="/leistungen">Leistungskatalog</Link>.
        </p>
      </div>
    );
  }

  return (
    <>
      <header className="page-header">
        <Breadcrumbs items={[{ label: 'Leistungskatalog', to: '/leistungen' }, { label: service.name }]} />
        <p className="eyebrow">
          OZG-ID {service.ozgId} · {service.themenfeld}
        </p>
        <h1>{service.name}</h1>
        <dl className="facts">
          <div>
            <dt>Lebenslage</dt>
            <dd>{service.lebenslage}</dd>
          </div>
          <div>
            <dt>Ausführende Ebene</dt>
            <dd>
              {service.executingLevel ? EXECUTING_LEVEL_LABELS[service.executingLevel] : 'nicht festgelegt'}
            </dd>
          </div>
          <div>
            <dt>Kommunal relevant</dt>
            <dd>{service.municipallyRelevant ? 'ja' : 'nein'}</dd>
          </div>
          <div>
            <dt>LeiKa-Leistungen</dt>
            <dd>{formatNumber(service.leikaCount)}</dd>
          </div>
        </dl>
      </header>
      <ModelSwitch value={model} />
      {model === '2.0' ? (
        coverage2.isPending ? (
          <Loading label="Die Kennzahlen nach Reifegradmodell 2.0" />
        ) : coverage2.isError ? (
          <ErrorState error={coverage2.error} onRetry={() => void coverage2.refetch()} />
        ) : coverage2.data.model2 ? (
          <Model2Figures
            figures={coverage2.data.model2}
            title={`Reifegradmodell 2.0 ${inRegion(coverage2.data.region)}`}
          />
        ) : null
      ) : null}
      {coverage.isPending ? (
        <Loading label="Die Verbreitung" />
      ) : coverage.isError ? (
        <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} />
      ) : (
        <CoverageView coverage={coverage.data} ozgId={ozgId} />
      )}
      <ServiceUsage ozgId={ozgId} regionKey={regionKey} />
    </>
  );
}

function CoverageView({ coverage, ozgId }: { coverage: Coverage; ozgId: number }) {
  const { region } = coverage;
  const offeredShare = (count: number) => (coverage.offering > 0 ? count / coverage.offering : null);
  return (
    <>
      <section aria-labelledby="verbreitung">
        <h2 id="verbreitung" className="section-title">
          Verbreitung {inRegion(region)}
          {region.level !== 'land' ? (
            <>
              {' '}
              <Link to={`/leistungen/${ozgId}`} className="section-link">
                ganzes Land anzeigen
              </Link>
            </>
          ) : null}
        </h2>
        <ExportLinks
          what={`Verbreitung ${inRegion(region)}`}
          href={(format) => coverageFileUrl(ozgId, region.ags, format)}
        />
        {coverage.mustOffer === 0 ? (
          <p className="state state-empty panel">
            In {region.name} muss keine Verwaltung diese Leistung anbieten: Sie gehört zu keiner Zielmenge
            (ausführende Ebene oder Ausnahmen).
          </p>
        ) : (
          <Tiles
            tiles={[
              {
                label: 'Anteil der Verwaltungen',
                value: formatShare(coverage.share),
                detail: `${formatNumber(coverage.offering)} von ${formatNumber(coverage.mustOffer)} bieten sie OZG-konform an`,
              },
              {
                label: 'Anteil der Einwohner',
                value: formatShare(coverage.populationShare),
                detail: 'der Einwohner erreichen sie online',
              },
              {
                label: 'Flächendeckend',
                value: coverage.flaechendeckend ? 'ja' : 'nein',
                detail: 'jede Verwaltung, die sie anbieten muss, tut es',
              },
              {
                label: 'Mindestens einmal online',
                value: coverage.atLeastOne ? 'ja' : 'nein',
                detail: 'so zählt das Dashboard des Bundes „online“',
              },
            ]}
          />
        )}
      </section>
      {coverage.mustOffer > 0 ? (
        <div className="panel-grid panel-grid-two">
          <section aria-labelledby="reifegrade" className="panel">
            <h2 id="reifegrade">Reifegrade</h2>
            <span className="stacked-bar stacked-bar-large" aria-hidden="true">
              {coverage.levelCounts.map((count, level) => (
                <span
                  key={MATURITY_LEVELS_1_1[level]}
                  className={`level-${level}`}
                  style={{ width: `${(count / coverage.mustOffer) * 100}%` }}
                />
              ))}
            </span>
            <table className="data-table">
              <caption className="visually-hidden">Verwaltungen nach Reifegrad dieser Leistung</caption>
              <thead>
                <tr>
                  <th scope="col">Reifegrad</th>
                  <th scope="col" className="numeric">
                    Verwaltungen
                  </th>
                  <th scope="col" className="numeric">
                    Anteil
                  </th>
                </tr>
              </thead>
              <tbody>
                {MATURITY_LEVELS_1_1.map((level) => (
                  <tr key={level}>
                    <th scope="row">
                      <span className={`swatch level-${level}`} aria-hidden="true" /> {level}{' '}
                      {MATURITY_LABELS_1_1[level]}
                    </th>
                    <td className="numeric">{formatNumber(coverage.levelCounts[level])}</td>
                    <td className="numeric">
                      {formatShare((coverage.levelCounts[level] ?? 0) / coverage.mustOffer)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="loesungen" className="panel">
            <h2 id="loesungen">Lösungen im Einsatz</h2>
            {coverage.solutions.length === 0 ? (
              <p className="state state-empty">Noch keine Verwaltung bietet die Leistung OZG-konform an.</p>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">
                  Lösungen der Verwaltungen, die die Leistung OZG-konform anbieten
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Lösung</th>
                    <th scope="col" className="numeric">
                      Verwaltungen
                    </th>
                    <th scope="col" className="numeric">
                      Anteil
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {coverage.solutions.map((entry) => (
                    <tr key={entry.solution ?? 'none'}>
                      <th scope="row">{solutionLabel(entry.solution)}</th>
                      <td className="numeric">{formatNumber(entry.count)}</td>
                      <td className="numeric">{formatShare(offeredShare(entry.count))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      ) : null}
      {region.level === 'land' || region.level === 'bezirk' ? (
        <div className="panel">
          <ServiceCoverageMap
            ozgId={ozgId}
            regionKey={region.ags}
            hrefFor={(ags) => `/leistungen/${ozgId}?gebiet=${ags}`}
          />
        </div>
      ) : null}
      {region.level !== 'gemeinde' ? (
        <CoverageByPart ozgId={ozgId} regionKey={region.ags} regionName={region.name} />
      ) : null}
    </>
  );
}

/** The same figures for each part of the region, each a link one level down. */
function CoverageByPart({
  ozgId,
  regionKey,
  regionName,
}: {
  ozgId: number;
  regionKey: string;
  regionName: string;
}) {
  const parts = useRegionChildren(regionKey);
  const partKeys = parts.data?.children.map((child) => child.ags) ?? [];
  const coverages = useCoverageIn(ozgId, partKeys);
  return (
    <section aria-labelledby="teile" className="panel">
      <h2 id="teile">Nach Gebieten in {regionName}</h2>
      {parts.isPending || (partKeys.length > 0 && !coverages.data && !coverages.error) ? (
        <Loading label="Die Gebiete" />
      ) : parts.isError || coverages.error ? (
        <ErrorState
          error={parts.error ?? coverages.error}
          onRetry={() => {
            void parts.refetch();
            coverages.refetch();
          }}
        />
      ) : !coverages.data || coverages.data.length === 0 ? (
        <p className="state state-empty">{regionName} hat keine untergeordneten Gebiete.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">
              Verbreitung der Leistung in den Gebieten von {regionName}
            </caption>
            <thead>
              <tr>
                <th scope="col">Gebiet</th>
                <th scope="col" className="numeric">
                  Bieten an
                </th>
                <th scope="col" className="numeric">
                  Anteil
                </th>
                <th scope="col" className="numeric hide-narrow">
                  Anteil der Einwohner
                </th>
                <th scope="col" className="hide-narrow">
                  Flächendeckend
                </th>
              </tr>
            </thead>
            <tbody>
              {coverages.data.map((entry) =>
                entry ? (
                  <tr key={entry.region.ags}>
                    <th scope="row">
                      <Link to={`/leistungen/${ozgId}?gebiet=${entry.region.ags}`}>{entry.region.name}</Link>
                      <span className="row-kind">{REGION_KIND_LABELS[entry.region.kind]}</span>
                    </th>
                    <td className="numeric">
                      {formatNumber(entry.offering)} von {formatNumber(entry.mustOffer)}
                    </td>
                    <td className="numeric">{formatShare(entry.share)}</td>
                    <td className="numeric hide-narrow">{formatShare(entry.populationShare)}</td>
                    <td className="hide-narrow">
                      {entry.mustOffer === 0 ? '–' : entry.flaechendeckend ? 'ja' : 'nein'}
                    </td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
