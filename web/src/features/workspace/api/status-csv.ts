import { useMutation, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api, unwrap } from '../../../lib/api-client';

/**
 * Where the officer downloads the statuses as CSV (excel: UTF-8 with BOM and ";";
 * plain: "," without BOM). A plain link: the browser sends the session cookie and saves the file.
 */
export const statusesCsvUrl = (regionKey: string, format: 'excel' | 'plain') =>
  `${API_BASE}${api.regions[':key']['statuses.csv'].$path({ param: { key: regionKey }, query: { format } })}`;

/** Checks (dry-run) or applies (commit) an edited CSV file; a commit with any bad line answers 422. */
export function useCsvImport(regionKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ text, mode }: { text: string; mode: 'dry-run' | 'commit' }) =>
      unwrap(
        api.regions[':key']['statuses.csv'].$post(
          { param: { key: regionKey }, query: { mode } },
          { headers: { 'content-type': 'text/csv' }, init: { body: text } },
        ),
      ),
    onSuccess: (result) => {
      if (result.applied) void queryClient.invalidateQueries({ queryKey: ['regions', regionKey] });
    },
  });
}
