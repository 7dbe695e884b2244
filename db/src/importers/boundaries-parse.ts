import type { BoundaryGeometry } from '../schema/boundaries';
import { ImportFileError } from './errors';

/** One Kreis outline read from a GeoJSON file. */
export type KreisBoundary = { ags: string; name: string; geometry: BoundaryGeometry };

type Position = [number, number];

/**
 * Decimal places kept of a longitude or latitude: 4 places are about 7–11 m in
 * Germany, far finer than a Kreis map of a few hundred pixels shows, and make
 * the stored and served outlines about half as large as the VG250 originals.
 */
const COORDINATE_DECIMALS = 4;
const COORDINATE_FACTOR = 10 ** COORDINATE_DECIMALS;

/**
 * Reads a GeoJSON FeatureCollection of Kreis outlines (BKG VG250 KRS layer or
 * any file with the same properties): each feature needs the Kreis key in
 * `AGS` (5 digits; `RS` or `ARS` are taken when `AGS` is missing), a name in
 * `GEN`, and a Polygon or MultiPolygon in WGS84 longitude/latitude. Several
 * features of one Kreis (VG250 splits some by land and water areas) are joined
 * into one MultiPolygon. Throws at the first problem, naming the feature.
 */
export function parseBoundaries(text: string, fileName: string): KreisBoundary[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportFileError(
      fileName,
      lineOfJsonError(text, error as Error),
      `kein gültiges JSON: ${(error as Error).message}`,
    );
  }
  if (!isObject(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    throw new ImportFileError(
      fileName,
      null,
      'keine GeoJSON-FeatureCollection (erwartet: {"type": "FeatureCollection", "features": [...]})',
    );
  }
  const crsName = isObject(data.crs) && isObject(data.crs.properties) ? data.crs.properties.name : undefined;
  if (typeof crsName === 'string' && !/CRS84|EPSG:+4326/i.test(crsName)) {
    throw new ImportFileError(
      fileName,
      null,
      `Koordinatensystem ${crsName} wird nicht unterstützt; erwartet WGS84 (Längen-/Breitengrad, EPSG:4326). ` +
        'Umwandeln z. B. mit: ogr2ogr -t_srs EPSG:4326 kreise.geojson VG250_KRS.shp',
    );
  }
  if (data.features.length === 0) throw new ImportFileError(fileName, null, 'die Datei enthält keine Kreise');

  const lines = featureLines(text, data.features.length);
  const byAgs = new Map<string, KreisBoundary & { place: string }>();
  data.features.forEach((feature: unknown, index: number) => {
    const line = lines?.[index] ?? null;
    const properties = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
    const key = [properties.AGS, properties.RS, properties.ARS].find((value) => value !== undefined);
    const ags = typeof key === 'number' ? String(key).padStart(5, '0') : key;
    const place = `Objekt ${index + 1}${typeof ags === 'string' && ags ? ` (AGS ${ags})` : ''}`;
    const fail = (problem: string): never => {
      throw new ImportFileError(fileName, line, problem, place);
    };
    if (!isObject(feature) || feature.type !== 'Feature') fail('kein GeoJSON-Feature');
    if (typeof ags !== 'string' || !/^\d{5}$/.test(ags)) {
      fail(
        `Eigenschaft AGS fehlt oder ist kein fünfstelliger Kreisschlüssel (gefunden: ${JSON.stringify(key)})`,
      );
    }
    const name = typeof properties.GEN === 'string' ? properties.GEN.trim() : '';
    if (!name) fail('Eigenschaft GEN (Name des Kreises) fehlt');
    const polygons = readPolygons((feature as { geometry?: unknown }).geometry, fail);
    const existing = byAgs.get(ags as string);
    if (existing) {
      if (existing.name !== name) {
        fail(`AGS ${ags} steht schon in ${existing.place} mit dem Namen "${existing.name}", hier "${name}"`);
      }
      existing.geometry = {
        type: 'MultiPolygon',
        coordinates: [...polygonsOf(existing.geometry), ...polygons],
      };
      return;
    }
    byAgs.set(ags as string, {
      ags: ags as string,
      name,
      place,
      geometry:
        polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0] as Position[][] }
          : { type: 'MultiPolygon', coordinates: polygons },
    });
  });
  return [...byAgs.values()].map(({ place: _place, ...boundary }) => boundary);
}

function polygonsOf(geometry: BoundaryGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The polygons of a geometry, checked and with coordinates rounded (see COORDINATE_DECIMALS). */
function readPolygons(geometry: unknown, fail: (problem: string) => never): Position[][][] {
  if (!isObject(geometry)) return fail('Geometrie fehlt');
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    return fail(`Geometrie vom Typ ${String(geometry.type)}; erwartet Polygon oder MultiPolygon`);
  }
  const raw = geometry.coordinates;
  if (!Array.isArray(raw) || raw.length === 0) return fail('Geometrie ohne Koordinaten');
  const polygons = (geometry.type === 'Polygon' ? [raw] : raw) as unknown[];
  return polygons.map((polygon, polygonIndex) => {
    if (!Array.isArray(polygon) || polygon.length === 0) {
      return fail(`Polygon ${polygonIndex + 1} hat keine Ringe`);
    }
    return polygon.map((ring: unknown, ringIndex) => {
      const where = `Polygon ${polygonIndex + 1}, Ring ${ringIndex + 1}`;
      if (!Array.isArray(ring)) return fail(`${where}: keine Liste von Punkten`);
      const rounded: Position[] = [];
      for (const point of ring as unknown[]) {
        if (
          !Array.isArray(point) ||
          point.length < 2 ||
          typeof point[0] !== 'number' ||
          typeof point[1] !== 'number' ||
          !Number.isFinite(point[0]) ||
          !Number.isFinite(point[1])
        ) {
          return fail(`${where}: Punkt ${JSON.stringify(point)} ist kein Koordinatenpaar`);
        }
        const [longitude, latitude] = point as [number, number];
        if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) {
          return fail(
            `${where}: Punkt [${longitude}, ${latitude}] liegt nicht in Längen-/Breitengrad (WGS84); ` +
              'die Datei ist wohl in einem projizierten System (z. B. UTM, EPSG:25832) und muss nach EPSG:4326 umgewandelt werden',
          );
        }
        const next: Position = [round(longitude), round(latitude)];
        const previous = rounded[rounded.length - 1];
        if (!previous || previous[0] !== next[0] || previous[1] !== next[1]) rounded.push(next);
      }
      // A closed ring needs three distinct corners and the closing point.
      if (rounded.length < 4) return fail(`${where}: weniger als vier Punkte`);
      return rounded;
    });
  });
}

function round(value: number): number {
  return Math.round(value * COORDINATE_FACTOR) / COORDINATE_FACTOR;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The line on which each feature starts, when the file writes them one per line
 * or pretty-printed (VG250 exports do); null for a file on one line, where a
 * line number would say nothing.
 */
function featureLines(text: string, count: number): number[] | null {
  const starts: number[] = [];
  const pattern = /"type"\s*:\s*"Feature"/g;
  let line = 1;
  let position = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    for (; position < match.index; position++) if (text.charCodeAt(position) === 10) line++;
    starts.push(line);
  }
  if (starts.length !== count || new Set(starts).size < 2) return null;
  return starts;
}

/** V8 names the character position of a syntax error ("… at position 123"). */
function lineOfJsonError(text: string, error: Error): number | null {
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return null;
  return text.slice(0, Number(position)).split('\n').length;
}
