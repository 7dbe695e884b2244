import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** The Kreise of a Land, to narrow the laggards to one of them (same key as the region pages use). */
export const kreiseQueryOptions = (landKey: string) =>
  queryOptions({
    queryKey: ['regions', landKey, 'children', { level: 'kreis' }],
    queryFn: () =>
      unwrap(api.regions[':key'].children.$get({ param: { key: landKey }, query: { level: 'kreis' } })),
  });

export const useKreise = (landKey: string) => useQuery(kreiseQueryOptions(landKey));
