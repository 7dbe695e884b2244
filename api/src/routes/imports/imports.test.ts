import type { Database } from '@ozg/db';
import { createTestDatabase, readOfficialFile } from '@ozg/db/testing';
import { ImportStreamLineSchema } from '@ozg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoTestApp,
  readBody,
  signIn,
  signInAs,
  type TestApp,
  type TestClient,
  testApp,
} from '../../testing';
import { listBoundariesRoute } from '../regions/regions.routes';
import {
  importBoundariesRoute,
  importCatalogRoute,
  importGv100Route,
  importSuccessorsRoute,
} from './imports.routes';

describe('uploads into the demo', () => {
  let database: Database;
  let app: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    ({ database, app } = await demoTestApp());
    admin = await signInAs(app, 'admin');
  });
  afterAll(async () => {
    await database.close();
  });

  it('POST /imports/boundaries stores the Hessian outlines beside the demo, and the map reads them', async () => {
    const res = await admin.request(
      'POST',
      '/api/v1/imports/boundaries?fileName=hessen-kreise.geojson',
      readOfficialFile('hessen-kreise.geojson'),
      { 'content-type': 'application/geo+json' },
    );
    const result = await readBody(res, importBoundariesRoute, 200);
    expect(result.summary[0]).toBe('Kreisgrenzen übernommen: 26 Kreise (Land 06).');

    const boundaries = await readBody(
      await app.request('/api/v1/regions/06/boundaries'),
      listBoundariesRoute,
      200,
    );
    expect(boundaries.items).toHaveLength(26);
    expect(boundaries.missing).toEqual([]);
    expect(boundaries.source?.fileName).toBe('hessen-kreise.geojson');
    // A Regierungsbezirk gets its own Kreise only (Darmstadt: 064xx).
    const darmstadt = await readBody(
      await app.request('/api/v1/regions/064/boundaries'),
      listBoundariesRoute,
      200,
    );
    expect(darmstadt.items.length).toBeGreaterThan(5);
    expect(darmstadt.items.every((item) => item.ags.startsWith('064'))).toBe(true);
  });

  it('POST /imports/boundaries answers 422 with the place of the mistake and keeps the outlines', async () => {
    const broken = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { AGS: '06411', GEN: 'Darmstadt' }, geometry: null }],
    });
    const res = await admin.request('POST', '/api/v1/imports/boundaries?fileName=kaputt.geojson', broken);
    const body = await readBody(res, importBoundariesRoute, 422);
    expect(body.error.message).toBe(
      'Die Datei wurde nicht übernommen: kaputt.geojson: Objekt 1 (AGS 06411): Geometrie fehlt',
    );
    expect(body.error.details).toEqual({
      file: 'kaputt.geojson',
      line: null,
      column: 'Objekt 1 (AGS 06411)',
      problem: 'Geometrie fehlt',
    });
    const boundaries = await readBody(
      await app.request('/api/v1/regions/06/boundaries'),
      listBoundariesRoute,
      200,
    );
    expect(boundaries.items).toHaveLength(26);
  });

  it('POST /imports/boundaries?progress=stream reports progress line by line and the outcome last', async () => {
    const res = await admin.request(
      'POST',
      '/api/v1/imports/boundaries?progress=stream&fileName=hessen-kreise.geojson',
      readOfficialFile('hessen-kreise.geojson'),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((line) => ImportStreamLineSchema.parse(JSON.parse(line)));
    const progress = lines.filter((line) => 'progress' in line);
    expect(progress.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toEqual({
      status: 200,
      body: { kind: 'boundaries', summary: ['Kreisgrenzen übernommen: 26 Kreise (Land 06).'] },
    });

    const refused = await admin.request(
      'POST',
      '/api/v1/imports/boundaries?progress=stream&fileName=leer.geojson',
      '{"type": "FeatureCollection", "features": []}',
    );
    const last = ImportStreamLineSchema.parse(
      JSON.parse((await refused.text()).trim().split('\n').at(-1) ?? ''),
    );
    expect(last).toMatchObject({ status: 422, body: { error: { code: 'unprocessable' } } });
  });

  it('POST /imports/gv100 refuses to mix official data into the demo unless told to replace it', async () => {
    const res = await admin.request(
      'POST',
      '/api/v1/imports/gv100?land=06',
      readOfficialFile('GV100AD_301123.txt'),
    );
    expect((await readBody(res, importGv100Route, 422)).error.message).toMatch(
      /^Der Import wurde abgelehnt: Die Datenbank enthält Demo-Daten/,
    );
  });

  it('only an admin may upload', async () => {
    const viewer = await signInAs(app, 'viewer');
    const res = await viewer.request('POST', '/api/v1/imports/boundaries', '{}');
    expect(res.status).toBe(403);
    const anonymous = await app.request('/api/v1/imports/boundaries', { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
  });

  it('POST /imports/catalog names the file, line and column of a malformed line', async () => {
    const form = new FormData();
    form.set(
      'ozg',
      new File(['ozg_id,name,lebenslage,themenfeld\n12,Kurz,Leben,Bauen & Wohnen\n'], 'ozg.csv'),
    );
    form.set('leika', new File(['leika_key,name,leika_typ,ozg_id\n'], 'leika.csv'));
    const res = await admin.request('POST', '/api/v1/imports/catalog?replaceDemo=true', form);
    const body = await readBody(res, importCatalogRoute, 422);
    expect(body.error.details).toEqual({
      file: 'ozg.csv',
      line: 2,
      column: 'ozg_id',
      problem: '"12" ist keine fünfstellige OZG-ID',
    });
    // All or nothing: the demo with its users is still there.
    expect((await signInAs(app, 'viewer')).csrfToken).toBeTruthy();
  });
});

describe('uploads of the official files into an empty installation', () => {
  let database: Database;
  let app: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = testApp(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it('imports the GV100AD of Hessen, then the catalogue, then the boundaries', async () => {
    const { createUser } = await import('../../services/users');
    await createUser({
      db: database.db,
      email: 'referat@land.example',
      role: 'admin',
      regionKeys: [],
      password: 'ein-langes-passwort',
    });
    const admin = await signIn(app, 'referat@land.example', 'ein-langes-passwort');
    const gv100 = await admin.request(
      'POST',
      '/api/v1/imports/gv100?land=06&fileName=GV100AD_301123.txt',
      readOfficialFile('GV100AD_301123.txt'),
    );
    const gv100Result = await readBody(gv100, importGv100Route, 200);
    expect(gv100Result.summary[0]).toBe('Gemeindeverzeichnis mit Gebietsstand 30.11.2023 übernommen.');
    expect(gv100Result.summary[1]).toContain('Kreis: 26');

    const form = new FormData();
    form.set('ozg', new File([readOfficialFile('ozg-leistungen.csv')], 'ozg-leistungen.csv'));
    form.set('leika', new File([readOfficialFile('leika-leistungen.csv')], 'leika-leistungen.csv'));
    const catalog = await admin.request('POST', '/api/v1/imports/catalog', form);
    expect((await readBody(catalog, importCatalogRoute, 200)).summary[0]).toMatch(
      /^Katalog übernommen: 557 OZG-Leistungen/,
    );

    const boundaries = await admin.request(
      'POST',
      '/api/v1/imports/boundaries',
      readOfficialFile('de-kreise.geojson'),
    );
    expect((await readBody(boundaries, importBoundariesRoute, 200)).summary).toEqual([
      'Kreisgrenzen übernommen: 26 Kreise (Land 06).',
      'Übersprungen: 375 Kreise anderer Länder.',
    ]);
    // The catalogue import builds the target sets of 421 Gemeinden: slow on a busy 2-core machine.
  }, 120_000);

  it('POST /imports/successors loads a successor list, and refuses a malformed one with its line and column', async () => {
    const admin = await signIn(app, 'referat@land.example', 'ein-langes-passwort');
    const ok = await admin.request(
      'POST',
      '/api/v1/imports/successors?fileName=aenderungen.csv',
      'old_ags,new_ags,date,kind\n06435014,06415000,01.01.2026,Schlüsseländerung\n',
    );
    expect((await readBody(ok, importSuccessorsRoute, 200)).summary[0]).toBe(
      'Nachfolgerliste übernommen: 1 Einträge (1 Schlüsseländerungen, 0 Zusammenschlüsse, 0 Aufteilungen).',
    );
    const bad = await admin.request(
      'POST',
      '/api/v1/imports/successors?fileName=kaputt.csv',
      'old_ags,new_ags,date,kind\n06435014,06415000,01.01.2026,Umzug\n',
    );
    const body = await readBody(bad, importSuccessorsRoute, 422);
    expect(body.error.details).toMatchObject({ file: 'kaputt.csv', line: 2, column: 'kind' });
  });
});
