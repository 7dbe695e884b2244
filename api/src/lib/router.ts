import { OpenAPIHono } from '@hono/zod-openapi';
import type { Database } from '@ozg/db';
import { ErrorBodySchema, type UserRole } from '@ozg/shared';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Actor } from '../services/auth';
import { requireActor, requireRole } from './auth';
import { AppError, validationError } from './errors';
import type { Metrics } from './metrics';

/** While draining (shutdown), /health/ready answers 503 so that a load balancer stops sending. */
export type Lifecycle = { draining: boolean };

export type AppBindings = {
  Variables: {
    database: Database;
    actor: Actor | null;
    csrfToken: string | null;
    /** How the session came: the browser's cookie (with CSRF token) or an Authorization header. */
    sessionChannel: 'cookie' | 'bearer' | null;
    metrics: Metrics;
    lifecycle: Lifecycle;
    /**
     * Set by the embedded database's queue (decision 028): a handler whose work goes on after it has
     * returned (a streamed import) keeps the request's place until `work` settles. Unset on a server.
     */
    holdPlaceUntil: ((work: Promise<unknown>) => void) | undefined;
  };
};

/**
 * A router whose request validation answers with the single error shape, and
 * whose routes with a body refuse any other Content-Type than the ones they
 * declare (415), after the route's own middleware (sign-in first) and before
 * validation. The OpenAPI router checks only JSON and form bodies itself, and
 * answers in English; this covers text and file bodies too.
 */
export function createRouter() {
  const router = new OpenAPIHono<AppBindings>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(validationError(result.error, result.target), 400);
    },
  });
  const openapi = router.openapi;
  router.openapi = ((route, handler, hook) => {
    // The 503 of the embedded database's queue (decision 028) can answer any route but the health checks,
    // which pass the queue by; documented here once instead of in every route.
    const documented = route.path.startsWith('/health')
      ? route
      : { ...route, responses: { ...OVERLOADED_RESPONSE, ...route.responses } };
    const mediaTypes = Object.keys(route.request?.body?.content ?? {});
    if (mediaTypes.length === 0) return openapi(documented, handler, hook);
    const own = route.middleware === undefined ? [] : [route.middleware].flat();
    return openapi({ ...documented, middleware: [...own, accepts(mediaTypes)] }, handler, hook);
  }) as typeof openapi;
  return router;
}

const errorEntry = <const D extends string>(description: D) => ({
  description,
  content: { 'application/json': { schema: ErrorBodySchema } },
});

/**
 * Every error status a route can declare. A literal object, so that the keys
 * stay the literal types 400, 401 … in the route's type and the typed `hc`
 * client sees them (an object built at run time would widen them to string).
 */
const ERROR_RESPONSES = {
  400: errorEntry('Ungültige Eingabe'),
  401: errorEntry('Nicht angemeldet'),
  403: errorEntry('Keine Berechtigung (Rolle, Gebiet oder CSRF-Token)'),
  404: errorEntry('Nicht gefunden'),
  409: errorEntry('Konflikt'),
  413: errorEntry('Zu groß'),
  415: errorEntry('Falscher Content-Type'),
  422: errorEntry('Nicht verarbeitbar'),
  429: errorEntry('Zu viele Versuche'),
} as const;

/** The 503 of the embedded database's bounded queue, on every route (see createRouter). */
const OVERLOADED_RESPONSE = {
  503: {
    ...errorEntry(
      'Der Server ist ausgelastet (zu viele Anfragen warten; Code overloaded); nach Retry-After erneut versuchen',
    ),
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Wartezeit in Sekunden' } },
  },
} as const;
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** OpenAPI response entries for the error shape, e.g. `...errorResponses(400, 401)`. */
export function errorResponses<const S extends ErrorStatus>(
  ...statuses: S[]
): Pick<typeof ERROR_RESPONSES, S> {
  const picked: Partial<typeof ERROR_RESPONSES> = {};
  for (const status of statuses) Object.assign(picked, { [status]: ERROR_RESPONSES[status] });
  return picked as Pick<typeof ERROR_RESPONSES, S>;
}

/**
 * The entry of an error status whose details have a documented shape (the
 * schemas in `@ozg/shared` wire-errors), e.g. `...errorResponse(409, StatusConflictErrorSchema)`
 * beside `...errorResponses(400, 401)`; typed as a literal key like those.
 */
export function errorResponse<const S extends ErrorStatus, B extends z.ZodType>(status: S, body: B) {
  const entry = {
    description: ERROR_RESPONSES[status].description,
    content: { 'application/json': { schema: body } },
  };
  return { [status]: entry } as { [K in S]: typeof entry };
}

export function jsonContent<T>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * Sign-in (and roles) of a route, checked before its parameters and body are
 * validated: an anonymous caller learns nothing about the input rules, and a
 * refused role gets 403 whatever it sends. Spread into createRoute; it also
 * declares the session in the OpenAPI document. Rules that depend on the row
 * (the officer's own region, one's own events) stay in the services.
 */
export function signedIn(...roles: UserRole[]) {
  const guard: MiddlewareHandler<AppBindings> = async (c, next) => {
    if (roles.length > 0) requireRole(c, ...roles);
    else requireActor(c);
    await next();
  };
  return { security: [{ session: [] }], middleware: [guard] };
}

/** Refuses a body whose Content-Type is not one of `mediaTypes` (415, with the expected types). */
function accepts(mediaTypes: string[]): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
    if (!mediaTypes.includes(type)) throw unsupportedMediaType(type, mediaTypes);
    await next();
  };
}

export function unsupportedMediaType(type: string, expected: string[]): AppError {
  return new AppError(
    'unsupported_media_type',
    `Content-Type ${type ? `„${type}“` : 'fehlt'}: erwartet ${expected.join(' oder ')}.`,
    { expected },
  );
}
