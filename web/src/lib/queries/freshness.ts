/**
 * Query options of provenance and freshness (decision 025): one per endpoint.
 * Region keys start with `['regions', key]` and status keys with
 * `['statuses', id]`, so that a write invalidates them with the rest.
 */
import type { StaleSort } from '@ozg/shared';
import { keepPreviousData, type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api-client';

/** GET /statuses/{id}/provenance: per field the source and time of the last change. */
export const provenanceQueryOptions = (statusId: number) =>
  queryOptions({
    queryKey: ['statuses', statusId, 'provenance'],
    queryFn: () => unwrap(api.statuses[':id'].provenance.$get({ param: { id: String(statusId) } })),
  });

export const useProvenance = (statusId: number) => useQuery(provenanceQueryOptions(statusId));

/** GET /regions/{key}/freshness: when the administration last confirmed, how many are stale. */
export const freshnessQueryOptions = (key: string, days?: number) =>
  queryOptions({
    queryKey: ['regions', key, 'freshness', { days: days ?? null }],
    queryFn: () =>
      unwrap(
        api.regions[':key'].freshness.$get({ param: { key }, query: days ? { days: String(days) } : {} }),
      ),
  });

export const useFreshness = (key: string, enabled = true) =>
  useQuery({ ...freshnessQueryOptions(key), enabled });

/** GET /regions/{key}/reminders: stale statuses, open Data Hub differences, broken links. */
export const remindersQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'reminders'],
    queryFn: () => unwrap(api.regions[':key'].reminders.$get({ param: { key }, query: {} })),
  });

export const useReminders = (key: string) => useQuery(remindersQueryOptions(key));

export type StaleListParams = { days: number; sort: StaleSort; order: 'asc' | 'desc'; page: number };

/** GET /freshness/stale: the administrations with statuses not confirmed for more than `days` (ministry). */
export const staleListQueryOptions = (params: StaleListParams) =>
  queryOptions({
    queryKey: ['freshness', 'stale', params],
    queryFn: () =>
      unwrap(
        api.freshness.stale.$get({
          query: {
            days: String(params.days),
            sort: params.sort,
            order: params.order,
            page: String(params.page),
            pageSize: '50',
          },
        }),
      ),
    // Another threshold or order keeps the rows on screen until the next arrive.
    placeholderData: keepPreviousData,
  });

export const useStaleList = (params: StaleListParams) => useQuery(staleListQueryOptions(params));

/** After a write that confirms statuses (an edit, a bulk edit, an undo, "Bestätigen"): the badge and reminders follow. */
export function invalidateFreshness(queryClient: QueryClient, regionKey: string): void {
  for (const part of ['freshness', 'reminders'])
    void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, part] });
}
