import { createRoute } from '@hono/zod-openapi';
import {
  ChildrenProgressSchema,
  CoverageSchema,
  PROGRESS_SORTS,
  ProgressSeriesSchema,
  RegionKeyParamSchema,
  RegionProgressSchema,
} from '@ozg/shared';
import { z } from 'zod';
import { errorResponses, jsonContent } from '../../lib/router';
import { AsOfQuerySchema } from '../regions/regions.routes';

export const progressRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/progress',
  tags: ['Fortschritt'],
  summary:
    'Fortschritt eines Gebiets heute: Zielleistungen, Reifegrade, OZG-konformer Anteil (auch nach Einwohnern), Stand zur Frist 31.12.2022, überfällige Leistungen, je Themenfeld (öffentlich)',
  request: { params: RegionKeyParamSchema, query: AsOfQuerySchema },
  responses: { 200: jsonContent(RegionProgressSchema, 'Kennzahlen'), ...errorResponses(400, 404) },
});

export const childrenProgressRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/children/progress',
  tags: ['Fortschritt'],
  summary: 'Die untergeordneten Gebiete mit ihren Kennzahlen und ihrem Rang (öffentlich)',
  request: {
    params: RegionKeyParamSchema,
    query: AsOfQuerySchema.extend({
      sort: z.enum(PROGRESS_SORTS).optional(),
      order: z.enum(['asc', 'desc']).optional(),
    }),
  },
  responses: {
    200: jsonContent(ChildrenProgressSchema, 'Kennzahlen je Gebiet'),
    ...errorResponses(400, 404),
  },
});

export const seriesRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/progress/series',
  tags: ['Fortschritt'],
  summary:
    'Verlauf des OZG-konformen Anteils (monatlich, täglich für 90 Tage) aus den Ereignissen, Stand zur Frist, Prognose (öffentlich)',
  request: { params: RegionKeyParamSchema },
  responses: { 200: jsonContent(ProgressSeriesSchema, 'Verlauf und Prognose'), ...errorResponses(400, 404) },
});

export const coverageRoute = createRoute({
  method: 'get',
  path: '/services/{ozgId}/coverage',
  tags: ['Fortschritt'],
  summary:
    'Verbreitung einer Leistung in einem Gebiet: Anteil der Kommunen und der Einwohner, flächendeckend, mindestens eine, Reifegrade, Lösungen (öffentlich)',
  request: {
    params: z.object({
      ozgId: z.coerce
        .number()
        .int()
        .meta({ param: { name: 'ozgId', in: 'path' }, example: 10513 }),
    }),
    query: z.object({
      region: RegionKeyParamSchema.shape.key.meta({ param: { name: 'region', in: 'query' }, example: '06' }),
    }),
  },
  responses: { 200: jsonContent(CoverageSchema, 'Verbreitung'), ...errorResponses(400, 404) },
});
