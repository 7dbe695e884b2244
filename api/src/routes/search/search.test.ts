import type { Database } from '@ozg/db';
import type { Activity, ErrorBody, SearchResult } from '@ozg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, signInAs, type TestApp } from '../../testing';

let database: Database;
let app: TestApp;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
});
afterAll(async () => {
  await database.close();
});

const searchFor = async (q: string) => {
  const res = await app.request(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchResult;
};

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
    const res = await app.request('/api/v1/search?q=a');
    expect(res.status).toBe(400);
    expect(JSON.stringify(((await res.json()) as ErrorBody).error)).toContain('Mindestens 2 Zeichen');
  });
});

describe('GET /api/v1/regions/{key}/activity', () => {
  it('counts the target statuses changed in the last 30 days and one more after an edit', async () => {
    const before = (await (await app.request('/api/v1/regions/06435901/activity')).json()) as Activity;
    expect(before.days).toBe(30);
    expect(before.targetServices).toBeGreaterThan(0);
    expect(before.updatedStatuses).toBeLessThan(before.targetServices);

    const officer = await signInAs(app, 'officer');
    const page = (await (
      await officer.request('GET', '/api/v1/regions/06435901/statuses?pageSize=200&sort=updatedAt&order=asc')
    ).json()) as { items: { id: number; version: number }[] };
    const oldest = page.items[0];
    if (!oldest) throw new Error('no status');
    expect(
      (
        await officer.request('PATCH', `/api/v1/statuses/${oldest.id}`, {
          version: oldest.version,
          note: 'geprüft',
        })
      ).status,
    ).toBe(200);

    const after = (await (await app.request('/api/v1/regions/06435901/activity')).json()) as Activity;
    expect(after.updatedStatuses).toBe(before.updatedStatuses + 1);
    const land = (await (await app.request('/api/v1/regions/06/activity?days=7')).json()) as Activity;
    expect(land.days).toBe(7);
    expect(land.targetServices).toBeGreaterThan(after.targetServices);
  });
});
