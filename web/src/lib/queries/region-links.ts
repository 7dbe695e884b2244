import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api-client';

/** The link checks of a region's target statuses (signed-in users only: the URLs belong to the statuses). */
export const regionLinksQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'links'],
    queryFn: () => unwrap(api.regions[':key'].links.$get({ param: { key } })),
    // Checks run at most nightly.
    staleTime: 10 * 60_000,
  });

export const useRegionLinks = (key: string, enabled = true) =>
  useQuery({ ...regionLinksQueryOptions(key), enabled });
