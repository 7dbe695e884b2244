import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** How many gaps the consultant's view lists at once; the full list is the municipality's services page. */
export const GAPS_SHOWN = 8;

/** The municipality's target services still below Reifegrad 3, lowest first: where a consultation can help. */
export const serviceGapsQueryOptions = (ags: string) =>
  queryOptions({
    queryKey: consultingKeys.gaps(ags),
    queryFn: () =>
      unwrap(
        api.regions[':key'].statuses.$get({
          param: { key: ags },
          query: { overdue: 'true', sort: 'maturityLevel', order: 'asc', pageSize: String(GAPS_SHOWN) },
        }),
      ),
  });

export const useServiceGaps = (ags: string) => useQuery(serviceGapsQueryOptions(ags));
