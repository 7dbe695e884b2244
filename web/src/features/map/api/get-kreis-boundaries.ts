import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export const kreisBoundariesQueryKey = (key: string) => ['regions', key, 'boundaries'] as const;

export const kreisBoundariesQueryOptions = (key: string) =>
  queryOptions({
    queryKey: kreisBoundariesQueryKey(key),
    queryFn: () => unwrap(api.regions[':key'].boundaries.$get({ param: { key } })),
    // Outlines change only by an upload, which invalidates this key.
    staleTime: 10 * 60_000,
  });

export const useKreisBoundaries = (key: string) => useQuery(kreisBoundariesQueryOptions(key));
