import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** A region's progress figures, total and per Themenfeld, today or on `asOf`. */
export const progressQueryOptions = (key: string, asOf?: string) =>
  queryOptions({
    queryKey: ['regions', key, 'progress', { asOf: asOf ?? null }],
    queryFn: () => unwrap(api.regions[':key'].progress.$get({ param: { key }, query: asOf ? { asOf } : {} })),
  });

export const useProgress = (key: string, asOf?: string) => useQuery(progressQueryOptions(key, asOf));
