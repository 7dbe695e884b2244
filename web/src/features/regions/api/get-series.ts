import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ExportFormat } from '../../../components/ExportLinks';
import { API_BASE, api, unwrap } from '../../../lib/api-client';

/** The OZG-konform share month by month, on the deadline, and the forecast. */
export const seriesQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'progress', 'series'],
    queryFn: () => unwrap(api.regions[':key'].progress.series.$get({ param: { key }, query: {} })),
  });

export const useSeries = (key: string) => useQuery(seriesQueryOptions(key));

/** The same course as a file: the deadline, every month end, the last 90 days. */
export const seriesFileUrl = (key: string, format: ExportFormat) =>
  `${API_BASE}${api.regions[':key'].progress.series.$path({ param: { key }, query: { format } })}`;
