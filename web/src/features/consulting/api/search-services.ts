import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** The municipality's target services matching a name or OZG-ID, to link them to a measure. */
export const serviceSearchQueryOptions = (ags: string, q: string) =>
  queryOptions({
    queryKey: consultingKeys.services(ags, q),
    queryFn: async () =>
      (
        await unwrap(
          api.regions[':key'].statuses.$get({
            param: { key: ags },
            query: { ...(q ? { q } : {}), sort: 'name', pageSize: '12' },
          }),
        )
      ).items,
  });

export const useServiceSearch = (ags: string, q: string, enabled: boolean) =>
  useQuery({ ...serviceSearchQueryOptions(ags, q), enabled, placeholderData: keepPreviousData });
