import { createRoute } from '@hono/zod-openapi';
import {
  DatahubDecisionRequestSchema,
  DatahubDecisionResultSchema,
  DatahubDifferencesSchema,
  DatahubKreiseSchema,
  RegionKeyParamSchema,
  StatusConflictErrorSchema,
  StatusRulesErrorSchema,
} from '@ozg/shared';
import { errorResponse, errorResponses, jsonContent, signedIn } from '../../lib/router';
import { ROLES } from '../../services/policy';

export const datahubDifferencesRoute = createRoute({
  method: 'get',
  path: '/datahub/differences/{key}',
  tags: ['Abgleich'],
  summary:
    'Abweichungen zwischen den Status einer Gemeinde und dem Data Hub des Bundes (offen oder zur Klärung; abgelehnte erst wieder, wenn sich der Wert beim Bund ändert). Sachbearbeitung: nur die eigene Gemeinde',
  ...signedIn(),
  request: { params: RegionKeyParamSchema },
  responses: {
    200: jsonContent(DatahubDifferencesSchema, 'Abweichungen'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export const datahubDecisionsRoute = createRoute({
  method: 'post',
  path: '/datahub/decisions',
  tags: ['Abgleich'],
  summary:
    'Über Abweichungen entscheiden: übernehmen (Status übernimmt den Wert des Bundes, Quelle „Data Hub“), ablehnen (mit Begründung) oder zur Klärung markieren; mode=dry-run zeigt die Vorschau, mode=commit übernimmt ganz oder gar nicht',
  ...signedIn(...ROLES.municipality),
  request: {
    body: { content: { 'application/json': { schema: DatahubDecisionRequestSchema } }, required: true },
  },
  responses: {
    200: jsonContent(DatahubDecisionResultSchema, 'Vorschau oder Ergebnis'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(409, StatusConflictErrorSchema),
    ...errorResponse(422, StatusRulesErrorSchema),
  },
});

export const datahubKreiseRoute = createRoute({
  method: 'get',
  path: '/datahub/kreise',
  tags: ['Abgleich'],
  summary: 'Offene Abweichungen zum Data Hub je Kreis und wie alt die älteste ist (Ministerium)',
  ...signedIn(...ROLES.ministry),
  responses: { 200: jsonContent(DatahubKreiseSchema, 'Je Kreis'), ...errorResponses(401, 403) },
});
