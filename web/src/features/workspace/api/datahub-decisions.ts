import type { DatahubDecisionRequest } from '@ozg/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../../lib/api-client';

export type DatahubDecisionItems = DatahubDecisionRequest['items'];

/** The preview of decisions on differences (dry run): per difference what the status would become. */
export function useDatahubPreview() {
  return useMutation({
    mutationFn: (items: DatahubDecisionItems) =>
      unwrap(api.datahub.decisions.$post({ json: { mode: 'dry-run', items } })),
  });
}

/**
 * Commits decisions, all or nothing. Accepting changes statuses, so every
 * query of the administration (statuses, change sets, progress, the
 * differences themselves) and the ministry's counts are read again; after a
 * 409 the list is reloaded to show what is open now.
 */
export function useDatahubDecide(regionKey: string) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['regions', regionKey] });
    void queryClient.invalidateQueries({ queryKey: ['datahub'] });
  };
  return useMutation({
    mutationFn: (items: DatahubDecisionItems) =>
      unwrap(api.datahub.decisions.$post({ json: { mode: 'commit', items } })),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh();
    },
    onSuccess: (result) => {
      refresh();
      for (const item of result.items)
        if (item.decision === 'accept')
          void queryClient.invalidateQueries({ queryKey: ['statuses', item.statusId] });
    },
  });
}
