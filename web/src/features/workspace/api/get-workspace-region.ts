import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** The municipality the workspace edits (same key as the region pages use, so the cache is shared). */
export const workspaceRegionQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key],
    queryFn: () => unwrap(api.regions[':key'].$get({ param: { key }, query: {} })),
  });

export const useWorkspaceRegion = (key: string) => useQuery(workspaceRegionQueryOptions(key));
