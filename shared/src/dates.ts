/**
 * One calendar (decision 010): every day the product speaks of (a status's
 * "online seit", a snapshot, a series point, `asOf`) is the calendar day in
 * Germany. An instant belongs to the German day on which it happened; a day
 * ends at midnight Europe/Berlin (23:00 UTC in winter, 22:00 UTC in summer).
 */
export const GERMAN_TIME_ZONE = 'Europe/Berlin';

const berlinDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: GERMAN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The German calendar day (YYYY-MM-DD) of an instant; between 22:00/23:00 and 24:00 UTC it is the UTC date's next day. */
export function germanDayOf(instant: Date): string {
  return berlinDate.format(instant);
}

/** Today's date in Germany as YYYY-MM-DD (between 00:00 and 02:00 it differs from the UTC date). */
export function todayInGermany(now: Date = new Date()): string {
  return germanDayOf(now);
}

/** The first instant of the German day after `day`: everything before it happened on or before `day`. */
export function endOfGermanDay(day: string): Date {
  // Midnight in Berlin is 22:00 or 23:00 UTC of the day before; try both offsets and keep the one that is midnight.
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
  for (const hours of [1, 2]) {
    const candidate = new Date(next.getTime() - hours * 3_600_000);
    if (germanDayOf(candidate) !== day && germanDayOf(new Date(candidate.getTime() - 1)) === day)
      return candidate;
  }
  throw new Error(`no German midnight after ${day}`);
}
