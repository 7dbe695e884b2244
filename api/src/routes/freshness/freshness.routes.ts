import { createRoute } from '@hono/zod-openapi';
import {
  ConfirmRequestSchema,
  ConfirmResultSchema,
  FreshnessSchema,
  idParamSchema,
  RegionKeyParamSchema,
  RemindersSchema,
  StaleListQuerySchema,
  StaleListSchema,
  StatusConflictErrorSchema,
  StatusProvenanceSchema,
  staleDaysSchema,
} from '@ozg/shared';
import { z } from 'zod';
import { errorResponse, errorResponses, jsonContent, signedIn } from '../../lib/router';
import { ROLES } from '../../services/policy';

/*
 * Provenance and freshness of statuses (decisions 021 and 025): "Bestätigen",
 * where each field's value came from, how current an administration is, and
 * the ministry's list of administrations with stale statuses.
 */

const IdParamSchema = z.object({
  id: idParamSchema().meta({ param: { name: 'id', in: 'path' }, example: 1 }),
});
const ThresholdQuerySchema = z.object({ days: staleDaysSchema() });

export const confirmStatusesRoute = createRoute({
  method: 'post',
  path: '/statuses/confirm',
  tags: ['Status'],
  summary:
    'Status unverändert bestätigen: mode=dry-run zeigt, welche bestätigt würden und welche inzwischen geändert wurden; mode=commit (Standard) bestätigt alle genannten, ganz oder gar nicht (409, wenn eine Version nicht mehr stimmt), mit einem Eintrag je Status im Änderungsprotokoll',
  ...signedIn(),
  request: {
    query: z.object({
      mode: z.enum(['dry-run', 'commit']).optional().meta({ description: 'Standard: commit' }),
    }),
    body: { content: { 'application/json': { schema: ConfirmRequestSchema } }, required: true },
  },
  responses: {
    200: jsonContent(ConfirmResultSchema, 'Vorschau oder Ergebnis je Status'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(409, StatusConflictErrorSchema),
  },
});

export const statusProvenanceRoute = createRoute({
  method: 'get',
  path: '/statuses/{id}/provenance',
  tags: ['Status'],
  summary:
    'Herkunft je Feld eines Status: Quelle, Zeit und Person der letzten Änderung, die das Feld gesetzt hat, und wann der Status zuletzt bestätigt wurde',
  ...signedIn(),
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(StatusProvenanceSchema, 'Herkunft'), ...errorResponses(400, 401, 404) },
});

export const regionFreshnessRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/freshness',
  tags: ['Status'],
  summary:
    'Wie aktuell die Status einer Kommune sind: zuletzt und am längsten nicht bestätigt, Tage seitdem, Zahl der länger als days Tage nicht bestätigten',
  ...signedIn(),
  request: { params: RegionKeyParamSchema, query: ThresholdQuerySchema },
  responses: { 200: jsonContent(FreshnessSchema, 'Aktualität'), ...errorResponses(400, 401, 404, 422) },
});

export const regionRemindersRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/reminders',
  tags: ['Status'],
  summary:
    'Was in einer Kommune zu tun ist: veraltete Status, offene Abweichungen zum Data Hub, defekte Links (Sachbearbeitung: nur die eigene Kommune)',
  ...signedIn(...ROLES.municipality),
  request: { params: RegionKeyParamSchema, query: ThresholdQuerySchema },
  responses: {
    200: jsonContent(RemindersSchema, 'Erinnerungen'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export const staleListRoute = createRoute({
  method: 'get',
  path: '/freshness/stale',
  tags: ['Status'],
  summary:
    'Kommunen mit Status, die länger als days Tage (Standard 90) nicht bestätigt oder geändert wurden, mit Kreis; sortierbar (Ministerium)',
  ...signedIn(...ROLES.ministry),
  request: { query: StaleListQuerySchema },
  responses: { 200: jsonContent(StaleListSchema, 'Veraltete Kommunen'), ...errorResponses(400, 401, 403) },
});
