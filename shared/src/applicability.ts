import type { ExecutingLevel } from './catalog';
import { isCityKreis, type RegionKind, type RegionLevel } from './regions';

/**
 * An administration that carries service statuses: every Gemeinde (for a
 * kreisfreie Stadt also its Kreis tasks) and every Landkreis for its own tasks.
 * The Kreis record of a kreisfreie Stadt is the same administration as its
 * Gemeinde record and carries nothing itself, so nothing is counted twice.
 */
export type Administration = { level: RegionLevel; kind: RegionKind };

export function carriesStatuses(region: Administration): boolean {
  return region.level === 'gemeinde' || (region.level === 'kreis' && !isCityKreis(region.kind));
}

/**
 * Whether a service with this executing level is in the region's target set by
 * default (domain.md: Gemeinde level, Kreis level; kreisfreie Städte carry both).
 * Deviations such as a Sonderstatusstadt's Kreis tasks are per-region exceptions.
 */
export function appliesByDefault(region: Administration, executingLevel: ExecutingLevel | null): boolean {
  if (!carriesStatuses(region)) return false;
  if (executingLevel === 'gemeinde') return region.level === 'gemeinde';
  if (executingLevel === 'kreis') return region.level === 'kreis' || isCityKreis(region.kind);
  return false;
}
