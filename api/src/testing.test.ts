import { createRoute } from '@hono/zod-openapi';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { errorResponse, errorResponses, jsonContent } from './lib/router';
import { patchStatusRoute } from './routes/statuses/statuses.routes';
import { readBody } from './testing';

const route = createRoute({
  method: 'get',
  path: '/things/{id}',
  responses: {
    200: jsonContent(z.object({ id: z.number().int(), name: z.string() }), 'Ein Ding'),
    ...errorResponses(404),
  },
});

const answer = (status: number, body: unknown) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('readBody', () => {
  it("returns the body parsed with the route's schema for the status, typed by it", async () => {
    const thing = await readBody(answer(200, { id: 1, name: 'Musterbach' }), route, 200);
    expect(thing).toEqual({ id: 1, name: 'Musterbach' });
    expectTypeOf(thing).toEqualTypeOf<{ id: number; name: string }>();
    const missing = await readBody(
      answer(404, { error: { code: 'not_found', message: 'Fehlt.' } }),
      route,
      404,
    );
    expect(missing.error.code).toBe('not_found');
  });

  it('fails when a field is renamed, with the path of the mismatch', async () => {
    await expect(readBody(answer(200, { id: 1, title: 'Musterbach' }), route, 200)).rejects.toThrow(
      /GET \/things\/\{id\}: Antwort 200 passt nicht zum Schema der Route:[\s\S]*name/,
    );
  });

  it('fails when a field has another type', async () => {
    await expect(readBody(answer(200, { id: '1', name: 'Musterbach' }), route, 200)).rejects.toThrow(
      /passt nicht zum Schema[\s\S]*id/,
    );
  });

  it('fails when the status is another one, and shows what was answered', async () => {
    await expect(
      readBody(answer(404, { error: { code: 'not_found', message: 'Fehlt.' } }), route, 200),
    ).rejects.toThrow(/Status 404 statt 200: .*Fehlt\./);
  });

  it('fails when the answer is no JSON', async () => {
    await expect(readBody(answer(200, '<html>'), route, 200)).rejects.toThrow(/kein JSON/);
  });

  it("checks an error's details against the schema the route documents for them", async () => {
    const conflict = { error: { code: 'conflict', message: 'Geändert.', details: { current: [] } } };
    expect((await readBody(answer(409, conflict), patchStatusRoute, 409)).error.details.current).toEqual([]);
    const withoutRecords = { error: { code: 'conflict', message: 'Geändert.' } };
    await expect(readBody(answer(409, withoutRecords), patchStatusRoute, 409)).rejects.toThrow(
      /passt nicht zum Schema[\s\S]*details/,
    );
  });

  it('refuses a status for which the route documents no JSON body', async () => {
    const described = createRoute({
      method: 'delete',
      path: '/things/{id}',
      responses: { 204: { description: 'Entfernt' }, ...errorResponse(409, z.object({ x: z.number() })) },
    });
    await expect(readBody(new Response(null, { status: 204 }), described, 204)).rejects.toThrow(
      /kein JSON-Schema dokumentiert/,
    );
  });
});
