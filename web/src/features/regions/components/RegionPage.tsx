import { model2ReachedShare, REGION_LEVEL_LABELS, type RegionDetail, todayInGermany } from '@ozg/shared';
import { z } from 'zod';
import { ExportLinks } from '../../../components/ExportLinks';
import { type ModelChoice, ModelSwitch, modelOnDay } from '../../../components/ModelSwitch';
import { ErrorState, Loading } from '../../../components/States';
import { formatNumber, inRegion } from '../../../lib/format';
import { type PageProps, useSearchParams } from '../../../lib/navigation';
import { usePageTitle } from '../../../lib/page-title';
import {
  childrenProgressFileUrl,
  progressFileUrl,
  useActivity,
  useChildrenProgress,
  useProgress,
  useProgress2,
  useRegion,
} from '../../../lib/queries/regions';
import { asOfParam, minLevelParam, modelParam } from '../../../lib/search-params';
import { toProgressRows } from '../progress-rows';
import { Comparison, type RegionLinks } from './Comparison';
import { KpiTiles } from './KpiTiles';
import { LandOverview } from './LandOverview';
import { LinkCheckSummary } from './LinkCheckSummary';
import { Model2Panel } from './Model2Panel';
import { ProgressOverTime } from './ProgressOverTime';
import { RegionHeader } from './RegionHeader';
import { RegionUsage } from './RegionUsage';
import { ThemenfeldMaturity } from './ThemenfeldMaturity';

const CHILDREN_HEADINGS = {
  land: 'Regierungsbezirke',
  bezirk: 'Kreise und kreisfreie Städte',
  kreis: 'Städte und Gemeinden',
  gemeinde: '',
} as const;

const PEER_NAMES = {
  land: 'Ländern',
  bezirk: 'Regierungsbezirken',
  kreis: 'Kreisen',
  gemeinde: 'Gemeinden',
} as const;

/** A Regierungsbezirk, Kreis or Gemeinde: the same blocks as the Land, its parts, and its peers. */
export function RegionPage({
  params,
  regionLinks,
}: PageProps<'/regionen/:key'> & {
  /** What the signed-in user may open for a region (workspace, audit trail); the app provides it. */
  regionLinks?: RegionLinks;
}) {
  const key = params.key;
  const today = todayInGermany();
  const {
    stand: asOf,
    modell: model,
    ab: minLevel,
  } = useSearchParams(z.object({ stand: asOfParam(today), modell: modelParam(), ab: minLevelParam() }));
  const region = useRegion(key, asOf);

  if (region.isPending) return <Loading label="Das Gebiet" />;
  if (region.isError)
    return (
      <ErrorState
        notFoundHeading="Gebiet nicht gefunden"
        error={region.error}
        onRetry={() => void region.refetch()}
      />
    );
  if (region.data.level === 'land')
    return (
      <LandOverview landKey={region.data.ags} asOf={asOf} today={today} model={model} minLevel={minLevel} />
    );
  return (
    <RegionDashboard
      region={region.data}
      asOf={asOf}
      today={today}
      regionLinks={regionLinks}
      model={model}
      minLevel={minLevel}
    />
  );
}

function RegionDashboard({
  region,
  asOf,
  today,
  regionLinks,
  model,
  minLevel,
}: {
  region: RegionDetail;
  asOf: string | null;
  today: string;
  regionLinks?: RegionLinks | undefined;
  model: ModelChoice;
  minLevel: number | null;
}) {
  const date = asOf ?? undefined;
  // A ?stand= before Reifegradmodell 2.0 existed shows 1.1; on a later one the 2.0 figures come from the
  // daily 2.0 snapshots (decision 020).
  const shownModel = modelOnDay(model, asOf);
  const model2 = shownModel === '2.0' ? { minLevel } : null;
  const progress = useProgress(region.ags, date);
  const progress2 = useProgress2(region.ags, date, model2 !== null, minLevel);
  const activity = useActivity(region.ags);
  const hasChildren = region.level !== 'gemeinde';
  const children = useChildrenProgress(hasChildren ? region.ags : null, date, model2);
  const peers = useChildrenProgress(region.parent?.ags ?? null, date, model2);
  usePageTitle(`${region.name} (${REGION_LEVEL_LABELS[region.level]})`);

  const figures2 = model2 ? progress2.data?.model2 : undefined;
  const model2Level = figures2?.minLevel ?? null;
  const by2 = model2Level !== null;
  const share = model2
    ? figures2
      ? model2ReachedShare(figures2)
      : null
    : (progress.data?.figures.conformantShare ?? null);
  const reference = share === null ? undefined : { label: region.name, share };
  const peerRows = peers.data ? toProgressRows(peers.data.children, by2) : [];
  const ownRank = peerRows.find((row) => row.ags === region.ags)?.rank ?? null;

  return (
    <>
      <RegionHeader region={region} asOf={asOf} today={today} links={regionLinks?.(region)} />
      <ModelSwitch value={shownModel} asOf={asOf} />
      {model2 ? <Model2Panel regionKey={region.ags} asOf={asOf} minLevel={minLevel} /> : null}
      {progress.isPending ? (
        <Loading label="Die Kennzahlen" />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : progress.data.figures.targetServices === 0 ? (
        <p className="state state-empty panel">
          {region.name} hat {asOf ? 'an diesem Tag ' : ''}keine Zielleistungen: Es gibt keine Stände, die
          gezählt werden könnten.
        </p>
      ) : (
        <KpiTiles
          figures={progress.data.figures}
          administrations={progress.data.administrations}
          activity={asOf ? null : (activity.data ?? null)}
          asOf={asOf}
        />
      )}
      {/* Link checks know only today's state. */}
      {asOf ? null : <LinkCheckSummary regionKey={region.ags} />}
      <ProgressOverTime regionKey={region.ags} asOf={asOf} model2={model2} />
      {/* Usage figures are today's 12 months only. */}
      {asOf ? null : <RegionUsage regionKey={region.ags} />}
      <div className="panel-grid">
        {hasChildren ? (
          <section aria-labelledby="teile" className="panel">
            <h2 id="teile">{CHILDREN_HEADINGS[region.level]}</h2>
            <ExportLinks
              what={`${CHILDREN_HEADINGS[region.level]} ${inRegion(region)}`}
              href={(format) => childrenProgressFileUrl(region.ags, date, format)}
            />
            {children.isPending ? (
              <Loading label={CHILDREN_HEADINGS[region.level]} />
            ) : children.isError ? (
              <ErrorState error={children.error} onRetry={() => void children.refetch()} />
            ) : children.data.children.length === 0 ? (
              <p className="state state-empty">Keine untergeordneten Gebiete.</p>
            ) : (
              <Comparison
                rows={toProgressRows(children.data.children, by2)}
                caption={`${CHILDREN_HEADINGS[region.level]} ${inRegion(region)}`}
                reference={reference}
                rowLinks={regionLinks}
                model2Level={model2Level}
              />
            )}
          </section>
        ) : null}
        {region.parent ? (
          <section aria-labelledby="vergleich" className="panel">
            <h2 id="vergleich">
              Im Vergleich mit den {PEER_NAMES[region.level]} {inRegion(region.parent)}
            </h2>
            <ExportLinks
              what={`Vergleich mit den ${PEER_NAMES[region.level]} ${inRegion(region.parent)}`}
              href={(format) => childrenProgressFileUrl(region.parent?.ags ?? '', date, format)}
            />
            {peers.isPending ? (
              <Loading label="Der Vergleich" />
            ) : peers.isError ? (
              <ErrorState error={peers.error} onRetry={() => void peers.refetch()} />
            ) : (
              <>
                <p>
                  {ownRank === null
                    ? `${region.name} hat keinen Rang: ohne Zielleistungen gibt es keinen Anteil.`
                    : `${region.name} steht auf Rang ${formatNumber(ownRank)} von ${formatNumber(peerRows.length)} ${
                        by2
                          ? `nach dem Anteil ab Stufe ${model2Level} nach Reifegradmodell 2.0`
                          : 'nach dem OZG-konformen Anteil'
                      }.`}
                </p>
                <Comparison
                  rows={peerRows}
                  caption={`${PEER_NAMES[region.level]} ${inRegion(region.parent)}`}
                  highlightAgs={region.ags}
                  model2Level={model2Level}
                />
              </>
            )}
          </section>
        ) : null}
      </div>
      {progress.data && progress.data.figures.targetServices > 0 ? (
        <ThemenfeldMaturity
          byThemenfeld={progress.data.byThemenfeld}
          fileUrl={(format) => progressFileUrl(region.ags, date, format)}
        />
      ) : null}
    </>
  );
}
