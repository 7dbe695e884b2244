import type { BoundaryGeometry } from '@ozg/shared';
import { type GeoPermissibleObjects, geoArea } from 'd3-geo';

type Ring = [number, number][];

/**
 * d3-geo reads polygons on the sphere: an outline must run clockwise, or it
 * encloses the rest of the world. GeoJSON files (RFC 7946, GDAL exports) draw
 * outer rings counter-clockwise; a polygon whose area exceeds a hemisphere is
 * therefore turned round, ring by ring.
 */
export function forD3(geometry: BoundaryGeometry): BoundaryGeometry {
  const fix = (polygon: Ring[]): Ring[] =>
    geoArea({ type: 'Polygon', coordinates: polygon } as GeoPermissibleObjects) > 2 * Math.PI
      ? polygon.map((ring) => [...ring].reverse())
      : polygon;
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: fix(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(fix) };
}
