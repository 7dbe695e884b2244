/** German number and date formatting for everything the UI shows. */
import { LINK_RESULT_LABELS, type LinkState, type RegionKind, type RegionLevel } from '@ozg/shared';

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

/** The name of the helper the issue asks for; the same as `formatCount`. */
export const countOf = formatCount;

/**
 * A past span of days as a time phrase: "heute", "gestern", "vor 30 Tagen".
 * ("In 30 Tagen" reads as the future.)
 */
export function daysAgo(days: number): string {
  if (days <= 0) return 'heute';
  if (days === 1) return 'gestern';
  return `vor ${formatNumber(days)} Tagen`;
}

/** The span up to today: "am letzten Tag", "in den letzten 30 Tagen". */
export function inLastDays(days: number): string {
  return days === 1 ? 'am letzten Tag' : `in den letzten ${formatNumber(days)} Tagen`;
}

/** "Link defekt seit 12 Tagen · HTTP 404": the workspace's badge for a broken link. */
export function brokenLinkText(link: LinkState, now: Date = new Date()): string {
  const cause =
    link.result === 'http_error' && link.httpStatus !== null
      ? `HTTP ${link.httpStatus}`
      : LINK_RESULT_LABELS[link.result];
  if (!link.brokenSince) return `Link defekt · ${cause}`;
  const days = Math.floor((now.getTime() - new Date(link.brokenSince).getTime()) / 86_400_000);
  const since = days <= 0 ? 'seit heute' : `seit ${formatCount(days, 'Tag', 'Tagen')}`;
  return `Link defekt ${since} · ${cause}`;
}

type NamedRegion = { name: string; level: RegionLevel; kind: RegionKind };

const CITY_KINDS: readonly RegionKind[] = ['kreisfreie_stadt', 'stadtkreis', 'stadt', 'grosse_kreisstadt'];

/**
 * "in" with the article a region takes, from its level and kind: a Land has
 * none ("in Hessen"), a Regierungsbezirk or Kreis is masculine ("im
 * Regierungsbezirk Darmstadt", "im Main-Kinzig-Kreis", "im Landkreis
 * Bergstraße"), a city or Gemeinde is named with its kind ("in der Stadt
 * Offenbach am Main", "in der Gemeinde Biebertal"). The official name only
 * decides whether the kind is already part of it ("Wetteraukreis") and loses
 * its suffix (", Stadt"), which would read twice after "der Stadt".
 */
export function inRegion(region: NamedRegion): string {
  const { name, level, kind } = region;
  if (level === 'land') return `in ${name}`;
  if (level === 'bezirk')
    return /^Regierungsbezirk\b/.test(name) ? `im ${name}` : `im Regierungsbezirk ${name}`;
  const bare = name.split(',')[0]?.trim() || name;
  if (CITY_KINDS.includes(kind)) return `in der Stadt ${bare}`;
  if (level === 'kreis') {
    if (/kreis$/i.test(bare)) return `im ${bare}`;
    const noun = kind === 'regionalverband' ? 'Regionalverband' : kind === 'kreis' ? 'Kreis' : 'Landkreis';
    return `im ${noun} ${bare}`;
  }
  if (kind === 'markt') return `im Markt ${bare.replace(/^Markt\s+/, '')}`;
  return `in der Gemeinde ${bare}`;
}
