import { createRoute } from '@hono/zod-openapi';
import {
  ChildrenProgressSchema,
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
