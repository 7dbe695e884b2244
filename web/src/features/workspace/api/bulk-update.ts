import type { StatusChanges } from '@ozg/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../../lib/api-client';

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
    // After a 409 the table shows what is stored now, beside the officer's pending change.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'statuses'] });
    },
    onSuccess: ({ items }) => {
      void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'statuses'] });
      for (const status of items) void queryClient.invalidateQueries({ queryKey: ['statuses', status.id] });
    },
  });
}
