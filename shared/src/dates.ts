/** Calendar dates as the users see them: the day in Germany, not in UTC. */
const berlinDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Germany as YYYY-MM-DD (between 00:00 and 02:00 it differs from the UTC date). */
export function todayInGermany(now: Date = new Date()): string {
  return berlinDate.format(now);
}
