import type { Database } from '@ozg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, type TestApp } from '../../testing';
import { listBoundariesRoute } from './regions.routes';

let database: Database;
let app: TestApp;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
});
afterAll(async () => {
  await database.close();
});

// Reading outlines after an upload is tested with the upload (routes/imports).
describe('GET /api/v1/regions/{key}/boundaries', () => {
  it('lists all 26 Kreise of the demo as missing before any outline is imported', async () => {
    const body = await readBody(await app.request('/api/v1/regions/06/boundaries'), listBoundariesRoute, 200);
    expect(body.items).toEqual([]);
    expect(body.missing).toHaveLength(26);
    expect(body.source).toBeNull();
  });

  it('answers 404 for a region that does not exist', async () => {
    const body = await readBody(await app.request('/api/v1/regions/07/boundaries'), listBoundariesRoute, 404);
    expect(body.error.code).toBe('not_found');
  });
});
