import '../../../components/work-views.css';
import '../laggards.css';
import { REGION_KIND_LABELS, SIZE_CLASSES } from '@ozg/shared';
import { useState } from 'react';
import { z } from 'zod';
import { ModelSwitch } from '../../../components/ModelSwitch';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { labelledBy, SelectFilter } from '../../../components/SelectFilter';
import { SortHeader, sortBy } from '../../../components/SortHeader';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { formatCount, formatNumber, formatPercentagePoints, formatShare } from '../../../lib/format';
import { Link, navigate, useSearchParams, withSearch } from '../../../lib/navigation';
import { useRegionChildren } from '../../../lib/queries/regions';
import { regionPath } from '../../../lib/region-paths';
import { landParam, minLevelParam, modelParam } from '../../../lib/search-params';
import { type LaggardFilters, laggardsFileUrl, useLaggards } from '../api/get-laggards';
import { kindsPresent, type LaggardSort, sortLaggards } from '../laggard-table';

const STEP = 50;
const sizeLabel = (id: string) => SIZE_CLASSES.find((sizeClass) => sizeClass.id === id)?.label ?? id;

type Column = { sort: LaggardSort | null; label: string; numeric?: boolean; className?: string };

const COLUMNS: Column[] = [
  { sort: 'name', label: 'Kommune' },
  { sort: 'population', label: 'Einwohner', numeric: true, className: 'hide-narrow' },
  { sort: 'share', label: 'OZG-konform', numeric: true },
  { sort: null, label: 'Median der Vergleichsgruppe', numeric: true, className: 'hide-narrow' },
  { sort: 'gap', label: 'Abstand', numeric: true, className: 'gap' },
  { sort: 'change', label: 'Veränderung 12 Monate', numeric: true, className: 'hide-narrow' },
  { sort: 'overdue', label: 'Überfällig', numeric: true, className: 'hide-narrow' },
  { sort: null, label: 'Beratung', className: 'hide-narrow' },
];

/** By Reifegradmodell 2.0: the 2.0 share ranks, its 12-month change from the 2.0 snapshots, the 1.1 share beside. */
const columns2 = (minLevel: number): Column[] => [
  { sort: 'name', label: 'Kommune' },
  { sort: 'population', label: 'Einwohner', numeric: true, className: 'hide-narrow' },
  { sort: 'share', label: `2.0 ab Stufe ${minLevel}`, numeric: true },
  { sort: null, label: 'Median der Vergleichsgruppe', numeric: true, className: 'hide-narrow' },
  { sort: 'gap', label: 'Abstand', numeric: true, className: 'gap' },
  { sort: 'change', label: 'Veränderung 12 Monate', numeric: true, className: 'hide-narrow' },
  { sort: null, label: 'OZG-konform (1.1)', numeric: true, className: 'hide-narrow' },
  { sort: 'overdue', label: 'Überfällig', numeric: true, className: 'hide-narrow' },
  { sort: null, label: 'Beratung', className: 'hide-narrow' },
];

const LEVEL_OPTIONS = [0, 1, 2, 3, 4, 5, 6, 7].map((level) => ({
  value: String(level),
  label: `Stufe ${level}`,
}));

/**
 * For consultants: which municipalities are furthest behind fair peers (same
 * kind and size class, optionally the same Kreis), to decide whom to advise.
 */
export function LaggardsPage() {
  // Hessen, the first customer; ?land=NN picks another Land, as on the start page.
  // ?modell=2.0 ranks by Reifegradmodell 2.0 from ?ab= (default its conformant level), as on the overview.
  const {
    land: landKey,
    modell: model,
    ab: minLevel,
  } = useSearchParams(z.object({ land: landParam(), modell: modelParam(), ab: minLevelParam() }));
  const [peerFilters, setFilters] = useState<LaggardFilters>({ regionKey: landKey, sameKreis: false });
  const filters: LaggardFilters = { ...peerFilters, model2: model === '2.0' ? { minLevel } : null };
  const [sort, setSort] = useState<{ sort: LaggardSort; order: 'asc' | 'desc' }>({
    sort: 'gap',
    order: 'asc',
  });
  const [shown, setShown] = useState(STEP);
  const kreise = useRegionChildren(landKey, 'kreis');
  const laggards = useLaggards(filters);
  // The unfiltered list of the Land (the page's first query, so usually cached) says which kinds exist.
  const wholeLand = useLaggards({ regionKey: landKey, sameKreis: false });
  const kinds = kindsPresent(wholeLand.data?.items);

  const update = (change: Partial<LaggardFilters>) => {
    setFilters((previous) => {
      const next = { ...previous, ...change };
      for (const key of ['kind', 'sizeClass'] as const) if (next[key] === undefined) delete next[key];
      return next;
    });
    setShown(STEP);
  };

  const level2 = laggards.data?.model2?.minLevel ?? null;
  const by2 = level2 !== null;
  const items = laggards.data ? sortLaggards(laggards.data.items, sort.sort, sort.order, by2) : [];
  const gapOf = (item: (typeof items)[number]) => (by2 ? (item.model2?.gap ?? null) : item.gap);
  const behind = items.filter((item) => {
    const gap = gapOf(item);
    return gap !== null && gap < 0;
  }).length;
  const columns = level2 !== null ? columns2(level2) : COLUMNS;

  return (
    <div className="laggards">
      <header className="page-header">
        <p className="eyebrow">Beratung</p>
        <h1>Nachzügler im Vergleich</h1>
        <p className="page-lead">
          Kommunen, deren Anteil OZG-konformer Leistungen am weitesten unter dem Median vergleichbarer
          Kommunen liegt – gleiche Art, gleiche Größenklasse und auf Wunsch derselbe Kreis.
        </p>
      </header>
      <ModelSwitch value={model} />

      <section className="panel" aria-labelledby="peer-filters">
        <h2 id="peer-filters">Vergleichsgruppe</h2>
        <form className="filters" aria-label="Vergleichsgruppe wählen" onSubmit={(e) => e.preventDefault()}>
          <SelectFilter
            id="laggards-region"
            label="Gebiet"
            options={[
              { value: landKey, label: `${kreise.data?.parent.name ?? 'ganzes Land'} (ganzes Land)` },
              ...(kreise.data?.children ?? []).map((kreis) => ({ value: kreis.ags, label: kreis.name })),
            ]}
            value={filters.regionKey}
            disabled={kreise.isPending}
            onChange={(regionKey) => update({ regionKey: regionKey ?? landKey })}
          />
          <SelectFilter
            id="laggards-kind"
            label="Art der Kommune"
            allLabel="alle"
            options={labelledBy(kinds, REGION_KIND_LABELS)}
            value={filters.kind}
            onChange={(kind) => update({ kind })}
          />
          <SelectFilter
            id="laggards-size"
            label="Größenklasse (Einwohner)"
            allLabel="alle"
            options={SIZE_CLASSES.map((sizeClass) => ({ value: sizeClass.id, label: sizeClass.label }))}
            value={filters.sizeClass}
            onChange={(sizeClass) => update({ sizeClass })}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={filters.sameKreis}
              onChange={(e) => update({ sameKreis: e.target.checked })}
            />
            Nur mit Kommunen desselben Kreises vergleichen
          </label>
          {model === '2.0' ? (
            <SelectFilter
              id="laggards-ab"
              label="Reifegradmodell 2.0 ab Stufe"
              options={LEVEL_OPTIONS}
              value={level2 === null ? undefined : String(level2)}
              onChange={(value) => navigate(withSearch({ ab: value ?? null }), { replace: true })}
            />
          ) : null}
        </form>
        {kreise.isError ? (
          <p className="form-error" role="alert">
            Die Kreise konnten nicht geladen werden; die Auswahl ist auf das ganze Land beschränkt.
          </p>
        ) : null}
        <div className="csv-actions">
          <a className="button" href={laggardsFileUrl(filters, 'csv')} download>
            Als CSV herunterladen
          </a>
          <a className="button" href={laggardsFileUrl(filters, 'xlsx')} download>
            Als Excel-Datei (XLSX) herunterladen
          </a>
        </div>
      </section>

      <section className="panel" aria-labelledby="laggards-title">
        <h2 id="laggards-title">
          Kommunen nach Abstand zur Vergleichsgruppe
          {level2 !== null ? ` – Reifegradmodell 2.0 ab Stufe ${level2}` : ''}
        </h2>
        {level2 !== null ? (
          <p className="hint">
            Gereiht nach dem Anteil der Zielleistungen, die nach Reifegradmodell 2.0 mindestens Stufe {level2}{' '}
            erreichen; nicht bewertete zählen als nicht erreicht (nicht als Stufe 0), darunter steht, wie viel
            bewertet ist. Kommunen ganz ohne Bewertung haben keinen Wert und stehen am Ende. Die Veränderung
            in 12 Monaten vergleicht mit dem Tagesstand nach 2.0 vor einem Jahr; ohne Tagesstand oder
            Bewertung damals bleibt sie leer.{' '}
            <span className="badge-provisional">Arbeitsstand, vom Land anpassbar</span>
          </p>
        ) : null}
        {laggards.isPending ? (
          <Loading label="Der Vergleich" />
        ) : laggards.isError ? (
          <ErrorState error={laggards.error} onRetry={() => void laggards.refetch()} />
        ) : items.length === 0 ? (
          <Empty>Keine Kommune passt zu dieser Vergleichsgruppe. Lockern Sie die Filter.</Empty>
        ) : (
          <>
            <p className="table-summary" aria-live="polite">
              {formatCount(items.length, 'Kommune', 'Kommunen')} in {laggards.data.region.name}, davon{' '}
              {formatNumber(behind)} unter dem Median ihrer Vergleichsgruppe ({laggards.data.peerGroup}).
              {laggards.isPlaceholderData ? ' Wird aktualisiert …' : ''}
            </p>
            <ScrollableTable label="Tabelle der Kommunen">
              <table className="data-table laggards-table" aria-busy={laggards.isFetching}>
                <caption className="visually-hidden">
                  {by2
                    ? `Kommunen mit Anteil ab Stufe ${level2} nach Reifegradmodell 2.0, Median ihrer Vergleichsgruppe und Abstand in Prozentpunkten`
                    : 'Kommunen mit Anteil OZG-konformer Leistungen, Median ihrer Vergleichsgruppe und Abstand in Prozentpunkten'}
                </caption>
                <thead>
                  <tr>
                    {columns.map((column) => (
                      <SortHeader
                        key={column.label}
                        label={column.label}
                        column={column.sort}
                        sortedBy={sort.sort}
                        order={sort.order}
                        onSort={sortBy(setSort)}
                        className={[column.numeric ? 'numeric' : '', column.className ?? ''].join(' ').trim()}
                      />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {items.slice(0, shown).map((item) => (
                    <tr key={item.region.ags}>
                      <th scope="row">
                        <Link to={regionPath(item.region.ags, 'gemeinde')}>{item.region.name}</Link>
                        <span className="cell-sub">
                          {REGION_KIND_LABELS[item.region.kind]}
                          {item.kreis ? ` · ${item.kreis.name}` : ''} ·{' '}
                          <span className="mono">{item.region.ags}</span>
                        </span>
                      </th>
                      <td className="numeric hide-narrow">
                        {formatNumber(item.region.population)}
                        <span className="cell-sub">{sizeLabel(item.sizeClass)}</span>
                      </td>
                      {item.model2 && by2 ? (
                        <>
                          <td className="numeric">
                            {formatShare(item.model2.share)}
                            <span className="cell-sub">
                              {formatNumber(item.model2.atOrAbove)} von {formatNumber(item.model2.counted)} ·
                              bewertet {formatShare(item.model2.assessedShare)}
                            </span>
                          </td>
                          <td className="numeric hide-narrow">
                            {formatShare(item.model2.peerMedian)}
                            <span className="cell-sub">
                              {formatCount(item.model2.peerCount, 'Kommune', 'Kommunen')}
                            </span>
                          </td>
                          <td
                            className={`numeric gap ${item.model2.gap !== null && item.model2.gap < 0 ? 'gap-behind' : ''}`}
                          >
                            {formatPercentagePoints(item.model2.gap)}
                          </td>
                          <td className="numeric hide-narrow">
                            {formatPercentagePoints(item.model2.changeTwelveMonths ?? null)}
                          </td>
                          <td className="numeric hide-narrow">{formatShare(item.share)}</td>
                        </>
                      ) : (
                        <>
                          <td className="numeric">
                            {formatShare(item.share)}
                            <span className="cell-sub">
                              {formatNumber(item.conformant)} von {formatNumber(item.targetServices)}
                            </span>
                          </td>
                          <td className="numeric hide-narrow">
                            {formatShare(item.peerMedian)}
                            <span className="cell-sub">
                              {formatCount(item.peerCount, 'Kommune', 'Kommunen')}
                            </span>
                          </td>
                          <td
                            className={`numeric gap ${item.gap !== null && item.gap < 0 ? 'gap-behind' : ''}`}
                          >
                            {formatPercentagePoints(item.gap)}
                          </td>
                          <td className="numeric hide-narrow">
                            {formatPercentagePoints(item.changeTwelveMonths)}
                          </td>
                        </>
                      )}
                      <td className="numeric hide-narrow">{formatNumber(item.overdue)}</td>
                      <td className="hide-narrow">{item.consultationHeld ? 'erhalten' : 'noch nicht'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
            {items.length > shown ? (
              <div className="form-actions">
                <button type="button" className="button" onClick={() => setShown(shown + STEP)}>
                  Weitere {formatNumber(Math.min(STEP, items.length - shown))} zeigen (
                  {formatNumber(items.length - shown)} übrig)
                </button>
              </div>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
