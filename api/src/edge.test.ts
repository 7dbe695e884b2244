import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, queryRows } from '@ozg/db';
import { ErrorBodySchema } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsvRoute } from './routes/statuses/statuses.routes';
import { webApp } from './server';
import { demoTestApp, readBody, signInAs, type TestApp, testApp } from './testing';

/** What happens at the edge, before any service runs: sign-in, input the database cannot hold, unknown paths. */
let database: Database;
let app: TestApp;
let statusId: number;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  const [row] = await queryRows<{ id: number }>(
    database.db,
    sql`select id from service_statuses order by id limit 1`,
  );
  statusId = row?.id as number;
});
afterAll(async () => {
  await database.close();
});

const anonymous = (method: string, path: string, body?: string, contentType = 'application/json') =>
  app.request(path, {
    method,
    headers: { 'content-type': contentType },
    ...(body === undefined ? {} : { body }),
  });

async function error(res: Response) {
  return ErrorBodySchema.parse(await res.json()).error;
}

describe('sign-in is checked before the input', () => {
  it('an anonymous PATCH /statuses/x gets 401, not 400 for the id', async () => {
    const res = await anonymous('PATCH', '/api/v1/statuses/x', '{"version": "no"}');
    expect(res.status).toBe(401);
    expect((await error(res)).code).toBe('unauthenticated');
  });

  it('anonymous writes with invalid bodies get 401, also with the wrong Content-Type', async () => {
    for (const [method, path] of [
      ['POST', '/api/v1/statuses/bulk'],
      ['PUT', '/api/v1/services/executing-levels'],
      ['POST', '/api/v1/consulting/modules'],
      ['POST', '/api/v1/users'],
    ] as const) {
      expect((await anonymous(method, path, '{"x": ')).status, path).toBe(401);
      expect((await anonymous(method, path, 'x', 'text/plain')).status, path).toBe(401);
    }
  });

  it('a role that may not use a route gets 403 whatever its body', async () => {
    const viewer = await signInAs(app, 'viewer');
    const res = await viewer.request('PUT', '/api/v1/services/executing-levels', '{"x": ', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(403);
    expect((await error(res)).code).toBe('forbidden');
    expect((await viewer.request('POST', '/api/v1/consulting/modules', { name: 1 })).status).toBe(403);
  });
});

describe('input the database cannot hold is refused with 400 naming the field', () => {
  const expectField = async (res: Response, field: string) => {
    expect(res.status).toBe(400);
    const body = await error(res);
    expect(body.code).toBe('validation_failed');
    expect((body.details as { path: string }[]).map((detail) => detail.path)).toContain(field);
    return body;
  };

  it('a NUL byte in a query and in a status note', async () => {
    await expectField(await app.request('/api/v1/search?q=a%00b'), 'q');
    const officer = await signInAs(app, 'admin');
    const res = await officer.request('PATCH', `/api/v1/statuses/${statusId}`, {
      version: 1,
      note: 'a\u0000b',
    });
    const body = await expectField(res, 'note');
    expect(JSON.stringify(body.details)).toContain('NUL');
  });

  it('a lone UTF-16 surrogate in a body', async () => {
    const admin = await signInAs(app, 'admin');
    // JSON.stringify writes the lone surrogate as the escape \ud800, which JSON.parse turns back into it.
    const res = await admin.request('POST', '/api/v1/consulting/modules', {
      name: 'Modul \uD800',
      area: 'ozg',
    });
    await expectField(res, 'name');
  });

  it('year-0000 dates and dates in the future for asOf, saying so', async () => {
    await expectField(await app.request('/api/v1/regions/06/progress?asOf=0000-01-01'), 'asOf');
    await expectField(await app.request('/api/v1/regions/06?asOf=0000-01-01'), 'asOf');
    const future = await expectField(
      await app.request('/api/v1/regions/06/progress?asOf=2999-01-01'),
      'asOf',
    );
    expect(JSON.stringify(future.details)).toContain('liegt in der Zukunft');
    const admin = await signInAs(app, 'admin');
    await expectField(
      await admin.request('PATCH', `/api/v1/statuses/${statusId}`, { version: 1, onlineSince: '0001-01-01' }),
      'onlineSince',
    );
  });

  it('integers of 2^31 and more in paths and bodies', async () => {
    await expectField(await app.request('/api/v1/services/2147483648/coverage?region=06'), 'ozgId');
    const admin = await signInAs(app, 'admin');
    await expectField(await admin.request('GET', '/api/v1/statuses/2147483648'), 'id');
    await expectField(
      await admin.request('POST', '/api/v1/statuses/bulk', {
        statuses: [{ id: 2 ** 31, version: 1 }],
        changes: { note: 'x' },
      }),
      'statuses.0.id',
    );
  });

  it('a NUL byte or a year-0000 date in an uploaded status CSV is a line error, not a 500', async () => {
    const officer = await signInAs(app, 'officer');
    const csv = await (
      await officer.request('GET', '/api/v1/regions/06435901/statuses.csv?format=plain')
    ).text();
    const [header, first] = csv.split('\n');
    const columns = (header ?? '').split(',');
    const cells = (first ?? '').split(',');
    cells[columns.indexOf('notiz')] = 'a\u0000b';
    cells[columns.indexOf('geplant_bis')] = '0000-01-01';
    const res = await officer.request(
      'POST',
      '/api/v1/regions/06435901/statuses.csv?mode=dry-run',
      `${header}\n${cells.join(',')}\n`,
      { 'content-type': 'text/csv' },
    );
    const result = await readBody(res, importCsvRoute, 200);
    expect(result.lines[0]?.errors?.map((e) => e.column).sort()).toEqual(['geplant_bis', 'notiz']);
  });
  it('a NUL byte in an uploaded file is refused with its line and column', async () => {
    const admin = await signInAs(app, 'admin');
    const res = await admin.request(
      'POST',
      '/api/v1/imports/boundaries',
      '{"type": "FeatureCollection",\n"features": ["\u0000"]}',
      { 'content-type': 'application/geo+json' },
    );
    expect(res.status).toBe(400);
    expect((await error(res)).message).toBe(
      'GeoJSON-Datei, Zeile 2, Spalte 15: Enthält das unzulässige Zeichen NUL (U+0000).',
    );
  });
});

describe('unknown paths and wrong Content-Types', () => {
  it('an unknown GET /api/v1 path answers the documented 404 JSON even when the web app is mounted', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'ozg-web-'));
    try {
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>OZG</title>');
      const withWeb = testApp(database, { web: webApp(dist) });
      const res = await withWeb.request('/api/v1/gibt-es-nicht');
      expect(res.status).toBe(404);
      expect((await error(res)).code).toBe('not_found');
      expect((await withWeb.request('/api/v1')).status).toBe(404);
      // The web app still answers its own paths (client-side routing).
      const page = await withWeb.request('/kommunen/06435901');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>OZG</title>');
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('a body that is no JSON answers 400 in German', async () => {
    const admin = await signInAs(app, 'admin');
    const res = await admin.request('POST', '/api/v1/statuses/bulk', '{"statuses": ', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(await error(res)).toEqual({
      code: 'validation_failed',
      message: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
    });
  });

  it('JSON with something after it, as JSON.parse words it in English, still answers in German', async () => {
    const admin = await signInAs(app, 'admin');
    const res = await admin.request('PATCH', `/api/v1/statuses/${statusId}`, '{"note": "x"} {"note": "y"}', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    const body = await error(res);
    expect(body.message).toBe('Der Inhalt der Anfrage ist kein gültiges JSON.');
    expect(JSON.stringify(body)).not.toMatch(/Unexpected|position/);
  });

  it('an unknown field is named in German, not as zod\'s "Unrecognized key"', async () => {
    const admin = await signInAs(app, 'admin');
    const res = await admin.request('PATCH', `/api/v1/statuses/${statusId}`, '{"bemerkung": "x"}', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    const text = JSON.stringify(await error(res));
    expect(text).not.toMatch(/Unrecognized|key/);
    expect(text).toContain('bemerkung');
    expect(text).toMatch(/Unbekannte/);
  });

  it('a wrong Content-Type answers 415 with the code unsupported_media_type and the expected type', async () => {
    const admin = await signInAs(app, 'admin');
    const json = await admin.request('PATCH', `/api/v1/statuses/${statusId}`, 'note=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(json.status).toBe(415);
    const body = await error(json);
    expect(body.code).toBe('unsupported_media_type');
    expect(body.message).toContain('application/json');
    const csv = await admin.request('POST', '/api/v1/regions/06435901/statuses.csv?mode=dry-run', '{}', {
      'content-type': 'application/json',
    });
    expect(csv.status).toBe(415);
    expect((await error(csv)).message).toContain('text/csv');
  });
});
