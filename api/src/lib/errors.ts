import { QUERY_CANCELED } from '@ozg/db';
import type { ErrorBody, ErrorCode } from '@ozg/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

const STATUS_BY_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  overloaded: 503,
};

/** An expected failure of a request; its message is German and shown to people. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): ContentfulStatusCode {
    return STATUS_BY_CODE[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Field errors of a failed validation, e.g. [{ path: "key", message: "…" }]. */
export function validationError(error: ZodError, where: string) {
  const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return errorBody('validation_failed', `Ungültige Eingabe (${where}).`, details);
}

/** Hono's own refusals (its validator, its media type check) in German, like every visible text. */
const GERMAN_MESSAGES: Record<string, string> = {
  'Malformed JSON in request body': 'Der Inhalt der Anfrage ist kein gültiges JSON.',
  'Unsupported Media Type': 'Dieser Content-Type wird hier nicht angenommen.',
};

/** A statement cancelled on request; drizzle wraps the driver's error in a DrizzleQueryError (its cause). */
function isCancelled(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++)
    if ((e as { code?: unknown }).code === QUERY_CANCELED) return true;
  return false;
}

/** The one place that turns any thrown error into the error shape; only unknown errors are logged. */
export function handleError(error: Error, c: Context) {
  if (error instanceof AppError)
    return c.json(errorBody(error.code, error.message, error.details), error.status);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = (Object.entries(STATUS_BY_CODE).find(([, s]) => s === status)?.[0] ??
      'internal') as ErrorCode;
    return c.json(
      errorBody(code, GERMAN_MESSAGES[error.message] ?? (error.message || 'Anfrage abgelehnt.')),
      status,
    );
  }
  // A read whose client left had its statement cancelled (decision 028): nobody reads the answer, and it
  // is no fault. 499 as for a request dropped from the queue.
  if (c.req.raw.signal.aborted && isCancelled(error)) return new Response(null, { status: 499 });
  console.error(`Unerwarteter Fehler bei ${c.req.method} ${c.req.path}:`, error);
  return c.json(errorBody('internal', 'Interner Fehler. Bitte später erneut versuchen.'), 500);
}
