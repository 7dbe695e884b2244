import { z } from 'zod';

/**
 * What the last check of a recorded service URL found. `ok`: the address (after
 * redirects) answered 2xx. `refused` is no finding about the link: the address
 * resolves to a private or loopback network, which the checker does not reach
 * (a recorded URL must not make the server probe its own network).
 */
export const LINK_RESULTS = [
  'ok',
  'http_error',
  'timeout',
  'unreachable',
  'redirect_loop',
  'too_many_redirects',
  'refused',
] as const;
export type LinkResult = (typeof LINK_RESULTS)[number];

export const LINK_RESULT_LABELS: Record<LinkResult, string> = {
  ok: 'erreichbar',
  http_error: 'HTTP-Fehler',
  timeout: 'Zeitüberschreitung',
  unreachable: 'nicht erreichbar',
  redirect_loop: 'Weiterleitungsschleife',
  too_many_redirects: 'zu viele Weiterleitungen',
  refused: 'nicht geprüft (internes Netz)',
};

/** A link counts as broken when its last check failed; `refused` was never checked, so it is not broken. */
export function isBrokenLink(result: LinkResult): boolean {
  return result !== 'ok' && result !== 'refused';
}

export const LinkStateSchema = z
  .object({
    result: z.enum(LINK_RESULTS),
    httpStatus: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'HTTP status of the last answer, null without one' }),
    checkedAt: z.string().meta({ description: 'time of the last check (ISO 8601)' }),
    lastSuccessAt: z.string().nullable(),
    brokenSince: z.string().nullable().meta({ description: 'first failed check since the last success' }),
  })
  .meta({ id: 'LinkState' });
export type LinkState = z.infer<typeof LinkStateSchema>;
