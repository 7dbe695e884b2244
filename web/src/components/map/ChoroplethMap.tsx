import type { KreisBoundaries } from '@ozg/shared';
import { type GeoPermissibleObjects, geoMercator, geoPath } from 'd3-geo';
import { useId, useMemo } from 'react';
import { formatShare } from '../../lib/format';
import { navigate } from '../../lib/navigation';
import { forD3 } from './geometry';
import { colourOf, type KreisValue, NO_VALUE } from './map-layout';

const WIDTH = 560;
const PADDING = 8;

/**
 * The Kreise drawn from their outlines (d3-geo, Mercator fitted to the
 * region), each coloured by its share. Loaded lazily with d3-geo. Every Kreis
 * is a link when `hrefFor` is given; its name and figure are in its title.
 */
export function ChoroplethMap({
  boundaries,
  values,
  valueLabel,
  label,
  hrefFor,
}: {
  boundaries: KreisBoundaries['items'];
  values: readonly KreisValue[];
  valueLabel: string;
  label: string;
  hrefFor?: ((ags: string) => string) | undefined;
}) {
  const drawing = useMemo(() => {
    const features = boundaries.map((boundary) => ({
      type: 'Feature' as const,
      properties: { ags: boundary.ags },
      geometry: forD3(boundary.geometry),
    }));
    const collection = { type: 'FeatureCollection', features } as GeoPermissibleObjects;
    const projection = geoMercator().fitWidth(WIDTH - 2 * PADDING, collection);
    const path = geoPath(projection);
    const [[, top], [, bottom]] = path.bounds(collection);
    return {
      height: Math.ceil(bottom - top) + 2 * PADDING,
      top,
      shapes: boundaries.map((boundary, index) => ({
        ags: boundary.ags,
        name: boundary.name,
        d: path(features[index] as GeoPermissibleObjects) ?? '',
      })),
    };
  }, [boundaries]);
  const byAgs = new Map(values.map((value) => [value.ags, value]));
  // React's ids contain characters that url(#…) does not take.
  const hatchId = `hatch-${useId().replace(/[^\w-]/g, '')}`;

  return (
    <svg
      className="choropleth"
      viewBox={`0 ${drawing.top - PADDING} ${WIDTH} ${drawing.height}`}
      aria-label={label}
    >
      <title>{label}</title>
      <defs>
        {/* The hatching of "keine Angabe", as in the legend (NO_VALUE_BACKGROUND). */}
        <pattern
          id={hatchId}
          width={6}
          height={6}
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width={6} height={6} fill={NO_VALUE.fill} />
          <rect width={1.5} height={6} fill={NO_VALUE.hatch} />
        </pattern>
      </defs>
      {drawing.shapes.map((shape) => {
        const value = byAgs.get(shape.ags) ?? null;
        const share = value?.share ?? null;
        const title = `${value?.name ?? shape.name}: ${valueLabel} ${share === null ? 'keine Angabe' : formatShare(share)}`;
        const outline = (
          <path
            d={shape.d}
            fill={share === null ? `url(#${hatchId})` : colourOf(share).fill}
            stroke="#ffffff"
            strokeWidth={1}
            vectorEffect="non-scaling-stroke"
          >
            <title>{title}</title>
          </path>
        );
        const href = hrefFor?.(shape.ags);
        return href ? (
          <a
            key={shape.ags}
            href={href}
            aria-label={title}
            className="choropleth-link"
            onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              navigate(href);
            }}
          >
            {outline}
          </a>
        ) : (
          <g key={shape.ags}>{outline}</g>
        );
      })}
    </svg>
  );
}
