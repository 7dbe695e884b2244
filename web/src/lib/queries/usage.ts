/** Query options of the usage figures (`/regions/{key}/usage`, `/services/{ozgId}/usage`): one key per endpoint. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api-client';

export const regionUsageQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'usage'],
    queryFn: () => unwrap(api.regions[':key'].usage.$get({ param: { key } })),
    // Figures arrive monthly by upload.
    staleTime: 5 * 60_000,
  });

export const useRegionUsage = (key: string) => useQuery(regionUsageQueryOptions(key));

export const serviceUsageQueryOptions = (ozgId: number, region: string) =>
  queryOptions({
    queryKey: ['services', ozgId, 'usage', { region }],
    queryFn: () =>
      unwrap(api.services[':ozgId'].usage.$get({ param: { ozgId: String(ozgId) }, query: { region } })),
    staleTime: 5 * 60_000,
  });

export const useServiceUsage = (ozgId: number, region: string) =>
  useQuery(serviceUsageQueryOptions(ozgId, region));
