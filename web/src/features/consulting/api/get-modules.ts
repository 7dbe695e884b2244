import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** The consulting modules (master data), active and inactive. */
export const modulesQueryOptions = () =>
  queryOptions({
    queryKey: consultingKeys.modules,
    queryFn: async () => (await unwrap(api.consulting.modules.$get())).items,
    staleTime: 5 * 60_000,
  });

export const useModules = () => useQuery(modulesQueryOptions());
