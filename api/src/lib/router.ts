import { OpenAPIHono } from '@hono/zod-openapi';
import type { Database } from '@ozg/db';
import { ErrorBodySchema } from '@ozg/shared';
import type { Actor } from '../services/auth';
import { validationError } from './errors';

export type AppBindings = {
  Variables: {
    database: Database;
    actor: Actor | null;
    csrfToken: string | null;
    /** How the session came: the browser's cookie (with CSRF token) or an Authorization header. */
    sessionChannel: 'cookie' | 'bearer' | null;
  };
};

/** A router whose request validation answers with the single error shape. */
export function createRouter() {
  return new OpenAPIHono<AppBindings>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(validationError(result.error, result.target), 400);
    },
  });
}

/** OpenAPI response entries for the error shape. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 422)[]) {
  const descriptions: Record<number, string> = {
    400: 'Ungültige Eingabe',
    401: 'Nicht angemeldet',
    403: 'Keine Berechtigung',
    404: 'Nicht gefunden',
    409: 'Konflikt',
    413: 'Zu groß',
    422: 'Nicht verarbeitbar',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status] as string,
        content: { 'application/json': { schema: ErrorBodySchema } },
      },
    ]),
  );
}

export function jsonContent<T>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
