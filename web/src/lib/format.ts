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
