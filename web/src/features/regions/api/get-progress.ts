import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ExportFormat } from '../../../components/ExportLinks';
import { API_BASE, api, unwrap } from '../../../lib/api-client';

/** A region's progress figures, total and per Themenfeld, today or on `asOf`. */
export const progressQueryOptions = (key: string, asOf?: string) =>
  queryOptions({
    queryKey: ['regions', key, 'progress', { asOf: asOf ?? null }],
    queryFn: () => unwrap(api.regions[':key'].progress.$get({ param: { key }, query: asOf ? { asOf } : {} })),
  });

export const useProgress = (key: string, asOf?: string) => useQuery(progressQueryOptions(key, asOf));

/** The same figures as a file: the region and each Themenfeld by Reifegrad. */
export const progressFileUrl = (key: string, asOf: string | undefined, format: ExportFormat) =>
  `${API_BASE}${api.regions[':key'].progress.$path({ param: { key }, query: { ...(asOf ? { asOf } : {}), format } })}`;
