import { createRoute } from '@hono/zod-openapi';
import { OzgIdParamSchema, RegionKeyParamSchema, RegionUsageSchema, ServiceUsageSchema } from '@ozg/shared';
import { z } from 'zod';
import { exportContent, FormatQuerySchema } from '../../lib/export';
import { errorResponses, jsonContent } from '../../lib/router';

export const regionUsageRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/usage',
  tags: ['Fortschritt'],
  summary:
    'Nutzungszahlen eines Gebiets: Anträge der letzten 12 Monate, je 1.000 Einwohner, Monatsverlauf, Leistungen und die Hinweise „online, aber kaum genutzt“ und „hohe Nachfrage, nicht online“ (öffentlich)',
  request: { params: RegionKeyParamSchema, query: FormatQuerySchema },
  responses: { 200: exportContent(RegionUsageSchema, 'Nutzungszahlen'), ...errorResponses(400, 404) },
});

export const serviceUsageRoute = createRoute({
  method: 'get',
  path: '/services/{ozgId}/usage',
  tags: ['Fortschritt'],
  summary:
    'Nutzungszahlen einer Leistung in einem Gebiet: Anträge, je 1.000 Einwohner, Median der Gemeinden, Verlauf und je Gemeinde der Vergleich mit ihrem Kreis (öffentlich)',
  request: {
    params: z.object({ ozgId: OzgIdParamSchema }),
    query: z.object({
      region: RegionKeyParamSchema.shape.key.meta({ param: { name: 'region', in: 'query' }, example: '06' }),
    }),
  },
  responses: { 200: jsonContent(ServiceUsageSchema, 'Nutzungszahlen'), ...errorResponses(400, 404) },
});
