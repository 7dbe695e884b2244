import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../client';
import { preparedTestDatabases, readOfficialFile } from '../testing/index';
import { importBoundaries } from './boundaries';
import { parseBoundaries } from './boundaries-parse';
import { ImportFileError } from './errors';
import { importGv100 } from './gv100';

/**
 * Each test that writes gets its own copy of one database holding the official directory of Hessen:
 * the GV100AD is imported once per file, not once per test.
 */
const withHessen = preparedTestDatabases(async (database) => {
  await importGv100({
    database,
    text: readOfficialFile('GV100AD_301123.txt'),
    fileName: 'GV100AD',
    land: '06',
  });
});
afterAll(() => withHessen.dispose());

let database: Database;
/** For the tests that use a database (the parser's own tests need none). */
function useHessenDatabase() {
  beforeEach(async () => {
    database = await withHessen.create();
  });
  afterEach(async () => {
    await database.close();
  });
}

const hessen = () => ({ text: readOfficialFile('hessen-kreise.geojson'), fileName: 'hessen-kreise.geojson' });

async function storedKeys(): Promise<string[]> {
  const rows = await queryRows<{ ags: string }>(
    database.db,
    sql`select ags from kreis_boundaries order by ags`,
  );
  return rows.map((row) => row.ags);
}

/** A square around a point, as a feature of a VG250-like file. */
function square(ags: string, name: string, [x, y]: [number, number], size = 0.1) {
  return {
    type: 'Feature',
    properties: { AGS: ags, GEN: name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ],
      ],
    },
  };
}
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('boundaries import of the official VG250 Kreis outlines', () => {
  useHessenDatabase();

  it('stores the outlines of all 26 Hessian Kreise, each matching a Kreis of the directory', async () => {
    const summary = await importBoundaries({ database, ...hessen() });
    expect(summary).toEqual({ imported: 26, laender: ['06'], skippedOtherLaender: 0, missing: [] });
    const keys = await storedKeys();
    expect(keys).toHaveLength(26);
    expect(keys).toContain('06412');
    const [frankfurt] = await queryRows<{ type: string; name: string }>(
      database.db,
      sql`select geometry->>'type' as type, name from kreis_boundaries where ags = '06412'`,
    );
    expect(frankfurt).toEqual({ type: 'Polygon', name: 'Frankfurt am Main' });
  });

  it('takes only the Hessian Kreise from the file of all of Germany and counts the others', async () => {
    const summary = await importBoundaries({
      database,
      text: readOfficialFile('de-kreise.geojson'),
      fileName: 'de-kreise.geojson',
    });
    expect(summary.imported).toBe(26);
    expect(summary.skippedOtherLaender).toBe(401 - 26);
    expect(await storedKeys()).toHaveLength(26);
  });

  it('replaces the outlines of a Land on a second import and reports Kreise left without one', async () => {
    await importBoundaries({ database, ...hessen() });
    const only = collection(square('06411', 'Darmstadt', [8.6, 49.85]));
    const summary = await importBoundaries({ database, text: only, fileName: 'darmstadt.geojson' });
    expect(summary.imported).toBe(1);
    expect(summary.missing).toHaveLength(25);
    expect(summary.missing[0]).toEqual({ ags: '06412', name: 'Frankfurt am Main, Stadt' });
    expect(await storedKeys()).toEqual(['06411']);
  });
});

describe('boundaries import of malformed files', () => {
  useHessenDatabase();

  async function expectRefused(text: string, message: RegExp) {
    await importBoundaries({ database, ...hessen() });
    const error = await importBoundaries({ database, text, fileName: 'kreise.geojson' }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(message);
    // All or nothing: the outlines loaded before are untouched.
    expect(await storedKeys()).toHaveLength(26);
  }

  it('refuses a Kreis key of a loaded Land that the directory does not know', () =>
    expectRefused(
      collection(square('06411', 'Darmstadt', [8.6, 49.85]), square('06499', 'Nirgendwo', [9, 50])),
      /^kreise\.geojson: der Kreis 06499 \(Nirgendwo\) steht nicht im Gemeindeverzeichnis/,
    ));

  it('refuses projected coordinates and names the feature', () =>
    expectRefused(
      collection(
        square('06411', 'Darmstadt', [8.6, 49.85]),
        square('06412', 'Frankfurt', [475_000, 5_550_000]),
      ),
      /^kreise\.geojson: Objekt 2 \(AGS 06412\): Polygon 1, Ring 1: Punkt \[475000, 5550000\] liegt nicht in Längen-\/Breitengrad/,
    ));

  it('refuses a file that is not JSON, with the line of the mistake', () =>
    expectRefused(
      '{"type": "FeatureCollection",\n"features": [\n{"type": "Feature",]}',
      /^kreise\.geojson:3: kein gültiges JSON/,
    ));

  it('refuses a feature without a Kreis key', () =>
    expectRefused(
      collection({ ...square('06411', 'Darmstadt', [8.6, 49.85]), properties: { GEN: 'Darmstadt' } }),
      /Objekt 1: Eigenschaft AGS fehlt/,
    ));

  it('refuses a file in another coordinate system', () =>
    expectRefused(
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } },
        features: [square('06411', 'Darmstadt', [8.6, 49.85])],
      }),
      /Koordinatensystem urn:ogc:def:crs:EPSG::25832 wird nicht unterstützt/,
    ));

  it('refuses a file none of whose Kreise belongs to a Land of the database', () =>
    expectRefused(
      collection(square('01001', 'Flensburg', [9.4, 54.8])),
      /kein Kreis der Datei gehört zu einem Land/,
    ));
});

describe('parseBoundaries', () => {
  it('joins the features of one Kreis into a MultiPolygon and rounds coordinates to 4 places', () => {
    const [kreis] = parseBoundaries(
      collection(square('06411', 'Darmstadt', [8.123456, 49.1]), square('06411', 'Darmstadt', [8.5, 49.5])),
      'x.geojson',
    );
    expect(kreis?.geometry.type).toBe('MultiPolygon');
    expect(kreis?.geometry.coordinates).toHaveLength(2);
    expect(JSON.stringify(kreis?.geometry)).toContain('[8.1235,49.1]');
  });

  it('names the line of a feature in a file written one feature per line', () => {
    const text = `{"type":"FeatureCollection","features":[\n${JSON.stringify(square('06411', 'D', [8, 49]))},\n${JSON.stringify({ ...square('06412', 'F', [8, 50]), geometry: { type: 'Point', coordinates: [8, 50] } })}\n]}`;
    expect(() => parseBoundaries(text, 'x.geojson')).toThrow(
      'x.geojson:3: Objekt 2 (AGS 06412): Geometrie vom Typ Point; erwartet Polygon oder MultiPolygon',
    );
  });
});
