import type { AppType } from '@ozg/api/client';
import { type ErrorBody, ErrorBodySchema } from '@ozg/shared';
import { hc } from 'hono/client';

/** Where the API lives, for plain links such as file downloads. */
export const API_BASE = '/api/v1';

/** The file formats of the exports (`format=` of the API): CSV for German Excel, or XLSX. */
export type ExportFormat = 'csv' | 'xlsx';

/**
 * The session's CSRF token (from sign-in or GET /me). Every write of a signed-in
 * user must send it; the session cookie alone is not enough (decision 003).
 */
let csrfToken: string | null = null;

/** Called by the sign-in state whenever the current user (and with it the token) is known. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Headers of every request of the web app; also for uploads that need XMLHttpRequest (upload progress). */
export function requestHeaders(): Record<string, string> {
  // The audit trail's source "ui" follows from the session cookie (decision 003), not from a header.
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

export const api = hc<AppType>(API_BASE, { headers: requestHeaders });

/** A failed API request, carrying the API's error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(
      body?.error.message ??
        `Der Server hat nicht wie erwartet geantwortet (HTTP ${status}). Bitte versuchen Sie es in einigen Minuten noch einmal.`,
    );
    this.name = 'ApiError';
  }
}

/** The API's error shape in a parsed answer, or null when the answer is something else (a proxy's page). */
export function errorBodyOf(body: unknown): ErrorBody | null {
  const parsed = ErrorBodySchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** A schema of `@ozg/shared` as far as reading details needs it (the web app has no zod of its own). */
type DetailsSchema<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false } };

/**
 * The details of a failed request with this status, checked against the
 * shared schema the API documents for them (wire-errors: the current records
 * of a 409, the problems of a 422). Null for any other failure and for details
 * of another shape: the page then shows the API's message instead of breaking.
 */
export function errorDetails<T>(error: unknown, status: number, schema: DetailsSchema<T>): T | null {
  if (!(error instanceof ApiError) || error.status !== status) return null;
  const parsed = schema.safeParse(error.body?.error.details);
  return parsed.success ? parsed.data : null;
}

type JsonResponse = { ok: boolean; status: number; json(): Promise<unknown> };

/**
 * The success body of a typed response: every variant except the error shapes,
 * and except the file answers of routes that also export (format=csv|xlsx:
 * text or a plain Response), which a request without `format` never gets.
 */
export type SuccessBody<R extends JsonResponse> = Exclude<
  Awaited<ReturnType<R['json']>>,
  { error: unknown } | string | Response
>;

/** Checks the response and returns its JSON body, or throws an ApiError. */
export async function unwrap<R extends JsonResponse>(response: Promise<R>): Promise<SuccessBody<R>> {
  const res = await response;
  if (!res.ok) {
    throw new ApiError(res.status, errorBodyOf(await res.json().catch(() => null)));
  }
  try {
    return (await res.json()) as SuccessBody<R>;
  } catch {
    // A proxy's HTML page or a cut-off answer: JSON.parse's English must not reach the user.
    throw new ApiError(res.status, null);
  }
}

/**
 * The German sentence a user sees for any failed request. The API's own
 * messages are German and say what to do; anything else (a TypeError of a
 * lost connection, a SyntaxError of JSON.parse, an HTTP status without the
 * API's error body) is a JavaScript message in English and gives way to
 * `fallback`, which says what failed, and a hint what to do next.
 */
export function userMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  const offline = error instanceof TypeError;
  return `${fallback} ${offline ? 'Bitte prüfen Sie die Internetverbindung und versuchen Sie es noch einmal.' : 'Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.'}`;
}
