import { createRoute } from '@hono/zod-openapi';
import {
  AnalogProcessingSummarySchema,
  ImportFileQuerySchema,
  ImportResultSchema,
  idParamSchema,
  MaturityModelListSchema,
  RegionAssessmentsSchema,
  RegionKeyParamSchema,
  StatusAssessmentsSchema,
} from '@ozg/shared';
import { z } from 'zod';
import { errorResponses, jsonContent, signedIn } from '../../lib/router';
import { ROLES } from '../../services/policy';

const IdParamSchema = z.object({
  id: idParamSchema().meta({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const listModelsRoute = createRoute({
  method: 'get',
  path: '/maturity/models',
  tags: ['Reifegrad'],
  summary: 'Die Reifegradmodelle mit allen Versionen: Stufen, Kriterien und ihre Beschreibungen (öffentlich)',
  responses: { 200: jsonContent(MaturityModelListSchema, 'Modelle') },
});

export const importModelRoute = createRoute({
  method: 'post',
  path: '/imports/maturity-model',
  tags: ['Import'],
  summary:
    'Eine überarbeitete Definition eines Reifegradmodells laden (JSON oder CSV, Administration): als neue Version, ganz oder gar nicht',
  ...signedIn(...ROLES.admin),
  request: {
    query: ImportFileQuerySchema,
    body: {
      description: 'Definition als JSON oder CSV',
      required: true,
      content: Object.fromEntries(
        ['application/octet-stream', 'text/plain', 'text/csv'].map((type) => [
          type,
          // A plain OpenAPI schema, not zod: the body is a file, not parsed JSON.
          { schema: { type: 'string' as const, format: 'binary' } },
        ]),
      ),
    },
  },
  responses: {
    200: jsonContent(ImportResultSchema, 'Geladen'),
    ...errorResponses(400, 401, 403, 413, 415, 422),
  },
});

export const statusAssessmentsRoute = createRoute({
  method: 'get',
  path: '/maturity/statuses/{id}',
  tags: ['Reifegrad'],
  summary:
    'Die Bewertung eines Status nach Kriterien, je Modellversion; Antworten werden mit PATCH /statuses/{id} (criteria) geschrieben',
  ...signedIn(),
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(StatusAssessmentsSchema, 'Bewertungen'), ...errorResponses(400, 401, 404) },
});

export const regionAssessmentsRoute = createRoute({
  method: 'get',
  path: '/maturity/regions/{key}/assessments',
  tags: ['Reifegrad'],
  summary: 'Je Status einer Kommune die Stufe nach 1.1 und 2.0 (neueste bewertete Version) nebeneinander',
  ...signedIn(),
  request: { params: RegionKeyParamSchema },
  responses: {
    200: jsonContent(RegionAssessmentsSchema, 'Bewertungen je Status'),
    ...errorResponses(400, 401, 404, 422),
  },
});

export const analogSummaryRoute = createRoute({
  method: 'get',
  path: '/maturity/regions/{key}/summary',
  tags: ['Reifegrad'],
  summary:
    'Reifegrad 2.0 und „Online-Antrag, Bearbeitung analog“ über die Zielleistungen eines Gebiets (öffentlich)',
  request: { params: RegionKeyParamSchema },
  responses: {
    200: jsonContent(AnalogProcessingSummarySchema, 'Zählung'),
    ...errorResponses(400, 404),
  },
});
