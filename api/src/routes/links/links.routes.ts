import { createRoute } from '@hono/zod-openapi';
import { RegionKeyParamSchema, RegionLinksSchema } from '@ozg/shared';
import { errorResponses, jsonContent, signedIn } from '../../lib/router';

export const regionLinksRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/links',
  tags: ['Status'],
  summary:
    'Prüfung der Links eines Gebiets: wie viele Zielleistungen eine URL haben, geprüft und defekt sind, und die defekten Links mit HTTP-Ergebnis, letztem Erfolg und „defekt seit“ (angemeldet)',
  // URLs belong to the statuses, which need a session (decision 003); every role reads them.
  ...signedIn(),
  request: { params: RegionKeyParamSchema },
  responses: { 200: jsonContent(RegionLinksSchema, 'Linkprüfung'), ...errorResponses(400, 401, 404) },
});
