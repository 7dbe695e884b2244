import type { Status, StatusChanges } from '@ozg/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../../lib/api-client';
import { invalidateFreshness } from '../../../lib/queries/freshness';

/** Saves one status; the API answers 409 with the current record when the version is stale. */
export function useUpdateStatus(regionKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: number; version: number; changes: StatusChanges }) =>
      unwrap(api.statuses[':id'].$patch({ param: { id: String(id) }, json: { ...changes, version } })),
    // After a 409 the table shows what is stored now, beside the officer's pending change.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'statuses'] });
    },
    onSuccess: (status: Status) => {
      void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'statuses'] });
      void queryClient.invalidateQueries({ queryKey: ['statuses', status.id] });
      invalidateFreshness(queryClient, regionKey);
    },
  });
}
