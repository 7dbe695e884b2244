/**
 * Query options of the region resource (`/regions/{key}` and its figures):
 * one function and one query key per endpoint, so that every page that reads
 * the same endpoint shares one cache entry and one request. Keys start with
 * `['regions', key]`, so that a write can invalidate everything about a region.
 */
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { API_BASE, api, type ExportFormat, unwrap } from '../api-client';

/** Everything cached about one region (for invalidation). */
export const regionScope = (key: string) => ['regions', key] as const;

/** GET /regions/{key}: a region by AGS or ARS, on the territory of `asOf` (today when missing). */
export const regionQueryOptions = (key: string, asOf?: string | null) =>
  queryOptions({
    queryKey: ['regions', key, { asOf: asOf ?? null }],
    queryFn: () => unwrap(api.regions[':key'].$get({ param: { key }, query: asOf ? { asOf } : {} })),
  });

/** The region, or nothing while `key` is null. */
export const useRegion = (key: string | null, asOf?: string | null) =>
  useQuery({ ...regionQueryOptions(key ?? '', asOf), enabled: key !== null });

/**
 * GET /regions/{key}/children: the direct parts of a region (Bezirke of a
 * Land, Kreise of a Bezirk, Gemeinden of a Kreis), or with `level` all
 * descendants of that level (every Kreis of a Land).
 */
export const regionChildrenQueryOptions = (key: string, level?: 'kreis') =>
  queryOptions({
    queryKey: ['regions', key, 'children', { level: level ?? null }],
    queryFn: () =>
      unwrap(api.regions[':key'].children.$get({ param: { key }, query: level ? { level } : {} })),
  });

export const useRegionChildren = (key: string, level?: 'kreis') =>
  useQuery(regionChildrenQueryOptions(key, level));

/** GET /regions/{key}/progress: a region's figures, total and per Themenfeld, today or on `asOf`. */
export const progressQueryOptions = (
  key: string,
  asOf?: string | null,
  model?: { model: '2.0'; minLevel?: number | null },
) =>
  queryOptions({
    queryKey: [
      'regions',
      key,
      'progress',
      { asOf: asOf ?? null, model: model?.model ?? '1.1', minLevel: model?.minLevel ?? null },
    ],
    queryFn: () =>
      unwrap(
        api.regions[':key'].progress.$get({
          param: { key },
          query: {
            ...(asOf ? { asOf } : {}),
            ...(model ? { model: model.model } : {}),
            ...(model?.minLevel != null ? { minLevel: String(model.minLevel) } : {}),
          },
        }),
      ),
  });

export const useProgress = (key: string, asOf?: string | null) => useQuery(progressQueryOptions(key, asOf));

/** The same endpoint with the figures by Reifegradmodell 2.0 (on a past day from its 2.0 snapshot); disabled for 1.1. */
export const useProgress2 = (
  key: string,
  asOf: string | null | undefined,
  enabled: boolean,
  minLevel: number | null,
) => useQuery({ ...progressQueryOptions(key, asOf, { model: '2.0', minLevel }), enabled });

/** GET /regions/{key}/maturity-mapping: 1.1 level × 2.0 level of the counted statuses. */
export const useMaturityMapping = (key: string, enabled = true) =>
  useQuery({
    queryKey: ['regions', key, 'maturity-mapping'],
    queryFn: () => unwrap(api.regions[':key']['maturity-mapping'].$get({ param: { key } })),
    enabled,
  });

/** The same figures as a file: the region and each Themenfeld by Reifegrad. */
export const progressFileUrl = (key: string, asOf: string | null | undefined, format: ExportFormat) =>
  `${API_BASE}${api.regions[':key'].progress.$path({ param: { key }, query: { ...(asOf ? { asOf } : {}), format } })}`;

/** With 2.0 the children carry `model2`; `minLevel` null = the model's conformant level. */
export type Model2Query = { minLevel: number | null } | null | undefined;

/** GET /regions/{key}/children/progress: the direct children with their figures and rank, today or on `asOf`. */
export const childrenProgressQueryOptions = (key: string, asOf?: string | null, model2?: Model2Query) =>
  queryOptions({
    queryKey: [
      'regions',
      key,
      'children',
      'progress',
      { asOf: asOf ?? null, model: model2 ? '2.0' : '1.1', minLevel: model2?.minLevel ?? null },
    ],
    queryFn: () =>
      unwrap(
        api.regions[':key'].children.progress.$get({
          param: { key },
          query: {
            ...(asOf ? { asOf } : {}),
            ...(model2 ? { model: '2.0' as const } : {}),
            ...(model2?.minLevel != null ? { minLevel: String(model2.minLevel) } : {}),
          },
        }),
      ),
  });

export const useChildrenProgress = (key: string | null, asOf?: string | null, model2?: Model2Query) =>
  useQuery({ ...childrenProgressQueryOptions(key ?? '', asOf, model2), enabled: key !== null });

/** The children of several regions at once, e.g. the Kreise of all Regierungsbezirke of a Land. */
export const useChildrenProgressOf = (keys: readonly string[], asOf?: string | null, model2?: Model2Query) =>
  useQueries({
    queries: keys.map((key) => childrenProgressQueryOptions(key, asOf, model2)),
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

/** The same children with their figures as a file; with `level` all descendants of that level (every Kreis). */
export const childrenProgressFileUrl = (
  key: string,
  asOf: string | null | undefined,
  format: ExportFormat,
  level?: 'kreis',
) =>
  `${API_BASE}${api.regions[':key'].children.progress.$path({
    param: { key },
    query: { ...(asOf ? { asOf } : {}), ...(level ? { level } : {}), format },
  })}`;

/**
 * GET /regions/{key}/progress/series: the OZG-konform share month by month up to today or `asOf`, and the
 * forecast; with 2.0 each point also carries the figures by Reifegradmodell 2.0 (`model2`, decision 020).
 */
export const seriesQueryOptions = (key: string, asOf?: string | null, model2?: Model2Query) =>
  queryOptions({
    queryKey: [
      'regions',
      key,
      'progress',
      'series',
      { asOf: asOf ?? null, model: model2 ? '2.0' : '1.1', minLevel: model2?.minLevel ?? null },
    ],
    queryFn: () =>
      unwrap(
        api.regions[':key'].progress.series.$get({
          param: { key },
          query: seriesQuery(asOf, model2),
        }),
      ),
  });

const seriesQuery = (asOf: string | null | undefined, model2: Model2Query) => ({
  ...(asOf ? { asOf } : {}),
  ...(model2 ? { model: '2.0' as const } : {}),
  ...(model2?.minLevel != null ? { minLevel: String(model2.minLevel) } : {}),
});

export const useSeries = (key: string, asOf?: string | null, model2?: Model2Query) =>
  useQuery(seriesQueryOptions(key, asOf, model2));

/** The same course as a file: the deadline, every month end (up to the day shown), the last 90 days. */
export const seriesFileUrl = (
  key: string,
  format: ExportFormat,
  asOf?: string | null,
  model2?: Model2Query,
) =>
  `${API_BASE}${api.regions[':key'].progress.series.$path({ param: { key }, query: { ...seriesQuery(asOf, model2), format } })}`;

/** GET /regions/{key}/activity: how many target statuses below a region were changed in the last 30 days. */
export const activityQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'activity'],
    queryFn: () => unwrap(api.regions[':key'].activity.$get({ param: { key }, query: {} })),
  });

export const useActivity = (key: string) => useQuery(activityQueryOptions(key));

/** GET /regions/{key}/boundaries: the outlines of the Kreise of a region, for the map. */
export const boundariesQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'boundaries'],
    queryFn: () => unwrap(api.regions[':key'].boundaries.$get({ param: { key } })),
    // Outlines change only by an upload, which invalidates every query.
    staleTime: 10 * 60_000,
  });

export const useBoundaries = (key: string) => useQuery(boundariesQueryOptions(key));
