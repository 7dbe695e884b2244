import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** A region by AGS or ARS, on the territory of `asOf` (today when missing). */
export const regionQueryOptions = (key: string, asOf?: string) =>
  queryOptions({
    queryKey: ['regions', key, { asOf: asOf ?? null }],
    queryFn: () => unwrap(api.regions[':key'].$get({ param: { key }, query: asOf ? { asOf } : {} })),
  });

export const useRegion = (key: string, asOf?: string) => useQuery(regionQueryOptions(key, asOf));
