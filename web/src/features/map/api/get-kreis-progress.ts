import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import type { KreisValue } from '../map-layout';

const childrenProgressQueryOptions = (key: string) => ({
  queryKey: ['regions', key, 'children', 'progress', {}] as const,
  queryFn: () => unwrap(api.regions[':key'].children.progress.$get({ param: { key }, query: {} })),
});

/**
 * The OZG-konform share of every Kreis within a Land or Regierungsbezirk: the
 * children of the region, and where those are Regierungsbezirke, theirs.
 */
export function useKreisProgress(regionKey: string): {
  values: KreisValue[];
  isPending: boolean;
  error: unknown;
  refetch: () => void;
} {
  const top = useQuery(childrenProgressQueryOptions(regionKey));
  const bezirke = (top.data?.children ?? []).filter((child) => child.region.level === 'bezirk');
  const nested = useQueries({
    queries: bezirke.map((child) => childrenProgressQueryOptions(child.region.ags)),
  });
  const rows = [top.data, ...nested.map((query) => query.data)].flatMap((data) => data?.children ?? []);
  return {
    values: rows
      .filter((row) => row.region.level === 'kreis')
      .map((row) => ({
        ags: row.region.ags,
        name: row.region.name,
        share: row.figures.conformantShare,
        landkreis: row.region.kind === 'landkreis',
      })),
    isPending: top.isPending || nested.some((query) => query.isPending),
    error: top.error ?? nested.find((query) => query.error)?.error ?? null,
    refetch: () => {
      void top.refetch();
      for (const query of nested) void query.refetch();
    },
  };
}
