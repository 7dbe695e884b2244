import type { ConsultingArea } from '@ozg/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

export type WorklistFilter = { area: ConsultingArea | null; kreis: string | null };

/** Laggards of a region with an unused consultation, optionally of one Kreis or area. */
export const worklistQueryOptions = (key: string, filter: WorklistFilter) =>
  queryOptions({
    queryKey: consultingKeys.worklist(key, filter),
    queryFn: () =>
      unwrap(
        api.regions[':key'].consulting.worklist.$get({
          param: { key },
          query: {
            ...(filter.area ? { area: filter.area } : {}),
            ...(filter.kreis ? { kreis: filter.kreis } : {}),
          },
        }),
      ),
  });

export const useWorklist = (key: string, filter: WorklistFilter) =>
  useQuery({ ...worklistQueryOptions(key, filter), placeholderData: keepPreviousData });
