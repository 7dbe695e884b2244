import type { RegionLevel } from '@ozg/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export const regionChildrenQueryOptions = (key: string, level?: RegionLevel) =>
  queryOptions({
    queryKey: ['regions', key, 'children', { level: level ?? null }],
    queryFn: () =>
      unwrap(api.regions[':key'].children.$get({ param: { key }, query: level ? { level } : {} })),
  });

export const useRegionChildren = (key: string, level?: RegionLevel) =>
  useQuery(regionChildrenQueryOptions(key, level));
