import type { BulkEditOptions, StatusChanges } from '@ozg/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../../lib/api-client';
import { invalidateFreshness } from '../../../lib/queries/freshness';

export type BulkRequest = {
  statuses: { id: number; version: number }[];
  changes: StatusChanges;
  options: BulkEditOptions;
};

/** The preview of a bulk edit (dry run): per status what would change, stay, be lowered or lose its date. */
export function useBulkPreview() {
  return useMutation({
    mutationFn: (request: BulkRequest) =>
      unwrap(api.statuses.bulk.$post({ query: { mode: 'dry-run' }, json: request })),
  });
}

/** One change for many statuses, all or nothing (409 lists the ones changed meanwhile); undoable as one change set. */
export function useBulkUpdate(regionKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: BulkRequest) =>
      unwrap(api.statuses.bulk.$post({ query: { mode: 'commit' }, json: request })),
    // After a 409 the table shows what is stored now, beside the officer's pending change.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'statuses'] });
    },
    onSuccess: ({ items }) => {
      void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'statuses'] });
      void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'change-sets'] });
      invalidateFreshness(queryClient, regionKey);
      for (const status of items) void queryClient.invalidateQueries({ queryKey: ['statuses', status.id] });
    },
  });
}
