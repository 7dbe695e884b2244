import { createRoute } from '@hono/zod-openapi';
import { LoginRequestSchema, MeSchema, SessionSchema } from '@ozg/shared';
import { z } from 'zod';
import { errorResponses, jsonContent, signedIn } from '../../lib/router';

export const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Anmeldung'],
  summary:
    'Anmelden: setzt das Sitzungs-Cookie (HttpOnly, SameSite=Lax), liefert den CSRF-Token und beendet die bisherige Sitzung dieses Browsers',
  request: { body: { content: { 'application/json': { schema: LoginRequestSchema } }, required: true } },
  responses: {
    200: jsonContent(MeSchema, 'Angemeldet'),
    // No 403: sign-in needs no CSRF token (decision 003).
    ...errorResponses(400, 401, 413, 415),
    429: {
      ...jsonContent(
        z.object({
          error: z.object({
            code: z.string(),
            message: z.string(),
            details: z.object({ retryAfterSeconds: z.number().int() }),
          }),
        }),
        'Zu viele fehlgeschlagene Versuche: erst nach der Wartezeit (höchstens 60 Sekunden) erneut versuchen',
      ),
      headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Wartezeit in Sekunden' } },
    },
  },
});

export const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Anmeldung'],
  summary: 'Abmelden: beendet die Sitzung (auch ohne gültige Sitzung erfolgreich)',
  responses: { 204: { description: 'Abgemeldet' }, ...errorResponses(403) },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Anmeldung'],
  summary: 'Der angemeldete Benutzer, seine Rolle, Gebiete und sein CSRF-Token',
  ...signedIn(),
  responses: { 200: jsonContent(MeSchema, 'Angemeldet'), ...errorResponses(401) },
});

export const sessionRoute = createRoute({
  method: 'get',
  path: '/auth/session',
  tags: ['Anmeldung'],
  summary:
    'Die aktuelle Sitzung: der angemeldete Benutzer oder null (ohne Fehler, wenn niemand angemeldet ist)',
  responses: { 200: jsonContent(SessionSchema, 'Sitzung') },
});
