import { createRoute } from '@hono/zod-openapi';
import {
  CheckDraftInputSchema,
  CheckQuestionnaireListSchema,
  CheckQuestionnaireQuerySchema,
  CheckQuestionnaireSchema,
  CheckQuestionnaireUploadQuerySchema,
  CheckResultSchema,
  CheckSubmissionSchema,
  CheckSubmitInputSchema,
  QuickWinsSchema,
  RecommendationRuleSetSchema,
  RecommendationRulesInputSchema,
  RecommendationSchema,
  RegionKeyParamSchema,
} from '@ozg/shared';
import { z } from 'zod';
import { errorResponses, jsonContent, signedIn } from '../../lib/router';
import { ROLES } from '../../services/policy';

/** Issue 17: the check, the module recommendation and quick wins, the basis of a consultation. */
const tags = ['Beratung: Grundlage'];
const body = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

export const listQuestionnairesRoute = createRoute({
  method: 'get',
  path: '/consulting/check/questionnaires',
  tags,
  summary:
    'Fassungen des Fragebogens zum Digitalisierungs-Check, neueste zuerst, mit der Zahl ihrer Einreichungen',
  ...signedIn(),
  responses: {
    200: jsonContent(CheckQuestionnaireListSchema, 'Fassungen'),
    ...errorResponses(401),
  },
});

export const getQuestionnaireRoute = createRoute({
  method: 'get',
  path: '/consulting/check/questionnaire',
  tags,
  summary:
    'Eine Fassung des Fragebogens (Dimensionen, Fragen, Antworten mit Punkten, Gewichte); ohne version die aktuelle',
  ...signedIn(),
  request: { query: CheckQuestionnaireQuerySchema },
  responses: {
    200: jsonContent(CheckQuestionnaireSchema, 'Fragebogen'),
    ...errorResponses(400, 401, 404),
  },
});

export const uploadQuestionnaireRoute = createRoute({
  method: 'post',
  path: '/consulting/check/questionnaires',
  tags,
  summary:
    'Neue Fassung des Fragebogens laden (Administration): JSON wie GET …/questionnaire → definition, oder CSV ' +
    'dimension,dimension_name,dimension_weight,question,text,help,weight,answers (answers: „Nein=0 | Ja=2 | Keine Angabe=“); ' +
    'ganz oder gar nicht; frühere Fassungen und ihre Einreichungen bleiben unverändert',
  ...signedIn(...ROLES.admin),
  request: {
    query: CheckQuestionnaireUploadQuerySchema,
    body: {
      description: 'Fragebogen als JSON oder CSV (UTF-8 oder Windows-1252)',
      required: true,
      content: Object.fromEntries(
        ['application/json', 'text/csv', 'text/plain', 'application/octet-stream'].map((type) => [
          type,
          // A plain OpenAPI schema: the body is a file, checked by the questionnaire parser with file:line.
          { schema: { type: 'string' as const, format: 'binary' } },
        ]),
      ),
    },
  },
  responses: {
    201: jsonContent(CheckQuestionnaireSchema, 'Geladen'),
    ...errorResponses(400, 401, 403, 413, 415, 422),
  },
});

export const getCheckRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/check',
  tags,
  summary:
    'Digitalisierungs-Check einer Kommune: Einreichungen mit ihren Punktwerten, Vergleich mit fairen Vergleichskommunen, Entwurf (Kommunen sehen nur die eigene)',
  ...signedIn(),
  request: { params: RegionKeyParamSchema },
  responses: {
    200: jsonContent(CheckResultSchema, 'Check'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export const saveDraftRoute = createRoute({
  method: 'put',
  path: '/regions/{key}/check/draft',
  tags,
  summary:
    'Entwurf des Checks speichern (die eigene Kommune, Administration); mit der gelesenen Version, sonst 409',
  ...signedIn(...ROLES.municipality),
  request: { params: RegionKeyParamSchema, body: body(CheckDraftInputSchema) },
  responses: {
    200: jsonContent(CheckSubmissionSchema, 'Gespeichert'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const submitCheckRoute = createRoute({
  method: 'post',
  path: '/regions/{key}/check/submissions',
  tags,
  summary:
    'Check einreichen (die eigene Kommune, Administration): alle Fragen beantwortet; die Punktwerte bleiben mit der Fassung gespeichert',
  ...signedIn(...ROLES.municipality),
  request: { params: RegionKeyParamSchema, body: body(CheckSubmitInputSchema) },
  responses: {
    201: jsonContent(CheckSubmissionSchema, 'Eingereicht'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const recommendationRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/consulting/recommendation',
  tags,
  summary:
    'Empfohlenes Beratungsmodul je Bereich mit Begründung, aus dem Check und den OZG-Zahlen (Beratung, Administration)',
  ...signedIn(...ROLES.consulting),
  request: { params: RegionKeyParamSchema },
  responses: {
    200: jsonContent(RecommendationSchema, 'Empfehlung'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export const getRulesRoute = createRoute({
  method: 'get',
  path: '/consulting/recommendation-rules',
  tags,
  summary: 'Regeln der Modulempfehlung (Stammdaten, aktuelle Fassung)',
  ...signedIn(...ROLES.consulting),
  responses: {
    200: jsonContent(RecommendationRuleSetSchema, 'Regeln'),
    ...errorResponses(401, 403),
  },
});

export const saveRulesRoute = createRoute({
  method: 'put',
  path: '/consulting/recommendation-rules',
  tags,
  summary:
    'Regeln der Modulempfehlung als neue Fassung speichern (Administration); mit der gelesenen Fassung, sonst 409',
  ...signedIn(...ROLES.admin),
  request: { body: body(RecommendationRulesInputSchema) },
  responses: {
    200: jsonContent(RecommendationRuleSetSchema, 'Gespeichert'),
    ...errorResponses(400, 401, 403, 409, 413, 415, 422),
  },
});

export const quickWinsRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/consulting/quick-wins',
  tags,
  summary:
    'Quick Wins einer Kommune: fehlende Zielleistungen, die vergleichbare Kommunen im Land mit EfA-Dienst oder civento anbieten, nach Verbreitung und Dauer (Kommunen nur die eigenen)',
  ...signedIn(),
  request: { params: RegionKeyParamSchema, query: z.object({}) },
  responses: {
    200: jsonContent(QuickWinsSchema, 'Quick Wins'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});
