import type { UserRole } from '@ozg/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { type Actor, SESSION_COOKIE, sessionFromToken } from '../services/auth';
import { AppError } from './errors';
import type { AppBindings } from './router';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads the session: the browser's cookie or, for machine clients, the same
 * token as `Authorization: Bearer`. Writes authenticated by the cookie must
 * carry the session's CSRF token in X-CSRF-Token: a cross-site form cannot
 * read it. A bearer token is never sent by the browser on its own, so it needs none.
 */
export const sessionMiddleware: MiddlewareHandler<AppBindings> = async (c, next) => {
  c.set('actor', null);
  c.set('csrfToken', null);
  c.set('sessionChannel', null);
  const { token, channel } = sessionToken(c);
  if (token) {
    const session = await sessionFromToken(c.get('database').db, token);
    if (session) {
      if (
        channel === 'cookie' &&
        !SAFE_METHODS.has(c.req.method) &&
        !CSRF_EXEMPT_PATHS.has(c.req.path) &&
        c.req.header('x-csrf-token') !== session.csrfToken
      ) {
        throw new AppError('forbidden', 'CSRF-Token fehlt oder ist ungültig. Bitte die Seite neu laden.');
      }
      c.set('actor', session.actor);
      c.set('csrfToken', session.csrfToken);
      c.set('sessionChannel', channel);
    }
  }
  await next();
};

/** The session token of a request: an Authorization bearer token before the cookie. */
export function sessionToken(c: Context<AppBindings>): {
  token: string | undefined;
  channel: 'cookie' | 'bearer';
} {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer
    ? { token: bearer, channel: 'bearer' }
    : { token: getCookie(c, SESSION_COOKIE), channel: 'cookie' };
}

// Signing in authenticates by password, not by the cookie; it must work while an old session is still open (it ends it).
const CSRF_EXEMPT_PATHS = new Set(['/api/v1/auth/login']);

export function requireActor(c: Context<AppBindings>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthenticated', 'Bitte anmelden.');
  return actor;
}

export function requireRole(c: Context<AppBindings>, ...roles: UserRole[]): Actor {
  const actor = requireActor(c);
  if (!roles.includes(actor.role))
    throw new AppError('forbidden', 'Für diese Aktion fehlt die Berechtigung.');
  return actor;
}

/**
 * Where a change comes from, for the audit trail, decided by how the request
 * was authenticated and never by a header the client chooses (decision 003):
 * the browser's session cookie with its CSRF token is the web app ("ui"), a
 * bearer token is another client ("api"). The CSV endpoints record "csv" themselves.
 */
export function changeSource(c: Context<AppBindings>): 'ui' | 'api' {
  return c.get('sessionChannel') === 'cookie' ? 'ui' : 'api';
}
