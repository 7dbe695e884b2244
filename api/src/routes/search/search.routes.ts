import { createRoute } from '@hono/zod-openapi';
import { SearchQuerySchema, SearchResultSchema } from '@ozg/shared';
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
