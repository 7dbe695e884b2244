import { createRoute, z } from '@hono/zod-openapi';
import { HealthSchema } from '@ozg/shared';
import { jsonContent } from '../../lib/router';

export const getHealthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Betriebszustand: Datenbankart, Migrationsstand, Datenbestand (Demo oder amtlich)',
  responses: { 200: jsonContent(HealthSchema, 'Zustand') },
});

const LiveSchema = z.object({ status: z.literal('live') }).meta({ id: 'Liveness' });

export const getLiveRoute = createRoute({
  method: 'get',
  path: '/health/live',
  tags: ['System'],
  summary: 'Der Prozess lebt (ohne Datenbank): für den Neustart durch den Orchestrator',
  responses: { 200: jsonContent(LiveSchema, 'Der Prozess antwortet') },
});

export const ReadinessSchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    /** Why not ready; absent when ready. */
    reason: z.string().optional(),
  })
  .meta({ id: 'Readiness' });

export const getReadyRoute = createRoute({
  method: 'get',
  path: '/health/ready',
  tags: ['System'],
  summary: 'Bereit für Anfragen: Datenbank antwortet, Migrationen angewendet, kein Herunterfahren',
  responses: {
    200: jsonContent(ReadinessSchema, 'Bereit'),
    503: jsonContent(ReadinessSchema, 'Nicht bereit (mit Grund)'),
  },
});
