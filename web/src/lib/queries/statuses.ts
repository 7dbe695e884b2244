/** Query options of a region's statuses (GET /regions/{key}/statuses), read by the workspace and the consulting pages. */
import type { STATUS_SORTS, Themenfeld, WorkflowState } from '@ozg/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api-client';

/** Filters, sort and page of a status list; undefined = no filter. */
export type StatusListParams = {
  q?: string;
  themenfeld?: Themenfeld;
  maturityLevel?: number;
  workflowState?: WorkflowState;
  overdue?: boolean;
  /** Only statuses not confirmed for more than this many days (decision 025). */
  staleDays?: number;
  /** Only statuses whose URL failed its last check. */
  brokenLink?: boolean;
  sort: (typeof STATUS_SORTS)[number];
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

export const statusesQueryOptions = (regionKey: string, params: StatusListParams) =>
  queryOptions({
    queryKey: ['regions', regionKey, 'statuses', params],
    queryFn: () =>
      unwrap(
        api.regions[':key'].statuses.$get({
          param: { key: regionKey },
          query: {
            ...(params.q ? { q: params.q } : {}),
            ...(params.themenfeld ? { themenfeld: params.themenfeld } : {}),
            ...(params.maturityLevel !== undefined ? { maturityLevel: String(params.maturityLevel) } : {}),
            ...(params.workflowState ? { workflowState: params.workflowState } : {}),
            ...(params.overdue ? { overdue: 'true' as const } : {}),
            ...(params.staleDays ? { staleDays: String(params.staleDays) } : {}),
            ...(params.brokenLink ? { brokenLink: 'true' as const } : {}),
            sort: params.sort,
            order: params.order,
            page: String(params.page),
            pageSize: String(params.pageSize),
          },
        }),
      ),
    // Paging and filtering keep the previous rows on screen until the next arrive: no flicker.
    placeholderData: keepPreviousData,
  });

export const useStatuses = (regionKey: string, params: StatusListParams) =>
  useQuery(statusesQueryOptions(regionKey, params));
