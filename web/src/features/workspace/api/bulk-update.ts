import type { StatusChanges } from '@ozg/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** One change for many statuses, all or nothing (409 lists the ones changed meanwhile). */
export function useBulkUpdate(regionKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      statuses,
      changes,
    }: {
      statuses: { id: number; version: number }[];
      changes: StatusChanges;
    }) => unwrap(api.statuses.bulk.$post({ json: { statuses, changes } })),
    onSuccess: ({ items }) => {
      void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'statuses'] });
      for (const status of items) void queryClient.invalidateQueries({ queryKey: ['statuses', status.id] });
    },
  });
}
