/** Query options of the usage figures (`/regions/{key}/usage`, `/services/{ozgId}/usage`): one key per endpoint. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_BASE, api, unwrap } from '../api-client';

export const regionUsageQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'usage'],
    queryFn: () => unwrap(api.regions[':key'].usage.$get({ param: { key }, query: {} })),
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

/** The CSV or XLSX file of a region's usage (the same request with ?format=). */
export const regionUsageFileUrl = (key: string, format: 'csv' | 'xlsx') =>
  `${API_BASE}${api.regions[':key'].usage.$path({ param: { key }, query: { format } })}`;
