import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** The direct parts of a region (Bezirke of a Land, Kreise of a Bezirk, Gemeinden of a Kreis). */
export const regionPartsQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'children', { level: null, asOf: null }],
    queryFn: () => unwrap(api.regions[':key'].children.$get({ param: { key }, query: {} })),
  });

export const useRegionParts = (key: string) => useQuery(regionPartsQueryOptions(key));
