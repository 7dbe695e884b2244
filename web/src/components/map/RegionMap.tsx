import { lazy, type ReactNode, Suspense, useId, useState } from 'react';
import { formatDate, formatShare } from '../../lib/format';
import { Link } from '../../lib/navigation';
import { useBoundaries } from '../../lib/queries/regions';
import { regionShortName } from '../../lib/region-names';
import { useRovingFocus } from '../../lib/roving-focus';
import { Empty, Loading } from '../States';
import {
  backgroundOf,
  colourOf,
  type KreisValue,
  NO_VALUE_BACKGROUND,
  SHARE_CLASSES,
  tileLayout,
  withSoftHyphens,
} from './map-layout';
import './map.css';

// d3-geo and the outlines are only loaded when there are outlines to draw.
const ChoroplethMap = lazy(async () => ({ default: (await import('./ChoroplethMap')).ChoroplethMap }));

export type { KreisValue } from './map-layout';

export type RegionMapProps = {
  /** Land or Regierungsbezirk (AGS) whose Kreise are shown. */
  regionKey: string;
  /** One entry per Kreis; `share` (0–1) colours it. */
  values: readonly KreisValue[];
  /** Heading of the map, e.g. "OZG-konform je Kreis". */
  title: string;
  /** What the share means, for titles and the table, e.g. "OZG-konform". */
  valueLabel: string;
  /** Where a click on a Kreis leads; no links when missing. */
  hrefFor?: (ags: string) => string;
  headingLevel?: 2 | 3;
  /** What the value means in detail, under the legend (e.g. the model and level). */
  note?: ReactNode;
};

/**
 * The Kreise of a region coloured by a share: a choropleth when Kreis
 * boundaries are loaded (`pnpm ozg import boundaries` or the admin upload),
 * otherwise a tile map that needs no geodata. A table shows the same figures
 * for those who cannot use the map.
 */
export function RegionMap({
  regionKey,
  values,
  title,
  valueLabel,
  hrefFor,
  headingLevel = 2,
  note,
}: RegionMapProps) {
  const headingId = useId();
  const [view, setView] = useState<'map' | 'table'>('map');
  const boundaries = useBoundaries(regionKey);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const outlines = boundaries.data?.items ?? [];
  const mapLabel = `${title}: Karte der Kreise. Dieselben Zahlen stehen in der Tabellenansicht.`;

  let body: React.ReactNode;
  if (values.length === 0) body = <Empty>Für dieses Gebiet gibt es keine Kreise mit Kennzahlen.</Empty>;
  else if (view === 'table') body = <MapTable values={values} valueLabel={valueLabel} hrefFor={hrefFor} />;
  else if (boundaries.isPending) body = <Loading label="Die Karte" />;
  else if (outlines.length > 0) {
    body = (
      <Suspense fallback={<Loading label="Die Karte" />}>
        <ChoroplethMap
          boundaries={outlines}
          values={values}
          valueLabel={valueLabel}
          label={mapLabel}
          hrefFor={hrefFor}
        />
      </Suspense>
    );
  } else body = <TileMap values={values} valueLabel={valueLabel} label={mapLabel} hrefFor={hrefFor} />;

  return (
    <section className="region-map" aria-labelledby={headingId}>
      <div className="region-map-header">
        <Heading id={headingId}>{title}</Heading>
        <fieldset className="segmented">
          <legend className="visually-hidden">Darstellung</legend>
          <button type="button" aria-pressed={view === 'map'} onClick={() => setView('map')}>
            Karte
          </button>
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
            Tabelle
          </button>
        </fieldset>
      </div>
      {body}
      {view === 'map' && values.length > 0 ? <Legend valueLabel={valueLabel} /> : null}
      {note ? <p className="region-map-note">{note}</p> : null}
      {view === 'map' && !boundaries.isPending ? (
        <p className="region-map-source">
          {outlines.length > 0 && boundaries.data?.source
            ? `Kreisgrenzen: © GeoBasis-DE / BKG, Datei ${boundaries.data.source.fileName} vom ${formatDate(boundaries.data.source.importedAt)}.`
            : 'Kachelkarte: jede Kachel ist ein Kreis, ungefähr an seiner Lage. Mit hochgeladenen Kreisgrenzen zeigt die Karte die echten Umrisse.'}
          {outlines.length > 0 && (boundaries.data?.missing.length ?? 0) > 0
            ? ` Ohne Grenze: ${boundaries.data?.missing.map((kreis) => kreis.name).join(', ')}.`
            : null}
        </p>
      ) : null}
    </section>
  );
}

function TileMap({
  values,
  valueLabel,
  label,
  hrefFor,
}: {
  values: readonly KreisValue[];
  valueLabel: string;
  label: string;
  hrefFor?: ((ags: string) => string) | undefined;
}) {
  const { tiles, columns, rows } = tileLayout(values);
  // One Tab stop for all tiles, arrows within: the table beside the map has the same links.
  const tileLinks = useRovingFocus<HTMLUListElement>('a', 'both');
  return (
    // On phones a tile keeps the width of its longest word (see map.css): the map scrolls sideways rather than clip names.
    <div className="tile-map-scroll">
      <ul
        ref={tileLinks}
        className="tile-map"
        aria-label={label}
        style={{
          gridTemplateColumns: `repeat(${columns}, minmax(var(--tile-min-width), 1fr))`,
          gridTemplateRows: `repeat(${rows}, auto)`,
        }}
      >
        {tiles.map((tile) => {
          const colour = colourOf(tile.share);
          // The visible text leads the accessible name (WCAG 2.5.3); the meaning of the figure follows unseen.
          const content = (
            <>
              <span className="tile-map-name">
                {withSoftHyphens(regionShortName({ name: tile.name, kind: tile.kind ?? 'kreis' }))}
              </span>{' '}
              <span className="tile-map-value">{formatShare(tile.share)}</span>
              <span className="visually-hidden"> {valueLabel}</span>
            </>
          );
          const href = hrefFor?.(tile.ags);
          return (
            <li
              key={tile.ags}
              className="tile-map-tile"
              style={{
                gridColumn: tile.column + 1,
                gridRow: tile.row + 1,
                background: backgroundOf(tile.share),
                color: colour.ink,
              }}
              title={`${tile.name}: ${valueLabel} ${formatShare(tile.share)}`}
            >
              {href ? (
                <Link to={href} style={{ color: colour.ink }}>
                  {content}
                </Link>
              ) : (
                content
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Legend({ valueLabel }: { valueLabel: string }) {
  return (
    <div className="map-legend">
      <span className="map-legend-title">{valueLabel}:</span>
      <ul>
        {SHARE_CLASSES.map((shareClass) => (
          <li key={shareClass.from}>
            <span className="map-legend-swatch" style={{ background: shareClass.fill }} aria-hidden="true" />
            {`${formatShare(shareClass.from).replace(/\s*%$/, '')} bis ${formatShare(shareClass.to)}`}
          </li>
        ))}
        <li>
          <span
            className="map-legend-swatch"
            style={{ background: NO_VALUE_BACKGROUND }}
            aria-hidden="true"
          />
          keine Angabe
        </li>
      </ul>
    </div>
  );
}

function MapTable({
  values,
  valueLabel,
  hrefFor,
}: {
  values: readonly KreisValue[];
  valueLabel: string;
  hrefFor?: ((ags: string) => string) | undefined;
}) {
  const sorted = [...values].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Kreis</th>
            <th scope="col">AGS</th>
            <th scope="col" className="numeric">
              {valueLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((value) => {
            const href = hrefFor?.(value.ags);
            return (
              <tr key={value.ags}>
                <th scope="row">{href ? <Link to={href}>{value.name}</Link> : value.name}</th>
                <td className="mono">{value.ags}</td>
                <td className="numeric">{formatShare(value.share)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
