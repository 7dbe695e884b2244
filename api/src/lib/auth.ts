import type { UserRole } from '@ozg/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { type Actor, SESSION_COOKIE, sessionFromToken } from '../services/auth';
import { AppError } from './errors';
import type { AppBindings } from './router';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads the session cookie. Writes authenticated by the cookie must carry the
 * session's CSRF token in X-CSRF-Token: a cross-site form cannot read it.
 */
export const sessionMiddleware: MiddlewareHandler<AppBindings> = async (c, next) => {
  c.set('actor', null);
  c.set('csrfToken', null);
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const session = await sessionFromToken(c.get('database').db, token);
    if (session) {
      if (!SAFE_METHODS.has(c.req.method) && c.req.header('x-csrf-token') !== session.csrfToken) {
        throw new AppError('forbidden', 'CSRF-Token fehlt oder ist ungültig. Bitte die Seite neu laden.');
      }
      c.set('actor', session.actor);
      c.set('csrfToken', session.csrfToken);
    }
  }
  await next();
};

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

/** Where a change comes from, for the audit trail: the web app says "ui", everything else is "api". */
export function changeSource(c: Context<AppBindings>): 'ui' | 'api' {
  return c.req.header('x-ozg-client') === 'web' ? 'ui' : 'api';
}
