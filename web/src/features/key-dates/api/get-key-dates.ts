import type { KeyDateChange, KeyDateInput, KeyDateReport } from '@ozg/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api, unwrap } from '../../../lib/api-client';

export const keyDateKeys = {
  all: ['key-dates'] as const,
  report: (day: string, land: string) => ['key-dates', day, 'report', { land }] as const,
  change: (since: string, day: string, land: string) =>
    ['key-dates', day, 'change', { since, land }] as const,
};

/** The key dates, oldest first, with when each was frozen. */
export const keyDatesQueryOptions = () =>
  queryOptions({
    queryKey: keyDateKeys.all,
    queryFn: async () => (await unwrap(api['key-dates'].$get())).items,
  });
export const useKeyDates = () => useQuery(keyDatesQueryOptions());

/** A key date's frozen figures for a Land. */
export const keyDateReportQueryOptions = (day: string, land: string) =>
  queryOptions({
    queryKey: keyDateKeys.report(day, land),
    // Without `format` the route answers JSON.
    queryFn: async () =>
      (await unwrap(api['key-dates'][':day'].$get({ param: { day }, query: { land } }))) as KeyDateReport,
  });
export const useKeyDateReport = (day: string | null, land: string) =>
  useQuery({ ...keyDateReportQueryOptions(day ?? '', land), enabled: day !== null });

/** The change between two key dates. */
export const keyDateChangeQueryOptions = (since: string, day: string, land: string) =>
  queryOptions({
    queryKey: keyDateKeys.change(since, day, land),
    queryFn: async () =>
      (await unwrap(
        api['key-dates'][':day'].change.$get({ param: { day }, query: { since, land } }),
      )) as KeyDateChange,
  });
export const useKeyDateChange = (since: string | null, day: string | null, land: string) =>
  useQuery({ ...keyDateChangeQueryOptions(since ?? '', day ?? '', land), enabled: !!since && !!day });

export type ReportFile = 'xlsx' | 'pdf';

/** The report as a file (plain link). */
export const keyDateFileUrl = (day: string, land: string, format: ReportFile) =>
  `${API_BASE}${api['key-dates'][':day'].$path({ param: { day }, query: { land, format } })}`;

export const keyDateChangeFileUrl = (since: string, day: string, land: string, format: ReportFile) =>
  `${API_BASE}${api['key-dates'][':day'].change.$path({ param: { day }, query: { since, land, format } })}`;

/** The ministry adds a key date; a past day is frozen at once, a future one after it has ended. */
export const useAddKeyDate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: KeyDateInput) => unwrap(api['key-dates'].$post({ json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keyDateKeys.all }),
  });
};
