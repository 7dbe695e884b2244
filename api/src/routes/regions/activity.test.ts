import type { Database } from '@ozg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp } from '../../testing';
import { listStatusesRoute, patchStatusRoute } from '../statuses/statuses.routes';
import { activityRoute } from './regions.routes';

let database: Database;
let app: TestApp;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
});
afterAll(async () => {
  await database.close();
});

const activity = async (path: string) => readBody(await app.request(path), activityRoute, 200);

describe('GET /api/v1/regions/{key}/activity', () => {
  it('counts the target statuses changed in the last 30 days and one more after an edit', async () => {
    const before = await activity('/api/v1/regions/06435901/activity');
    expect(before.days).toBe(30);
    expect(before.targetServices).toBeGreaterThan(0);
    expect(before.updatedStatuses).toBeLessThan(before.targetServices);

    const officer = await signInAs(app, 'officer');
    const page = await readBody(
      await officer.request('GET', '/api/v1/regions/06435901/statuses?pageSize=200&sort=updatedAt&order=asc'),
      listStatusesRoute,
      200,
    );
    const oldest = page.items[0];
    if (!oldest) throw new Error('no status');
    await readBody(
      await officer.request('PATCH', `/api/v1/statuses/${oldest.id}`, {
        version: oldest.version,
        note: 'geprüft',
      }),
      patchStatusRoute,
      200,
    );

    const after = await activity('/api/v1/regions/06435901/activity');
    expect(after.updatedStatuses).toBe(before.updatedStatuses + 1);
    const land = await activity('/api/v1/regions/06/activity?days=7');
    expect(land.days).toBe(7);
    expect(land.targetServices).toBeGreaterThan(after.targetServices);
  });
});
