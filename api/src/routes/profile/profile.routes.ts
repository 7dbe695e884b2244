import { createRoute } from '@hono/zod-openapi';
import { idParamSchema, RegionKeyParamSchema } from '@ozg/shared';
import { z } from 'zod';
import { pdfContent } from '../../lib/pdf';
import { errorResponses, signedIn } from '../../lib/router';
import { AsOfQuerySchema } from '../regions/regions.routes';

const tags = ['Beratung'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const profileRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/profile',
  tags,
  summary:
    'Kommunalprofil als Grundlage der Beratung: OZG-Stand mit Verlauf, Vergleich, offene Maßnahmen; als PDF (Standard) oder XLSX mit den Zahlen, zum Tag asOf (Kommunen nur das eigene)',
  ...signedIn(),
  request: {
    params: RegionKeyParamSchema,
    query: AsOfQuerySchema.extend({
      format: z.enum(['pdf', 'xlsx']).optional().meta({ description: 'pdf (default) or xlsx' }),
    }),
  },
  responses: {
    200: {
      description: 'Das Profil (PDF oder XLSX)',
      content: { ...pdfContent, [XLSX_TYPE]: { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export const consultationProfileRoute = createRoute({
  method: 'get',
  path: '/consultations/{id}/profile',
  tags,
  summary:
    'Das Kommunalprofil, wie es festgehalten wurde, als die Beratung als durchgeführt erfasst wurde: Byte für Byte dasselbe PDF, was sich seither auch geändert hat (Kommunen nur das eigene)',
  ...signedIn(),
  request: { params: z.object({ id: idParamSchema() }) },
  responses: {
    200: { description: 'Das gespeicherte Profil (PDF)', content: pdfContent },
    ...errorResponses(400, 401, 403, 404),
  },
});
