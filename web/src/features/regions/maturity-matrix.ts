import type { RegionProgress } from '@ozg/shared';

/** One Themenfeld's target services split by Reifegrad 0-4; shares of its target services, 0-1. */
export type MaturityRow = {
  themenfeld: string;
  targetServices: number;
  counts: number[];
  shares: number[];
  conformantShare: number | null;
};

/** Themenfelder with target services, highest OZG-konform share first. */
export function shapeMaturityMatrix(byThemenfeld: RegionProgress['byThemenfeld']): MaturityRow[] {
  return byThemenfeld
    .filter(({ figures }) => figures.targetServices > 0)
    .map(({ themenfeld, figures }) => ({
      themenfeld,
      targetServices: figures.targetServices,
      counts: figures.levelCounts,
      shares: figures.levelCounts.map((count) => count / figures.targetServices),
      conformantShare: figures.conformantShare,
    }))
    .sort(
      (a, b) =>
        (b.conformantShare ?? 0) - (a.conformantShare ?? 0) || a.themenfeld.localeCompare(b.themenfeld, 'de'),
    );
}
