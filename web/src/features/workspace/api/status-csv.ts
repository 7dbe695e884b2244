import { useMutation, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api, unwrap } from '../../../lib/api-client';

/**
 * Where the officer downloads the statuses as CSV (excel: UTF-8 with BOM and ";";
 * plain: "," without BOM). A plain link: the browser sends the session cookie and saves the file.
 */
export const statusesCsvUrl = (regionKey: string, format: 'excel' | 'plain') =>
  `${API_BASE}${api.regions[':key']['statuses.csv'].$path({ param: { key: regionKey }, query: { format } })}`;

/**
 * Checks (dry-run) or applies (commit) an edited CSV file; a commit with any bad line answers 422.
 * The file goes as it is, bytes unread: the server tells UTF-8 from Windows-1252 (German Excel),
 * which File.text() would already have decoded as UTF-8, turning umlauts into U+FFFD.
 */
export function useCsvImport(regionKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      file,
      mode,
      lowering = 'refuse',
    }: {
      file: Blob;
      mode: 'dry-run' | 'commit';
      /** allow: the officer confirmed the lines that lower a status (the server refuses them otherwise). */
      lowering?: 'refuse' | 'allow';
    }) =>
      unwrap(
        api.regions[':key']['statuses.csv'].$post(
          { param: { key: regionKey }, query: { mode, lowering } },
          { headers: { 'content-type': 'text/csv' }, init: { body: file } },
        ),
      ),
    onSuccess: (result) => {
      if (result.applied) void queryClient.invalidateQueries({ queryKey: ['regions', regionKey] });
    },
  });
}
