import { model2ReachedShare } from '@ozg/shared';
import type { ReactNode } from 'react';
import { ExportLinks } from '../../../components/ExportLinks';
import { type ModelChoice, ModelSwitch, modelOnDay } from '../../../components/ModelSwitch';
import { KreisProgressMap } from '../../../components/map/KreisProgressMap';
import { ErrorState, Loading } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import { usePageTitle } from '../../../lib/page-title';
import {
  childrenProgressFileUrl,
  progressFileUrl,
  useActivity,
  useChildrenProgress,
  useChildrenProgressOf,
  useProgress,
  useProgress2,
  useRegion,
} from '../../../lib/queries/regions';
import { regionPath } from '../../../lib/region-paths';
import { toProgressRows } from '../progress-rows';
import { Comparison } from './Comparison';
import { KpiTiles } from './KpiTiles';
import { LinkCheckSummary } from './LinkCheckSummary';
import { Model2Panel } from './Model2Panel';
import { ProgressOverTime } from './ProgressOverTime';
import { RegionHeader } from './RegionHeader';
import { ThemenfeldMaturity } from './ThemenfeldMaturity';

/** The start page: the Land's figures, its course, its Regierungsbezirke and Kreise, its Themenfelder. */
export function LandOverview({
  landKey,
  asOf,
  today,
  keyDates,
  model = '1.1',
  minLevel = null,
}: {
  landKey: string;
  asOf: string | null;
  today: string;
  model?: ModelChoice;
  minLevel?: number | null;
  /** The key dates panel, composed by the app (features do not import each other). */
  keyDates?: ReactNode;
}) {
  const date = asOf ?? undefined;
  // A ?stand= before Reifegradmodell 2.0 existed shows 1.1; on a later one the 2.0 figures come from the
  // daily 2.0 snapshots (decision 020).
  const shownModel = modelOnDay(model, asOf);
  const model2 = shownModel === '2.0' ? { minLevel } : null;
  const land = useRegion(landKey, date);
  const progress = useProgress(landKey, date);
  const progress2 = useProgress2(landKey, date, model2 !== null, minLevel);
  const activity = useActivity(landKey);
  const children = useChildrenProgress(landKey, date, model2);
  const hasBezirke = children.data?.children.some((child) => child.region.level === 'bezirk') ?? false;
  const bezirkKeys = hasBezirke ? (children.data?.children.map((child) => child.region.ags) ?? []) : [];
  const kreiseOfBezirke = useChildrenProgressOf(bezirkKeys, date, model2);
  usePageTitle(land.data ? `${land.data.name}: Übersicht` : null);

  if (land.isPending) return <Loading label="Das Land" />;
  if (land.isError) {
    if (land.error instanceof ApiError && land.error.status === 404) {
      return (
        <div className="state state-empty">
          <h1>Keine Gebiete geladen</h1>
          <p>
            Zum Land mit dem Schlüssel {landKey} gibt es {asOf ? 'an diesem Tag ' : ''}keine Gebiete. Die
            Gebietsdaten kommen aus dem Gemeindeverzeichnis GV100AD des Statistischen Bundesamts und werden
            mit <code>pnpm ozg import gv100 &lt;Datei&gt;</code> geladen.
          </p>
        </div>
      );
    }
    return <ErrorState error={land.error} onRetry={() => void land.refetch()} />;
  }
  const figures2 = model2 ? progress2.data?.model2 : undefined;
  const model2Level = figures2?.minLevel ?? null;
  const landShare = model2
    ? figures2
      ? model2ReachedShare(figures2)
      : null
    : (progress.data?.figures.conformantShare ?? null);
  const reference = landShare === null ? undefined : { label: land.data.name, share: landShare };
  const by2 = model2Level !== null;
  const kreise = hasBezirke ? kreiseOfBezirke.data : children.data?.children;

  return (
    <>
      <RegionHeader region={land.data} asOf={asOf} today={today} />
      <ModelSwitch value={shownModel} asOf={asOf} />
      {model2 ? <Model2Panel regionKey={landKey} asOf={asOf} minLevel={minLevel} /> : null}
      {progress.isPending ? (
        <Loading label="Die Kennzahlen" />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : (
        <KpiTiles
          figures={progress.data.figures}
          administrations={progress.data.administrations}
          activity={asOf ? null : (activity.data ?? null)}
          asOf={asOf}
        />
      )}
      {asOf ? null : <LinkCheckSummary regionKey={landKey} />}
      <ProgressOverTime regionKey={landKey} asOf={asOf} model2={model2} />
      {keyDates}
      <div className="panel">
        <KreisProgressMap
          regionKey={landKey}
          asOf={asOf}
          model2={model2}
          hrefFor={(ags) => regionPath(ags, 'kreis', asOf)}
        />
      </div>
      <div className="panel-grid">
        {hasBezirke && children.data ? (
          <section aria-labelledby="bezirke" className="panel">
            <h2 id="bezirke">Regierungsbezirke im Vergleich</h2>
            <ExportLinks
              what="Regierungsbezirke"
              href={(format) => childrenProgressFileUrl(landKey, date, format)}
            />
            <Comparison
              rows={toProgressRows(children.data.children, by2)}
              caption={
                by2
                  ? `Regierungsbezirke mit Anteil ab Stufe ${model2Level} nach Reifegradmodell 2.0 und weiteren Kennzahlen`
                  : 'Regierungsbezirke mit OZG-konformem Anteil und weiteren Kennzahlen'
              }
              reference={reference}
              model2Level={model2Level}
            />
          </section>
        ) : null}
        <section aria-labelledby="kreise" className="panel">
          <h2 id="kreise">Kreise und kreisfreie Städte im Vergleich</h2>
          {/* Every Kreis of the Land in one file, also where Regierungsbezirke lie between. */}
          <ExportLinks
            what="Kreise und kreisfreie Städte"
            href={(format) => childrenProgressFileUrl(landKey, date, format, 'kreis')}
          />
          {children.isError || kreiseOfBezirke.error ? (
            <ErrorState
              error={children.error ?? kreiseOfBezirke.error}
              onRetry={() => {
                void children.refetch();
                kreiseOfBezirke.refetch();
              }}
            />
          ) : !kreise ? (
            <Loading label="Die Kreise" />
          ) : kreise.length === 0 ? (
            <p className="state state-empty">Zu diesem Land sind keine Kreise geladen.</p>
          ) : (
            <Comparison
              rows={toProgressRows(kreise, by2)}
              caption={
                by2
                  ? `Kreise und kreisfreie Städte mit Anteil ab Stufe ${model2Level} nach Reifegradmodell 2.0 und weiteren Kennzahlen`
                  : 'Kreise und kreisfreie Städte mit OZG-konformem Anteil und weiteren Kennzahlen'
              }
              reference={reference}
              model2Level={model2Level}
            />
          )}
        </section>
      </div>
      {progress.data ? (
        <ThemenfeldMaturity
          byThemenfeld={progress.data.byThemenfeld}
          fileUrl={(format) => progressFileUrl(landKey, date, format)}
        />
      ) : null}
    </>
  );
}
