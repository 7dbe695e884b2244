import { createRoute } from '@hono/zod-openapi';
import {
  CONSULTING_AREAS,
  ConsultantSchema,
  ConsultationConflictErrorSchema,
  ConsultationExistsErrorSchema,
  ConsultationRequestSchema,
  ConsultationSchema,
  ConsultationUpdateSchema,
  ConsultingModuleInputSchema,
  ConsultingModuleSchema,
  ConsultingModuleUpdateSchema,
  ConsultingReportSchema,
  FieldsRefusedErrorSchema,
  idParamSchema,
  MeasureConflictErrorSchema,
  MeasureInputSchema,
  MeasureSchema,
  MeasureUpdateSchema,
  ModuleConflictErrorSchema,
  RegionKeyParamSchema,
  WorklistSchema,
} from '@ozg/shared';
import { z } from 'zod';
import { exportContent, FormatQuerySchema } from '../../lib/export';
import { errorResponse, errorResponses, jsonContent, signedIn } from '../../lib/router';
import { ROLES } from '../../services/policy';

const tags = ['Beratung'];
const IdParamSchema = z.object({ id: idParamSchema() });
const body = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

export const listModulesRoute = createRoute({
  method: 'get',
  path: '/consulting/modules',
  tags,
  summary: 'Beratungsmodule (Stammdaten) mit Bereich und ob sie angeboten werden',
  ...signedIn(),
  responses: {
    200: jsonContent(z.object({ items: z.array(ConsultingModuleSchema) }), 'Module'),
    ...errorResponses(401),
  },
});

export const listConsultantsRoute = createRoute({
  method: 'get',
  path: '/consulting/consultants',
  tags,
  summary: 'Wer als Beraterin oder Berater eingetragen werden kann (Beratung, Administration)',
  ...signedIn(...ROLES.consulting),
  responses: {
    200: jsonContent(z.object({ items: z.array(ConsultantSchema) }), 'Beraterinnen und Berater'),
    ...errorResponses(401, 403),
  },
});

export const createModuleRoute = createRoute({
  method: 'post',
  path: '/consulting/modules',
  tags,
  summary: 'Beratungsmodul anlegen (Administration)',
  ...signedIn(...ROLES.admin),
  request: { body: body(ConsultingModuleInputSchema) },
  responses: {
    201: jsonContent(ConsultingModuleSchema, 'Angelegt'),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

export const updateModuleRoute = createRoute({
  method: 'patch',
  path: '/consulting/modules/{id}',
  tags,
  summary: 'Beratungsmodul ändern (Administration); mit der gelesenen Version',
  ...signedIn(...ROLES.admin),
  request: { params: IdParamSchema, body: body(ConsultingModuleUpdateSchema) },
  responses: {
    200: jsonContent(ConsultingModuleSchema, 'Geändert'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(409, ModuleConflictErrorSchema),
  },
});

export const listConsultationsRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/consultations',
  tags,
  summary: 'Beratungen einer Kommune mit ihren Maßnahmen (Kommunen sehen nur die eigenen)',
  ...signedIn(),
  request: { params: RegionKeyParamSchema },
  responses: {
    200: jsonContent(z.object({ items: z.array(ConsultationSchema) }), 'Beratungen'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export const requestConsultationRoute = createRoute({
  method: 'post',
  path: '/regions/{key}/consultations',
  tags,
  summary:
    'Beratung anbieten (Beratung, Administration) oder für die eigene Kommune anfragen (Kommune, mit Notiz): höchstens eine nicht abgesagte je Kommune und Bereich, sonst 409',
  ...signedIn(...ROLES.consultingWithOfficer),
  request: { params: RegionKeyParamSchema, body: body(ConsultationRequestSchema) },
  responses: {
    201: jsonContent(ConsultationSchema, 'Angefragt'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(409, ConsultationExistsErrorSchema),
    ...errorResponse(422, FieldsRefusedErrorSchema),
  },
});

export const updateConsultationRoute = createRoute({
  method: 'patch',
  path: '/consultations/{id}',
  tags,
  summary:
    'Beratung terminieren, als durchgeführt erfassen (mit dem Stand der Kommune an dem Tag) oder absagen (Beratung, Administration)',
  ...signedIn(...ROLES.consulting),
  request: { params: IdParamSchema, body: body(ConsultationUpdateSchema) },
  responses: {
    200: jsonContent(ConsultationSchema, 'Geändert'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(409, ConsultationConflictErrorSchema),
    ...errorResponse(422, FieldsRefusedErrorSchema),
  },
});

export const createMeasureRoute = createRoute({
  method: 'post',
  path: '/consultations/{id}/measures',
  tags,
  summary: 'Vereinbarte Maßnahme erfassen (Beratung, Administration), optional mit OZG-Leistungen',
  ...signedIn(...ROLES.consulting),
  request: { params: IdParamSchema, body: body(MeasureInputSchema) },
  responses: {
    201: jsonContent(MeasureSchema, 'Erfasst'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(422, FieldsRefusedErrorSchema),
  },
});

export const updateMeasureRoute = createRoute({
  method: 'patch',
  path: '/measures/{id}',
  tags,
  summary:
    'Maßnahme fortschreiben: die Kommune Stand, Verantwortliche und Frist, die Beratung alles; erledigt verknüpft die bewirkten Statusänderungen',
  ...signedIn(...ROLES.consultingWithOfficer),
  request: { params: IdParamSchema, body: body(MeasureUpdateSchema) },
  responses: {
    200: jsonContent(MeasureSchema, 'Geändert'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
    ...errorResponse(409, MeasureConflictErrorSchema),
    ...errorResponse(422, FieldsRefusedErrorSchema),
  },
});

export const worklistRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/consulting/worklist',
  tags,
  summary:
    'Arbeitsliste der Beratung: Kommunen hinter ihrer Vergleichsgruppe, die eine Beratung noch nicht genutzt haben (Beratung, Administration)',
  ...signedIn(...ROLES.consulting),
  request: {
    params: RegionKeyParamSchema,
    query: z.object({
      area: z.enum(CONSULTING_AREAS).optional(),
      kreis: z
        .string()
        .regex(/^\d{5}$/, 'Kreisschlüssel mit 5 Ziffern erwartet')
        .optional(),
    }),
  },
  responses: {
    200: jsonContent(WorklistSchema, 'Arbeitsliste'),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const reportRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/consulting/report',
  tags,
  summary:
    'Bericht für das Ministerium: Inanspruchnahme je Regierungsbezirk und Kreis, offene und überfällige Maßnahmen, Wirkung; JSON, CSV oder XLSX',
  ...signedIn(...ROLES.consultingReport),
  request: {
    params: RegionKeyParamSchema,
    query: FormatQuerySchema,
  },
  responses: {
    200: exportContent(ConsultingReportSchema, 'Bericht'),
    ...errorResponses(400, 401, 403, 404),
  },
});
