/** Pure shaping for the consulting pages: filters, conflicts, chart rows. */
import {
  CONSULTING_AREA_LABELS,
  CONSULTING_AREAS,
  type Consultation,
  type ConsultingArea,
  type ConsultingModule,
  type ConsultingReport,
  type WorklistItem,
} from '@ozg/shared';
import { z } from 'zod';
import { oneOfParam, pageParam } from '../../lib/search-params';

/** The worklist's address (?kreis=06435&bereich=ozg&seite=2); anything invalid means "all" (or page 1). */
export const worklistSearch = z.object({
  bereich: oneOfParam(CONSULTING_AREAS),
  kreis: z
    .string()
    .regex(/^\d{5}$/)
    .nullable()
    .catch(null),
  seite: pageParam(),
});

/** The Kreise the worklist's municipalities belong to, by name, each once. */
export function kreisOptions(items: readonly WorklistItem[]): { ags: string; name: string }[] {
  const byAgs = new Map<string, string>();
  for (const item of items) if (item.kreis) byAgs.set(item.kreis.ags, item.kreis.name);
  return [...byAgs].map(([ags, name]) => ({ ags, name })).sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** Active modules of an area, to choose one when offering a consultation. */
export const activeModulesOf = (modules: readonly ConsultingModule[], area: ConsultingArea) =>
  modules.filter((module) => module.active && module.area === area);

/** Areas in which the municipality can still be offered a consultation (none that is not cancelled). */
export function openAreas(consultations: readonly Consultation[]): ConsultingArea[] {
  return CONSULTING_AREAS.filter(
    (area) =>
      !consultations.some((consultation) => consultation.area === area && consultation.state !== 'cancelled'),
  );
}

/** An area's name that may break on phones: a soft hyphen in "Verwaltungs­digitalisierung". */
export const breakableAreaLabel = (area: ConsultingArea) =>
  CONSULTING_AREA_LABELS[area].replace('Verwaltungs', 'Verwaltungs\u00ad');

/** "1 Kommune", "12 Kommunen". */
export const municipalitiesCount = (count: number) =>
  `${new Intl.NumberFormat('de-DE').format(count)} ${count === 1 ? 'Kommune' : 'Kommunen'}`;

const points = new Intl.NumberFormat('de-DE', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

/** A difference of two shares (0..1) in percentage points: "−12,3 Pp." */
export function formatPoints(difference: number | null | undefined): string {
  return difference === null || difference === undefined ? '–' : `${points.format(difference * 100)} Pp.`;
}

/** One bar group per Regierungsbezirk or Kreis: the share of municipalities consulted per area (0..1). */
export type UptakeChartRow = {
  ags: string;
  name: string;
  level: string;
  ozg: number;
  verwaltungsdigitalisierung: number;
};

export function uptakeChartRows(report: ConsultingReport): UptakeChartRow[] {
  return report.uptake
    .filter((row) => row.region.level === 'bezirk' || row.region.level === 'kreis')
    .map((row) => ({
      ags: row.region.ags,
      name: row.region.name,
      level: row.region.level,
      ozg: row.held.ozg?.share ?? 0,
      verwaltungsdigitalisierung: row.held.verwaltungsdigitalisierung?.share ?? 0,
    }));
}
