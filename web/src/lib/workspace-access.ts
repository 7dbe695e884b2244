import type { RegionLevel, UserRole } from '@ozg/shared';

/** The signed-in user as far as access goes (or null when nobody is signed in). */
export type Viewer = { role: UserRole; regions: readonly { ags: string }[] } | null;

/**
 * Whether the user may open a municipality's workspace (/arbeitsbereich/{AGS}):
 * Gemeinden and Kreise carry statuses; the ministry opens every one, an officer
 * those assigned to them. Other roles get a read-only view later, not this link.
 */
export function mayOpenWorkspace(viewer: Viewer, region: { ags: string; level: RegionLevel }): boolean {
  if (!viewer || (region.level !== 'gemeinde' && region.level !== 'kreis')) return false;
  if (viewer.role === 'admin') return true;
  return viewer.role === 'officer' && viewer.regions.some((own) => own.ags === region.ags);
}

export const workspacePath = (ags: string) => `/arbeitsbereich/${ags}`;

/** The officer's reconciliation with the federal Data Hub (decision 021). */
export const reconciliationPath = (ags: string) => `/arbeitsbereich/${ags}/abgleich`;

/** The ministry's audit trail of a region and every municipality in it. */
export const auditTrailPath = (ags: string) => `/verwaltung/protokoll?gebiet=${ags}`;
