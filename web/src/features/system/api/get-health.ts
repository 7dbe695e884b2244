import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: ['health'],
    queryFn: () => unwrap(api.health.$get()),
    staleTime: 60_000,
  });

export const useHealth = () => useQuery(healthQueryOptions());
