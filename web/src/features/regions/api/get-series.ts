import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** The OZG-konform share month by month, on the deadline, and the forecast. */
export const seriesQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'progress', 'series'],
    queryFn: () => unwrap(api.regions[':key'].progress.series.$get({ param: { key }, query: {} })),
  });

export const useSeries = (key: string) => useQuery(seriesQueryOptions(key));
