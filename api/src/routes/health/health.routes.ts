import { createRoute } from '@hono/zod-openapi';
import { HealthSchema } from '@ozg/shared';
import { jsonContent } from '../../lib/router';

export const getHealthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Betriebszustand: Datenbankart, Migrationsstand, Datenbestand (Demo oder amtlich)',
  responses: { 200: jsonContent(HealthSchema, 'Zustand') },
});
