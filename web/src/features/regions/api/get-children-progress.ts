import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import type { ExportFormat } from '../../../components/ExportLinks';
import { API_BASE, api, unwrap } from '../../../lib/api-client';

/** The direct children of a region with their figures and rank, today or on `asOf`. */
export const childrenProgressQueryOptions = (key: string, asOf?: string) =>
  queryOptions({
    queryKey: ['regions', key, 'children', 'progress', { asOf: asOf ?? null }],
    queryFn: () =>
      unwrap(api.regions[':key'].children.progress.$get({ param: { key }, query: asOf ? { asOf } : {} })),
  });

/** The same children with their figures as a file; with `level` all descendants of that level (every Kreis). */
export const childrenProgressFileUrl = (
  key: string,
  asOf: string | undefined,
  format: ExportFormat,
  level?: 'kreis',
) =>
  `${API_BASE}${api.regions[':key'].children.progress.$path({
    param: { key },
    query: { ...(asOf ? { asOf } : {}), ...(level ? { level } : {}), format },
  })}`;

export const useChildrenProgress = (key: string | null, asOf?: string) =>
  useQuery({ ...childrenProgressQueryOptions(key ?? '', asOf), enabled: key !== null });

/** The children of several regions at once, e.g. the Kreise of all Regierungsbezirke of a Land. */
export const useChildrenProgressOf = (keys: readonly string[], asOf?: string) =>
  useQueries({
    queries: keys.map((key) => childrenProgressQueryOptions(key, asOf)),
    combine: (results) => ({
      data: results.every((result) => result.data)
        ? results.flatMap((result) => result.data?.children ?? [])
        : undefined,
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.error)?.error ?? null,
      refetch: () => {
        for (const result of results) void result.refetch();
      },
    }),
  });
