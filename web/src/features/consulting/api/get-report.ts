import type { ConsultingReport } from '@ozg/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** The ministry's report: uptake per Regierungsbezirk and Kreis, measures, effect. */
export const reportQueryOptions = (key: string) =>
  queryOptions({
    queryKey: consultingKeys.report(key),
    // The route answers JSON, CSV or XLSX; without `format` it is the JSON report.
    queryFn: async () =>
      (await unwrap(
        api.regions[':key'].consulting.report.$get({ param: { key }, query: {} }),
      )) as ConsultingReport,
  });

export const useReport = (key: string) => useQuery(reportQueryOptions(key));

/** Where the report is downloaded as a file (the browser sends the session cookie). */
export const reportDownloadUrl = (key: string, format: 'csv' | 'xlsx') =>
  `/api/v1/regions/${encodeURIComponent(key)}/consulting/report?format=${format}`;
