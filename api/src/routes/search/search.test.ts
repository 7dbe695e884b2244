import type { Database } from '@ozg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, type TestApp } from '../../testing';
import { searchRoute } from './search.routes';

let database: Database;
let app: TestApp;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
});
afterAll(async () => {
  await database.close();
});

const searchFor = async (q: string) =>
  readBody(await app.request(`/api/v1/search?q=${encodeURIComponent(q)}`), searchRoute, 200);

describe('GET /api/v1/search', () => {
  it('finds regions by part of the name: the exact name first, then names starting with it, higher levels first', async () => {
    const result = await searchFor('kassel');
    expect(result.regions.map((region) => [region.level, region.ags])).toEqual([
      ['kreis', '06633'],
      ['kreis', '06611'],
      ['gemeinde', '06611000'],
      ['bezirk', '066'],
    ]);
    expect(result.regions[0]?.parentName).toBe('Regierungsbezirk Kassel');
    expect(result.more.regions).toBe(false);
  });

  it('finds a region by AGS prefix and by ARS, and a service by OZG-ID', async () => {
    const byAgs = await searchFor('06435');
    expect(byAgs.regions[0]).toMatchObject({ ags: '06435', level: 'kreis', name: 'Main-Kinzig-Kreis' });
    expect(byAgs.regions.every((region) => region.ags.startsWith('06435'))).toBe(true);
    const byArs = await searchFor(byAgs.regions[1]?.ars ?? 'x');
    expect(byArs.regions[0]?.ags).toBe(byAgs.regions[1]?.ags);
    const services = (await searchFor('Wohngeld')).services;
    expect(services.length).toBeGreaterThan(0);
    const byId = await searchFor(String(services[0]?.ozgId));
    expect(byId.services[0]).toEqual(services[0]);
  });

  it('limits each list to 10 hits and says when there are more', async () => {
    const result = await searchFor('06');
    expect(result.regions).toHaveLength(10);
    expect(result.more.regions).toBe(true);
  });

  it('answers 400 with a German message for a query shorter than 2 characters', async () => {
    const body = await readBody(await app.request('/api/v1/search?q=a'), searchRoute, 400);
    expect(JSON.stringify(body.error)).toContain('Mindestens 2 Zeichen');
  });
});
