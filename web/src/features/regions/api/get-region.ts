import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export const regionQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key],
    queryFn: () => unwrap(api.regions[':key'].$get({ param: { key }, query: {} })),
  });

export const useRegion = (key: string) => useQuery(regionQueryOptions(key));
