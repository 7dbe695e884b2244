import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { requireActor, sessionToken } from '../../lib/auth';
import { AppError } from '../../lib/errors';
import { type AppBindings, createRouter } from '../../lib/router';
import { type Actor, login, logout, SESSION_COOKIE } from '../../services/auth';
import { loginRoute, logoutRoute, meRoute, sessionRoute } from './auth.routes';

export type AuthOptions = { secureCookies: boolean; trustProxy: boolean };

function clientAddress(c: Context<AppBindings>, trustProxy: boolean): string {
  // The rightmost entry is the one the trusted proxy appended; the ones before it the client can forge.
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  if (forwarded) return forwarded.slice(0, 64);
  try {
    return getConnInfo(c).remote.address ?? 'unbekannt';
  } catch {
    return 'unbekannt'; // in-process requests (tests) have no socket
  }
}

function retryAfterSeconds(error: AppError): number | undefined {
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  return error.code === 'rate_limited' && typeof details?.retryAfterSeconds === 'number'
    ? details.retryAfterSeconds
    : undefined;
}

const me = (actor: Actor, csrfToken: string) => ({
  id: actor.id,
  email: actor.email,
  displayName: actor.displayName,
  role: actor.role,
  regions: actor.regions.map(({ ags, name }) => ({ ags, name })),
  csrfToken,
});

export function authRouter(options: AuthOptions) {
  return createRouter()
    .openapi(loginRoute, async (c) => {
      const { email, password } = c.req.valid('json');
      const result = await login({
        db: c.get('database').db,
        email,
        password,
        clientAddress: clientAddress(c, options.trustProxy),
        previousToken: getCookie(c, SESSION_COOKIE),
      }).catch((error: unknown) => {
        const wait = error instanceof AppError ? retryAfterSeconds(error) : undefined;
        if (wait !== undefined) c.header('Retry-After', String(wait));
        throw error;
      });
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: options.secureCookies,
        path: '/',
        // A browser-session cookie: the server decides how long the session lives (sliding, with a cap).
      });
      return c.json(me(result.actor, result.csrfToken), 200);
    })
    .openapi(logoutRoute, async (c) => {
      const { token } = sessionToken(c);
      if (token) await logout(c.get('database').db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => {
      const actor = requireActor(c);
      return c.json(me(actor, c.get('csrfToken') ?? ''), 200);
    })
    .openapi(sessionRoute, async (c) => {
      const actor = c.get('actor');
      return c.json({ user: actor ? me(actor, c.get('csrfToken') ?? '') : null }, 200);
    });
}
