import { model2ReachedShare } from '@ozg/shared';
import { useQueries, useQuery } from '@tanstack/react-query';
import { childrenProgressQueryOptions, type Model2Query } from '../../lib/queries/regions';
import type { KreisValue } from './map-layout';

/**
 * The OZG-konform share of every Kreis within a Land or Regierungsbezirk: the
 * children of the region, and where those are Regierungsbezirke, theirs;
 * today or as of a past day (on that day's territory). With `model2` the
 * share is the one by Reifegradmodell 2.0 (counted statuses at or above the
 * level, model2ReachedShare).
 */
export function useKreisProgress(
  regionKey: string,
  asOf?: string,
  model2?: Model2Query,
): {
  values: KreisValue[];
  /** With model2: the level the API counted from. */
  minLevel: number | null;
  isPending: boolean;
  error: unknown;
  refetch: () => void;
} {
  const top = useQuery(childrenProgressQueryOptions(regionKey, asOf, model2));
  const bezirke = (top.data?.children ?? []).filter((child) => child.region.level === 'bezirk');
  const nested = useQueries({
    queries: bezirke.map((child) => childrenProgressQueryOptions(child.region.ags, asOf, model2)),
  });
  const rows = [top.data, ...nested.map((query) => query.data)].flatMap((data) => data?.children ?? []);
  return {
    values: rows
      .filter((row) => row.region.level === 'kreis')
      .map((row) => ({
        ags: row.region.ags,
        name: row.region.name,
        share: model2 ? (row.model2 ? model2ReachedShare(row.model2) : null) : row.figures.conformantShare,
        kind: row.region.kind,
      })),
    minLevel: rows.find((row) => row.model2)?.model2?.minLevel ?? null,
    isPending: top.isPending || nested.some((query) => query.isPending),
    error: top.error ?? nested.find((query) => query.error)?.error ?? null,
    refetch: () => {
      void top.refetch();
      for (const query of nested) void query.refetch();
    },
  };
}
