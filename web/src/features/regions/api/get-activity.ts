import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** How many target statuses below a region were changed in the last 30 days. */
export const activityQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'activity'],
    queryFn: () => unwrap(api.regions[':key'].activity.$get({ param: { key }, query: {} })),
  });

export const useActivity = (key: string) => useQuery(activityQueryOptions(key));
