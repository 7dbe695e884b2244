import type { Database } from '@ozg/db';
import { importGv100 } from '@ozg/db/importers';
import { createDemoTestDatabase, createTestDatabase, readOfficialFile, sampleGv100 } from '@ozg/db/testing';
import { ErrorBodySchema } from '@ozg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { readBody } from '../../testing';
import { getHealthRoute } from '../health/health.routes';
import { getRegionRoute, listChildrenRoute } from './regions.routes';

describe('regions API on the official directory of Hessen', () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await importGv100({
      database,
      text: readOfficialFile('GV100AD_301123.txt'),
      fileName: 'GV100AD_301123.txt',
      land: '06',
    });
    app = createApp(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it('GET /api/v1/regions/06 returns Hessen with its Bezirke, Kreise, Gemeinden and population', async () => {
    const body = await readBody(await app.request('/api/v1/regions/06'), getRegionRoute, 200);
    expect(body).toMatchObject({
      ags: '06',
      name: 'Hessen',
      level: 'land',
      kind: 'land',
      population: 6_391_360,
      parent: null,
      descendants: { bezirke: 3, kreise: 26, gemeinden: 421 },
    });
  });

  it('GET /api/v1/regions/06412 returns Frankfurt am Main as a kreisfreie Stadt with one Gemeinde', async () => {
    const body = await readBody(await app.request('/api/v1/regions/06412'), getRegionRoute, 200);
    expect(body).toMatchObject({
      name: 'Frankfurt am Main, Stadt',
      level: 'kreis',
      kind: 'kreisfreie_stadt',
      population: 773_068,
      descendants: { bezirke: 0, kreise: 0, gemeinden: 1 },
      ancestors: [
        { ags: '06', level: 'land' },
        { ags: '064', level: 'bezirk' },
      ],
    });
  });

  it('GET /api/v1/regions/064350014014 finds Hanau by its ARS, a Sonderstatusstadt in the Main-Kinzig-Kreis', async () => {
    const body = await readBody(await app.request('/api/v1/regions/064350014014'), getRegionRoute, 200);
    expect(body).toMatchObject({
      ags: '06435014',
      level: 'gemeinde',
      kind: 'stadt',
      sonderstatus: true,
      population: 101_364,
    });
    expect(body.parent).toEqual({
      ags: '06435',
      name: 'Main-Kinzig-Kreis',
      level: 'kreis',
      kind: 'landkreis',
    });
  });

  it('GET /api/v1/regions/06/children lists the three Regierungsbezirke with their population', async () => {
    const body = await readBody(await app.request('/api/v1/regions/06/children'), listChildrenRoute, 200);
    expect(body.children.map((child) => child.ags)).toEqual(['064', '065', '066']);
    expect(body.children.reduce((sum, child) => sum + (child.population ?? 0), 0)).toBe(6_391_360);
  });

  it('GET /api/v1/regions/06/children?level=kreis lists all 26 Kreise sorted by name', async () => {
    const body = await readBody(
      await app.request('/api/v1/regions/06/children?level=kreis'),
      listChildrenRoute,
      200,
    );
    expect(body.children).toHaveLength(26);
    const names = body.children.map((child) => child.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
    expect(body.children.filter((child) => child.kind === 'kreisfreie_stadt')).toHaveLength(5);
  });

  it('answers an unknown key with 404 and a malformed key with 400, in the error shape', async () => {
    const missing = await readBody(await app.request('/api/v1/regions/06999'), getRegionRoute, 404);
    expect(missing.error.code).toBe('not_found');
    expect(missing.error.message).toMatch(/06999/);
    const malformed = await readBody(await app.request('/api/v1/regions/0641'), getRegionRoute, 400);
    expect(malformed.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'key' }] });
    const badDate = await readBody(
      await app.request('/api/v1/regions/06?asOf=2022-13-45'),
      getRegionRoute,
      400,
    );
    expect(badDate.error.details).toEqual([expect.objectContaining({ path: 'asOf' })]);
  });
});

describe('regions API as of a date', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'alt.txt' });
    await importGv100({
      database,
      text: sampleGv100({ date: '20260101', moveStadtToOwnKreis: true }),
      fileName: 'neu.txt',
    });
  });
  afterAll(async () => {
    await database.close();
  });

  it('uses the territory of the date: the Landkreis had three Gemeinden before the town left, two after', async () => {
    const app = createApp(database);
    const before = await readBody(
      await app.request('/api/v1/regions/99131?asOf=2025-12-31'),
      getRegionRoute,
      200,
    );
    const after = await readBody(
      await app.request('/api/v1/regions/99131?asOf=2026-01-01'),
      getRegionRoute,
      200,
    );
    expect(before.descendants.gemeinden).toBe(3);
    expect(before.population).toBe(66_500);
    expect(after.descendants.gemeinden).toBe(2);
    expect(after.population).toBe(6_500);
    const newKreis = await app.request('/api/v1/regions/99102?asOf=2025-12-31');
    expect(newKreis.status).toBe(404);
  });
});

describe('health and API description', () => {
  it('reports the database kind, migrations and that demo data is shown', async () => {
    // A copy of the run's seeded demo template: seeding here again took longer than the test timeout on a busy machine.
    const database = await createDemoTestDatabase();
    try {
      const app = createApp(database);
      const health = await readBody(await app.request('/api/v1/health'), getHealthRoute, 200);
      expect(health).toMatchObject({
        status: 'ok',
        dataset: 'demo',
        database: { migrations: { upToDate: true } },
      });
      expect(['pglite', 'postgres']).toContain(health.database.kind);

      const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/health', '/regions/{key}', '/regions/{key}/children']),
      );
      expect(doc.paths['/regions/{key}']?.get?.responses['404']).toBeDefined();
      const docs = await app.request('/api/docs');
      expect(await docs.text()).toContain('swagger-ui');
      expect(docs.headers.get('content-security-policy')).toContain("default-src 'self'");
      const unknown = await app.request('/api/v1/nothing-here');
      expect(unknown.status).toBe(404);
      expect(ErrorBodySchema.parse(await unknown.json()).error.code).toBe('not_found');
    } finally {
      await database.close();
    }
  });
});
