import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** The OZG-konform share month by month up to today or `asOf`, on the deadline, and the forecast from then. */
export const seriesQueryOptions = (key: string, asOf?: string) =>
  queryOptions({
    queryKey: ['regions', key, 'progress', 'series', { asOf: asOf ?? null }],
    queryFn: () =>
      unwrap(api.regions[':key'].progress.series.$get({ param: { key }, query: asOf ? { asOf } : {} })),
  });

export const useSeries = (key: string, asOf?: string) => useQuery(seriesQueryOptions(key, asOf));
