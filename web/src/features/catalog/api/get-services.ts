import type { ExecutingLevel, Themenfeld } from '@ozg/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export type ServiceFilters = {
  themenfeld?: Themenfeld | undefined;
  executingLevel?: ExecutingLevel | 'none' | undefined;
  relevant?: 'true' | 'false' | undefined;
  q?: string | undefined;
};

/** Drops empty filters so that the query key and the request stay minimal. */
function definedFilters(filters: ServiceFilters) {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
  ) as {
    [K in keyof ServiceFilters]: Exclude<ServiceFilters[K], undefined>;
  };
}

/** The OZG catalogue with executing levels, filtered. */
export const servicesQueryOptions = (filters: ServiceFilters) => {
  const query = definedFilters(filters);
  return queryOptions({
    queryKey: ['services', query],
    queryFn: () => unwrap(api.services.$get({ query })),
    staleTime: 5 * 60_000,
  });
};

export const useServices = (filters: ServiceFilters) => useQuery(servicesQueryOptions(filters));
