/** German number and date formatting for everything the UI shows. */

const integer = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('de-DE', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : integer.format(value);
}

/** A share between 0 and 1 as "12,3 %". */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : percent.format(value);
}

/** An ISO date (2022-12-31) as 31.12.2022. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

const dateTime = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Berlin',
});

/** A timestamp as "31.12.2022, 14:05", German time. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '–';
}

const points = new Intl.NumberFormat('de-DE', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

/** A difference of two shares (0.123 = 12,3 percentage points) as "+12,3 Pp." or "-4,0 Pp.". */
export function formatPercentagePoints(difference: number | null | undefined): string {
  return difference === null || difference === undefined
    ? '–'
    : `${points.format(difference * 100)}\u00a0Pp.`;
}

/** A count with its noun in singular or plural: "1 Leistung", "1.234 Leistungen". */
export function formatCount(count: number, singular: string, plural: string): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}
