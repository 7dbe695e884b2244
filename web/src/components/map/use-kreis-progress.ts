import { useQueries, useQuery } from '@tanstack/react-query';
import { childrenProgressQueryOptions } from '../../lib/queries/regions';
import type { KreisValue } from './map-layout';

/**
 * The OZG-konform share of every Kreis within a Land or Regierungsbezirk: the
 * children of the region, and where those are Regierungsbezirke, theirs;
 * today or as of a past day (on that day's territory).
 */
export function useKreisProgress(
  regionKey: string,
  asOf?: string,
): {
  values: KreisValue[];
  isPending: boolean;
  error: unknown;
  refetch: () => void;
} {
  const top = useQuery(childrenProgressQueryOptions(regionKey, asOf));
  const bezirke = (top.data?.children ?? []).filter((child) => child.region.level === 'bezirk');
  const nested = useQueries({
    queries: bezirke.map((child) => childrenProgressQueryOptions(child.region.ags, asOf)),
  });
  const rows = [top.data, ...nested.map((query) => query.data)].flatMap((data) => data?.children ?? []);
  return {
    values: rows
      .filter((row) => row.region.level === 'kreis')
      .map((row) => ({
        ags: row.region.ags,
        name: row.region.name,
        share: row.figures.conformantShare,
        kind: row.region.kind,
      })),
    isPending: top.isPending || nested.some((query) => query.isPending),
    error: top.error ?? nested.find((query) => query.error)?.error ?? null,
    refetch: () => {
      void top.refetch();
      for (const query of nested) void query.refetch();
    },
  };
}
