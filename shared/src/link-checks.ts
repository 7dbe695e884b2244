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

/**
 * A link counts as broken when its last check failed; `refused` was never checked, so it is not broken.
 * The one list of results that are not broken: isBrokenLink and the SQL predicate (brokenLinkSql) read it.
 */
export const NOT_BROKEN_LINK_RESULTS = ['ok', 'refused'] as const satisfies readonly LinkResult[];

export function isBrokenLink(result: LinkResult): boolean {
  return !(NOT_BROKEN_LINK_RESULTS as readonly LinkResult[]).includes(result);
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

export const BrokenLinkSchema = z
  .object({
    statusId: z.number().int(),
    ozgId: z.number().int(),
    serviceName: z.string(),
    regionAgs: z.string(),
    regionName: z.string(),
    url: z.string(),
    link: LinkStateSchema,
  })
  .meta({ id: 'BrokenLink' });
export type BrokenLink = z.infer<typeof BrokenLinkSchema>;

/** The link state of a region's target statuses: counts, and the broken links longest broken first. */
export const RegionLinksSchema = z
  .object({
    /** Target statuses that record a URL. */
    withUrl: z.number().int(),
    /** Of those, how many have been checked at least once. */
    checked: z.number().int(),
    /** Of those, how many failed their last check. */
    broken: z.number().int(),
    /** Time of the newest check of any of them. */
    lastCheckedAt: z.string().nullable(),
    items: z.array(BrokenLinkSchema).meta({ description: 'broken links, longest broken first; at most 500' }),
  })
  .meta({ id: 'RegionLinks' });
export type RegionLinks = z.infer<typeof RegionLinksSchema>;
