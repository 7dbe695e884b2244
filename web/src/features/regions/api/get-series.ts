import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ExportFormat } from '../../../components/ExportLinks';
import { API_BASE, api, unwrap } from '../../../lib/api-client';

/** The OZG-konform share month by month up to today or `asOf`, on the deadline, and the forecast from then. */
export const seriesQueryOptions = (key: string, asOf?: string) =>
  queryOptions({
    queryKey: ['regions', key, 'progress', 'series', { asOf: asOf ?? null }],
    queryFn: () =>
      unwrap(api.regions[':key'].progress.series.$get({ param: { key }, query: asOf ? { asOf } : {} })),
  });

export const useSeries = (key: string, asOf?: string) => useQuery(seriesQueryOptions(key, asOf));

/** The same course as a file: the deadline, every month end (up to the day shown), the last 90 days. */
export const seriesFileUrl = (key: string, format: ExportFormat, asOf?: string) =>
  `${API_BASE}${api.regions[':key'].progress.series.$path({ param: { key }, query: asOf ? { format, asOf } : { format } })}`;
