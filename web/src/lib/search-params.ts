/**
 * The search parameters that several pages share, as fields of a `SearchSchema`
 * (lib/navigation): each field says what a missing or invalid value means.
 */
import { asOfDate } from '@ozg/shared';
import { z } from 'zod';
import { DEFAULT_LAND } from './region-paths';

/** ?land=NN: a Land by its two-digit key; Hessen when missing or invalid. */
export const landParam = () =>
  z
    .string()
    .regex(/^\d{2}$/)
    .catch(DEFAULT_LAND);

/** A region key (AGS or ARS, 2 to 12 digits), or null. */
export const regionKeyParam = () =>
  z
    .string()
    .regex(/^\d{2,12}$/)
    .nullable()
    .catch(null);

/**
 * ?stand=YYYY-MM-DD: a past day within the API's range (shared `asOfDate`),
 * otherwise null, which means today (today itself is not an as-of view).
 */
export const asOfParam = (today: string) =>
  asOfDate()
    .refine((day) => day < today)
    .nullable()
    .catch(null);

/** A calendar date (YYYY-MM-DD) or null, e.g. a filter's from and to. */
export const dayParam = () => z.iso.date().nullable().catch(null);

/** A page number from 1; 1 when missing or invalid. */
export const pageParam = () => z.coerce.number().int().min(1).catch(1);

/** Free text, trimmed (cut to `max` characters when given); '' when missing. */
export const textParam = (max?: number) =>
  z
    .string()
    .transform((text) => (max === undefined ? text.trim() : text.trim().slice(0, max)))
    .catch('');

/** One of a list of values, or null. */
export const oneOfParam = <const Values extends readonly [string, ...string[]]>(values: Values) =>
  z.enum(values).nullable().catch(null);

/** ?modell=2.0: the Reifegradmodell of the figures; 1.1 (the counted model) when missing or invalid. */
export const modelParam = () => z.enum(['1.1', '2.0']).catch('1.1');

/** ?ab=N: the 2.0 level whose share "at or above" is shown; null means the model's conformant level. */
export const minLevelParam = () => z.coerce.number().int().min(0).max(7).nullable().catch(null);
