import { createRoute } from '@hono/zod-openapi';
import {
  ApplicabilityExceptionInputSchema,
  ApplicabilityExceptionSchema,
  ExecutingLevelResultSchema,
  ExecutingLevelUpdateSchema,
  LinesRefusedErrorSchema,
  OzgIdParamSchema,
  RegionKeyParamSchema,
  ServiceListQuerySchema,
  ServiceSchema,
  TargetSyncResultSchema,
} from '@ozg/shared';
import { z } from 'zod';
import { errorResponse, errorResponses, jsonContent, signedIn } from '../../lib/router';
import { ROLES } from '../../services/policy';

export const listServicesRoute = createRoute({
  method: 'get',
  path: '/services',
  tags: ['Katalog'],
  summary: 'OZG-Leistungen mit Themenfeld, kommunaler Relevanz und ausführender Ebene (öffentlich)',
  request: { query: ServiceListQuerySchema },
  responses: {
    200: jsonContent(z.object({ items: z.array(ServiceSchema) }), 'Leistungen'),
    ...errorResponses(400),
  },
});

export const setExecutingLevelsRoute = createRoute({
  method: 'put',
  path: '/services/executing-levels',
  tags: ['Katalog'],
  summary: 'Ausführende Ebene von Leistungen setzen (Administration); Zielmengen folgen sofort',
  ...signedIn(...ROLES.admin),
  request: {
    body: { content: { 'application/json': { schema: ExecutingLevelUpdateSchema } }, required: true },
  },
  responses: {
    200: jsonContent(ExecutingLevelResultSchema, 'Geändert'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

export const exportExecutingLevelsRoute = createRoute({
  method: 'get',
  path: '/services/executing-levels.csv',
  tags: ['Katalog'],
  summary: 'Ausführende Ebenen als CSV (ozg_id;leistung;themenfeld;kommunal_relevant;ausfuehrende_ebene)',
  responses: { 200: { description: 'CSV-Datei', content: { 'text/csv': { schema: z.string() } } } },
});

export const importExecutingLevelsRoute = createRoute({
  method: 'post',
  path: '/services/executing-levels.csv',
  tags: ['Katalog'],
  summary: 'Ausführende Ebenen aus CSV übernehmen (Administration), ganz oder gar nicht',
  ...signedIn(...ROLES.admin),
  request: { body: { content: { 'text/csv': { schema: z.string() } }, required: true } },
  responses: {
    200: jsonContent(ExecutingLevelResultSchema, 'Übernommen'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(422, LinesRefusedErrorSchema),
  },
});

export const listExceptionsRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/applicability-exceptions',
  tags: ['Katalog'],
  summary: 'Abweichungen von der Zielmenge einer Kommune, mit Begründung',
  ...signedIn(),
  request: { params: RegionKeyParamSchema },
  responses: {
    200: jsonContent(z.object({ items: z.array(ApplicabilityExceptionSchema) }), 'Ausnahmen'),
    ...errorResponses(400, 401, 404, 422),
  },
});

export const putExceptionRoute = createRoute({
  method: 'put',
  path: '/regions/{key}/applicability-exceptions',
  tags: ['Katalog'],
  summary: 'Ausnahme setzen: die Kommune muss eine Leistung anbieten (applies=true) oder nicht (false)',
  ...signedIn(...ROLES.admin),
  request: {
    params: RegionKeyParamSchema,
    body: { content: { 'application/json': { schema: ApplicabilityExceptionInputSchema } }, required: true },
  },
  responses: {
    200: jsonContent(TargetSyncResultSchema, 'Gesetzt'),
    ...errorResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

export const deleteExceptionRoute = createRoute({
  method: 'delete',
  path: '/regions/{key}/applicability-exceptions/{ozgId}',
  tags: ['Katalog'],
  summary: 'Ausnahme entfernen: es gilt wieder die ausführende Ebene',
  ...signedIn(...ROLES.admin),
  request: {
    params: RegionKeyParamSchema.extend({
      ozgId: OzgIdParamSchema,
    }),
  },
  responses: {
    200: jsonContent(TargetSyncResultSchema, 'Entfernt'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});
