import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../../lib/api-client';
import { invalidateFreshness } from '../../../lib/queries/freshness';

type ConfirmRequest = { statuses: { id: number; version: number }[] };

/** The preview of a confirmation (dry run): which would be confirmed, which changed meanwhile. */
export function useConfirmPreview() {
  return useMutation({
    mutationFn: (request: ConfirmRequest) =>
      unwrap(api.statuses.confirm.$post({ query: { mode: 'dry-run' }, json: request })),
  });
}

/** Confirms statuses unchanged, all or nothing (409 lists the ones changed meanwhile). */
export function useConfirm(regionKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ConfirmRequest) =>
      unwrap(api.statuses.confirm.$post({ query: { mode: 'commit' }, json: request })),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'statuses'] });
    },
    onSuccess: ({ items }) => {
      // The list, the badge and the reminders of the administration, and each status's history;
      // no figure moves, so the rest of the region's cache stays.
      void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'statuses'] });
      invalidateFreshness(queryClient, regionKey);
      for (const status of items) void queryClient.invalidateQueries({ queryKey: ['statuses', status.id] });
    },
  });
}
