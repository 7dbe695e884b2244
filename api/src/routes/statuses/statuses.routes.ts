import { createRoute } from '@hono/zod-openapi';
import {
  BulkUpdateResultSchema,
  BulkUpdateSchema,
  ChangeSetListQuerySchema,
  ChangeSetSchema,
  CsvImportResultSchema,
  CsvRefusedErrorSchema,
  EventPageSchema,
  EventQuerySchema,
  idParamSchema,
  PageQuerySchema,
  RegionKeyParamSchema,
  StatusConflictErrorSchema,
  StatusListQuerySchema,
  StatusPageSchema,
  StatusPatchSchema,
  StatusRulesErrorSchema,
  StatusSchema,
  UndoResultSchema,
} from '@ozg/shared';
import { z } from 'zod';
import { errorResponse, errorResponses, jsonContent, signedIn } from '../../lib/router';

const IdParamSchema = z.object({
  id: idParamSchema().meta({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const listStatusesRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/statuses',
  tags: ['Status'],
  summary: 'Die Leistungen einer Kommune mit ihrem Stand: filtern, sortieren, seitenweise',
  ...signedIn(),
  request: { params: RegionKeyParamSchema, query: StatusListQuerySchema },
  responses: {
    200: jsonContent(StatusPageSchema, 'Eine Seite Status'),
    ...errorResponses(400, 401, 404, 422),
  },
});

export const getStatusRoute = createRoute({
  method: 'get',
  path: '/statuses/{id}',
  tags: ['Status'],
  summary: 'Ein Status',
  ...signedIn(),
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(StatusSchema, 'Der Status'), ...errorResponses(400, 401, 404) },
});

export const patchStatusRoute = createRoute({
  method: 'patch',
  path: '/statuses/{id}',
  tags: ['Status'],
  summary:
    'Einen Status ändern; version muss der gelesenen Fassung entsprechen (sonst 409 mit der aktuellen)',
  ...signedIn(),
  request: {
    params: IdParamSchema,
    body: { content: { 'application/json': { schema: StatusPatchSchema } }, required: true },
  },
  responses: {
    200: jsonContent(StatusSchema, 'Der geänderte Status'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(409, StatusConflictErrorSchema),
    ...errorResponse(422, StatusRulesErrorSchema),
  },
});

export const bulkUpdateRoute = createRoute({
  method: 'post',
  path: '/statuses/bulk',
  tags: ['Status'],
  summary:
    'Dieselbe Änderung für viele Status prüfen (mode=dry-run: was sich ändert, was bleibt, was herabgestuft würde oder sein „online seit“ verlöre) oder übernehmen (mode=commit, Standard: ganz oder gar nicht, als rückgängig machbare Änderung)',
  ...signedIn(),
  request: {
    query: z.object({
      mode: z.enum(['dry-run', 'commit']).optional().meta({ description: 'Standard: commit' }),
    }),
    body: { content: { 'application/json': { schema: BulkUpdateSchema } }, required: true },
  },
  responses: {
    200: jsonContent(BulkUpdateResultSchema, 'Ergebnis je Status; bei commit die geänderten Status'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(409, StatusConflictErrorSchema),
    ...errorResponse(422, StatusRulesErrorSchema),
  },
});

export const listChangeSetsRoute = createRoute({
  method: 'get',
  path: '/change-sets',
  tags: ['Änderungsprotokoll'],
  summary:
    'Die eigenen Sammeländerungen, CSV-Übernahmen und Rücknahmen der letzten 24 Stunden, neueste zuerst',
  ...signedIn(),
  request: { query: ChangeSetListQuerySchema },
  responses: {
    200: jsonContent(z.object({ items: z.array(ChangeSetSchema) }), 'Änderungen'),
    ...errorResponses(400, 401, 404, 422),
  },
});

export const undoChangeSetRoute = createRoute({
  method: 'post',
  path: '/change-sets/{id}/undo',
  tags: ['Änderungsprotokoll'],
  summary:
    'Eine Sammeländerung oder CSV-Übernahme als Ganzes zurücknehmen (innerhalb von 24 Stunden; 409, wenn ein Status seitdem geändert wurde)',
  ...signedIn(),
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(UndoResultSchema, 'Die Rücknahme und die Status danach'),
    ...errorResponses(400, 401, 403, 404, 422),
    ...errorResponse(409, StatusConflictErrorSchema),
  },
});

export const statusEventsRoute = createRoute({
  method: 'get',
  path: '/statuses/{id}/events',
  tags: ['Änderungsprotokoll'],
  summary: 'Die Änderungen eines Status, neueste zuerst',
  ...signedIn(),
  request: { params: IdParamSchema, query: PageQuerySchema },
  responses: { 200: jsonContent(EventPageSchema, 'Änderungen'), ...errorResponses(400, 401, 404) },
});

/** JSON page or, with format=csv, all matching changes as a file. */
const eventsResponse = {
  description: 'Änderungen (JSON seitenweise, CSV alle)',
  content: {
    'application/json': { schema: EventPageSchema },
    'text/csv': { schema: z.string() },
  },
};

export const regionEventsRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/events',
  tags: ['Änderungsprotokoll'],
  summary:
    'Die Änderungen an den Status eines Gebiets und aller Kommunen darin, neueste zuerst; nach Zeitraum, Quelle und Benutzer filtern; format=csv',
  ...signedIn(),
  request: { params: RegionKeyParamSchema, query: EventQuerySchema },
  responses: { 200: eventsResponse, ...errorResponses(400, 401, 404) },
});

export const userEventsRoute = createRoute({
  method: 'get',
  path: '/users/{id}/events',
  tags: ['Änderungsprotokoll'],
  summary:
    'Die Änderungen eines Benutzers (für Administration oder den Benutzer selbst); nach Zeitraum und Quelle filtern; format=csv',
  ...signedIn(),
  request: { params: IdParamSchema, query: EventQuerySchema },
  responses: { 200: eventsResponse, ...errorResponses(400, 401, 403) },
});

export const exportCsvRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/statuses.csv',
  tags: ['Status'],
  summary: 'Die Status einer Kommune als CSV (excel: UTF-8 mit BOM und ";", plain: "," ohne BOM)',
  ...signedIn(),
  request: {
    params: RegionKeyParamSchema,
    query: z.object({
      format: z.enum(['excel', 'plain']).optional().meta({ description: 'Standard: excel' }),
    }),
  },
  responses: {
    200: { description: 'CSV-Datei', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses(400, 401, 404, 422),
  },
});

export const importCsvRoute = createRoute({
  method: 'post',
  path: '/regions/{key}/statuses.csv',
  tags: ['Status'],
  summary:
    'Eine bearbeitete CSV-Datei prüfen (mode=dry-run, Ergebnis je Zeile) oder übernehmen (mode=commit, ganz oder gar nicht)',
  ...signedIn(),
  request: {
    params: RegionKeyParamSchema,
    query: z.object({
      mode: z.enum(['dry-run', 'commit']),
      lowering: z.enum(['refuse', 'allow']).default('refuse').meta({
        description:
          'commit: allow lines that lower a Reifegrad or criterion or move "online seit" (the preview lists them); refuse (default) answers 422',
      }),
    }),
    body: { content: { 'text/csv': { schema: z.string() } }, required: true },
  },
  responses: {
    200: jsonContent(CsvImportResultSchema, 'Ergebnis je Zeile'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(409, StatusConflictErrorSchema),
    ...errorResponse(422, CsvRefusedErrorSchema),
  },
});
