import { createRoute } from '@hono/zod-openapi';
import { ActivitySchema, RegionKeyParamSchema, SearchQuerySchema, SearchResultSchema } from '@ozg/shared';
import { z } from 'zod';
import { errorResponses, jsonContent } from '../../lib/router';

export const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  tags: ['Suche'],
  summary:
    'Sucht Gebiete nach Name, AGS oder ARS und Leistungen nach Name oder OZG-ID (je höchstens 10 Treffer; öffentlich)',
  request: { query: SearchQuerySchema },
  responses: { 200: jsonContent(SearchResultSchema, 'Treffer'), ...errorResponses(400) },
});

export const activityRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/activity',
  tags: ['Fortschritt'],
  summary:
    'Wie viele Zielleistungen der Kommunen eines Gebiets in den letzten Tagen (Standard: 30) geändert wurden (öffentlich)',
  request: {
    params: RegionKeyParamSchema,
    query: z.object({ days: z.coerce.number().int().min(1).max(366).optional() }),
  },
  responses: { 200: jsonContent(ActivitySchema, 'Aktualität'), ...errorResponses(400, 404) },
});
