import { createRoute } from '@hono/zod-openapi';
import { LoginRequestSchema, MeSchema, SessionSchema } from '@ozg/shared';
import { errorResponses, jsonContent, signedIn } from '../../lib/router';

export const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Anmeldung'],
  summary: 'Anmelden: setzt das Sitzungs-Cookie (HttpOnly, SameSite=Lax) und liefert den CSRF-Token',
  request: { body: { content: { 'application/json': { schema: LoginRequestSchema } }, required: true } },
  responses: {
    200: jsonContent(MeSchema, 'Angemeldet'),
    ...errorResponses(400, 401, 403, 413, 415, 429),
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
