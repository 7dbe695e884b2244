/** Query options of the service resource (`/services`, `/services/{ozgId}/coverage`): one key per endpoint. */
import type { ExecutingLevel, Themenfeld } from '@ozg/shared';
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { API_BASE, api, type ExportFormat, unwrap } from '../api-client';

/** How far one service is offered across a region (public). */
export const coverageQueryOptions = (ozgId: number, region: string) =>
  queryOptions({
    queryKey: ['services', ozgId, 'coverage', { region }],
    queryFn: () =>
      unwrap(api.services[':ozgId'].coverage.$get({ param: { ozgId: String(ozgId) }, query: { region } })),
  });

export const useCoverage = (ozgId: number, region: string) => useQuery(coverageQueryOptions(ozgId, region));

/** The same endpoint with the figures by Reifegradmodell 2.0 (model in the key); disabled for 1.1. */
export const useCoverage2 = (ozgId: number, region: string, enabled: boolean, minLevel: number | null) =>
  useQuery({
    queryKey: ['services', ozgId, 'coverage', { region, model: '2.0', minLevel }],
    queryFn: () =>
      unwrap(
        api.services[':ozgId'].coverage.$get({
          param: { ozgId: String(ozgId) },
          query: { region, model: '2.0', ...(minLevel !== null ? { minLevel: String(minLevel) } : {}) },
        }),
      ),
    enabled,
  });

/** The same coverage as a file, one figure per line. */
export const coverageFileUrl = (ozgId: number, region: string, format: ExportFormat) =>
  `${API_BASE}${api.services[':ozgId'].coverage.$path({ param: { ozgId: String(ozgId) }, query: { region, format } })}`;

/** The same service's coverage in several regions at once (the parts of the region shown). */
export const useCoverageIn = (ozgId: number, regions: readonly string[]) =>
  useQueries({
    queries: regions.map((region) => coverageQueryOptions(ozgId, region)),
    combine: (results) => ({
      data: results.every((result) => result.data) ? results.map((result) => result.data) : undefined,
      error: results.find((result) => result.error)?.error ?? null,
      refetch: () => {
        for (const result of results) void result.refetch();
      },
    }),
  });

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

/** GET /services: the OZG catalogue with executing levels, filtered. */
export const servicesQueryOptions = (filters: ServiceFilters) => {
  const query = definedFilters(filters);
  return queryOptions({
    queryKey: ['services', query],
    queryFn: () => unwrap(api.services.$get({ query })),
    staleTime: 5 * 60_000,
  });
};

export const useServices = (filters: ServiceFilters) => useQuery(servicesQueryOptions(filters));
