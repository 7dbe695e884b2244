import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** The API needs at least this many characters (SearchQuerySchema). */
export const MIN_QUERY_LENGTH = 2;

export const searchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['search', { q }],
    queryFn: () => unwrap(api.search.$get({ query: { q } })),
    staleTime: 5 * 60_000,
  });

export const useSearch = (q: string) =>
  useQuery({ ...searchQueryOptions(q), enabled: q.trim().length >= MIN_QUERY_LENGTH });
