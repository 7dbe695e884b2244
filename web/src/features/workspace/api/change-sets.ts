import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../../lib/api-client';
import { invalidateFreshness } from '../../../lib/queries/freshness';

/** The signed-in user's bulk edits and CSV commits of the last 24 hours that touched this administration. */
export const changeSetsQueryOptions = (regionKey: string) =>
  queryOptions({
    queryKey: ['regions', regionKey, 'change-sets'],
    queryFn: () => unwrap(api['change-sets'].$get({ query: { region: regionKey } })),
  });

export const useChangeSets = (regionKey: string) => useQuery(changeSetsQueryOptions(regionKey));

/** Reverts one change set as a whole; 409 when one of its statuses changed since. */
export function useUndoChangeSet(regionKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api['change-sets'][':id'].undo.$post({ param: { id: String(id) } })),
    onSettled: (_result, error) => {
      void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'change-sets'] });
      if (!error || (error instanceof ApiError && error.status === 409))
        void queryClient.invalidateQueries({ queryKey: ['regions', regionKey, 'statuses'] });
    },
    onSuccess: ({ items }) => {
      for (const status of items) void queryClient.invalidateQueries({ queryKey: ['statuses', status.id] });
      invalidateFreshness(queryClient, regionKey);
    },
  });
}
