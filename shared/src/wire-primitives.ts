/**
 * Building blocks of every request schema: text that PostgreSQL can store,
 * ids that fit its `integer` columns, dates within a plausible range. Input
 * that breaks them is refused at the edge with a 400 naming the field, instead
 * of reaching the database and failing there with a 500.
 */
import { z } from 'zod';
import { de } from 'zod/locales';
import { todayInGermany } from './dates';

// Zod's own messages (wrong type, too small, unknown key …) in German, like all visible text.
z.config(de());

/** The largest value of PostgreSQL's `integer` (int4), the type of every id and version column. */
export const INT32_MAX = 2_147_483_647;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character that `textProblem` refuses (NUL or a lone surrogate), for finding it in a file. */
export const UNSTORABLE_CHARACTER = new RegExp(`\\u0000|${LONE_SURROGATE.source}`);

/**
 * Why a text cannot be stored, or null. PostgreSQL refuses the NUL character in
 * `text`, and a lone UTF-16 surrogate is no Unicode character (it cannot be
 * encoded as UTF-8).
 */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'Enthält das unzulässige Zeichen NUL (U+0000).';
  if (LONE_SURROGATE.test(value))
    return 'Enthält ein ungültiges Unicode-Zeichen (einzelnes UTF-16-Surrogat).';
  return null;
}

/** A string without NUL and lone surrogates; chain .trim(), .min(), .max() as with z.string(). */
export const safeText = () =>
  z.string().superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A positive id or OZG-ID in a JSON body: an `integer` column holds at most 2^31 - 1. */
export const idSchema = () =>
  z
    .number()
    .int('Ganze Zahl erwartet')
    .min(1, 'Positive Zahl erwartet')
    .max(INT32_MAX, `Zahl zu groß (höchstens ${INT32_MAX})`);

/** The same for a path or query parameter, which arrives as text. */
export const idParamSchema = () =>
  z.coerce
    .number('Zahl erwartet')
    .int('Ganze Zahl erwartet')
    .min(1, 'Positive Zahl erwartet')
    .max(INT32_MAX, `Zahl zu groß (höchstens ${INT32_MAX})`);

/** A row version for optimistic concurrency (starts at 1, an `integer` column). */
export const versionSchema = () => idSchema().meta({ description: 'the version the client read' });

/**
 * Dates before 2000 are typing errors in this domain (the OZG dates from 2017;
 * no administration had its services online before), and a year like 0000 is
 * not even a date PostgreSQL accepts.
 */
export const EARLIEST_DATE = '2000-01-01';
/** Planned and due dates lie in the future, but not beyond this century. */
export const LATEST_DATE = '2099-12-31';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** German notation of an ISO date, for messages. */
export function germanDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/**
 * Why an ISO date lies outside the plausible range, or null. `latest: 'today'`
 * for dates that cannot be in the future (Germany's calendar day, decision 005).
 */
export function dateRangeProblem(
  value: string,
  latest: 'today' | 'any',
  today = todayInGermany(),
): string | null {
  if (value < EARLIEST_DATE) return `Datum vor dem ${germanDate(EARLIEST_DATE)} ist nicht plausibel.`;
  if (latest === 'today' && value > today)
    return `Datum liegt in der Zukunft (heute ist der ${germanDate(today)}).`;
  if (value > LATEST_DATE) return `Datum nach dem ${germanDate(LATEST_DATE)} ist nicht plausibel.`;
  return null;
}

const dateSchema = (latest: 'today' | 'any', hint = '') =>
  z.iso.date('Datum im Format JJJJ-MM-TT erwartet').superRefine((value, ctx) => {
    // Today is read on every request, not once when the server starts.
    const problem = ISO_DATE.test(value) ? dateRangeProblem(value, latest) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem}${hint}` });
  });

/** A calendar date from 2000-01-01 to 2099-12-31, e.g. a planned or due date. */
export const plausibleDate = () =>
  dateSchema('any').meta({ description: `ISO date from ${EARLIEST_DATE} to ${LATEST_DATE}` });

/** A date that cannot be in the future (e.g. "online seit"): 2000-01-01 up to today in Germany. */
export const pastDate = () =>
  dateSchema('today').meta({ description: `ISO date from ${EARLIEST_DATE} up to today (Europe/Berlin)` });

/** The day of a figure or territory ("Stand am"): there are none for days that have not come yet. */
export const asOfDate = () =>
  dateSchema('today', ' Stände gibt es nur bis heute.').meta({
    description: `ISO date from ${EARLIEST_DATE} up to today (Europe/Berlin)`,
  });

/** A record not confirmed for more than this many days counts as stale unless the reader picks another threshold. */
export const DEFAULT_STALE_DAYS = 90;
/** Bounds of the threshold: a day at least, ten years at most (older confirmations are simply stale). */
export const STALE_DAYS_RANGE = { min: 1, max: 3650 } as const;

export const staleDaysSchema = () =>
  z.coerce
    .number({ error: 'Schwelle in Tagen als ganze Zahl erwartet' })
    .int('Schwelle in Tagen als ganze Zahl erwartet')
    .min(STALE_DAYS_RANGE.min, `Schwelle mindestens ${STALE_DAYS_RANGE.min} Tag`)
    .max(STALE_DAYS_RANGE.max, `Schwelle höchstens ${STALE_DAYS_RANGE.max} Tage`)
    .optional()
    .meta({
      description: `Tage ohne Bestätigung, ab denen ein Status veraltet ist (Standard ${DEFAULT_STALE_DAYS})`,
    });
