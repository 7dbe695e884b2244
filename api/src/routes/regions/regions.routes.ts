import { createRoute } from '@hono/zod-openapi';
import {
  ActivitySchema,
  asOfDate,
  KreisBoundariesSchema,
  REGION_LEVELS,
  RegionChildrenSchema,
  RegionDetailSchema,
  RegionKeyParamSchema,
} from '@ozg/shared';
import { z } from 'zod';
import { errorResponses, jsonContent } from '../../lib/router';

export const AsOfQuerySchema = z.object({
  asOf: asOfDate()
    .optional()
    .meta({ description: 'Gebietsstand an diesem Tag (Standard: heute)', example: '2022-12-31' }),
});

export const getRegionRoute = createRoute({
  method: 'get',
  path: '/regions/{key}',
  tags: ['Gebiete'],
  summary: 'Ein Gebiet (Land, Regierungsbezirk, Kreis, Gemeinde) nach AGS oder ARS',
  request: { params: RegionKeyParamSchema, query: AsOfQuerySchema },
  responses: { 200: jsonContent(RegionDetailSchema, 'Das Gebiet'), ...errorResponses(400, 404) },
});

export const listChildrenRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/children',
  tags: ['Gebiete'],
  summary:
    'Die untergeordneten Gebiete; mit level alle Nachkommen dieser Ebene (z. B. alle Kreise eines Landes)',
  request: {
    params: RegionKeyParamSchema,
    query: AsOfQuerySchema.extend({ level: z.enum(REGION_LEVELS).optional() }),
  },
  responses: {
    200: jsonContent(RegionChildrenSchema, 'Das Gebiet und seine untergeordneten Gebiete'),
    ...errorResponses(400, 404),
  },
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

export const listBoundariesRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/boundaries',
  tags: ['Karte'],
  summary:
    'Grenzen der Kreise eines Landes, Regierungsbezirks oder Kreises als GeoJSON-Geometrien in WGS84 (öffentlich)',
  request: { params: RegionKeyParamSchema },
  responses: { 200: jsonContent(KreisBoundariesSchema, 'Kreisgrenzen'), ...errorResponses(400, 404) },
});
