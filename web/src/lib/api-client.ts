import type { AppType } from '@ozg/api/client';
import type { ErrorBody } from '@ozg/shared';
import { hc } from 'hono/client';

/** Where the API lives, for plain links such as file downloads. */
export const API_BASE = '/api/v1';

export const api = hc<AppType>(API_BASE);

/** A failed API request, carrying the API's error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.error.message ?? `Anfrage fehlgeschlagen (HTTP ${status}).`);
    this.name = 'ApiError';
  }
}

/** Checks the response and returns its JSON body, or throws an ApiError. */
export async function unwrap<T>(
  response: Promise<{ ok: boolean; status: number; json(): Promise<T> }>,
): Promise<Exclude<T, ErrorBody>> {
  const res = await response;
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(res.status, body && typeof body === 'object' && 'error' in body ? body : null);
  }
  return (await res.json()) as Exclude<T, ErrorBody>;
}
