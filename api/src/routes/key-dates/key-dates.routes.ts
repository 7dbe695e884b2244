import { createRoute } from '@hono/zod-openapi';
import {
  KeyDateChangeSchema,
  KeyDateInputSchema,
  KeyDateReportSchema,
  KeyDateSchema,
  plausibleDate,
} from '@ozg/shared';
import { z } from 'zod';
import { exportContent } from '../../lib/export';
import { pdfContent, ReportFormatQuerySchema } from '../../lib/pdf';
import { errorResponses, jsonContent, signedIn } from '../../lib/router';
import { ROLES } from '../../services/policy';

const tags = ['Stichtage'];

const KeyDayParamSchema = z.object({
  // In the plausible range: a year like 0000 is not even a date PostgreSQL accepts.
  day: plausibleDate().meta({ param: { name: 'day', in: 'path' }, example: '2022-12-31' }),
});

const LandQuerySchema = z.object({
  land: z
    .string()
    .regex(/^\d{2}$/, 'Landesschlüssel mit 2 Ziffern erwartet')
    .optional()
    .meta({ description: 'AGS of the Land (default: the first Land of the installation)', example: '06' }),
});

/** JSON, CSV, XLSX or PDF. */
const reportContent = <T>(schema: T, description: string) => {
  const content = exportContent(schema, description);
  return {
    description: `${description} (JSON; mit format=csv, xlsx oder pdf als Datei)`,
    content: { ...content.content, ...pdfContent },
  };
};

export const listKeyDatesRoute = createRoute({
  method: 'get',
  path: '/key-dates',
  tags,
  summary:
    'Stichtage der OZG-Berichte (31.12.2022, 24.07.2024, 01.01.2026 und die vom Ministerium ergänzten) mit dem Zeitpunkt, zu dem ihre Werte festgeschrieben wurden (öffentlich)',
  responses: {
    200: jsonContent(z.object({ items: z.array(KeyDateSchema) }), 'Stichtage'),
  },
});

export const createKeyDateRoute = createRoute({
  method: 'post',
  path: '/key-dates',
  tags,
  summary:
    'Stichtag ergänzen (Ministerium): ein vergangener Tag wird sofort festgeschrieben, ein künftiger nach seinem Ende',
  ...signedIn(...ROLES.admin),
  request: { body: { content: { 'application/json': { schema: KeyDateInputSchema } }, required: true } },
  responses: {
    201: jsonContent(KeyDateSchema, 'Angelegt'),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

export const keyDateReportRoute = createRoute({
  method: 'get',
  path: '/key-dates/{day}',
  tags,
  summary:
    'Festgeschriebene Werte eines Stichtags für Land, Regierungsbezirke, Kreise und Themenfelder, daneben die heute berechneten, wenn die Historie seither korrigiert wurde (öffentlich; JSON, CSV, XLSX, PDF)',
  request: { params: KeyDayParamSchema, query: LandQuerySchema.extend(ReportFormatQuerySchema.shape) },
  responses: {
    200: reportContent(KeyDateReportSchema, 'Stichtagsbericht'),
    ...errorResponses(400, 404, 422),
  },
});

export const keyDateChangeRoute = createRoute({
  method: 'get',
  path: '/key-dates/{day}/change',
  tags,
  summary:
    'Veränderung zwischen zwei Stichtagen (von since bis day) für Land, Regierungsbezirke, Kreise und Themenfelder, aus den festgeschriebenen Werten (öffentlich; JSON, CSV, XLSX, PDF)',
  request: {
    params: KeyDayParamSchema,
    query: LandQuerySchema.extend({
      since: plausibleDate().meta({ description: 'the earlier key date', example: '2022-12-31' }),
      ...ReportFormatQuerySchema.shape,
    }),
  },
  responses: {
    200: reportContent(KeyDateChangeSchema, 'Veränderung'),
    ...errorResponses(400, 404, 422),
  },
});
