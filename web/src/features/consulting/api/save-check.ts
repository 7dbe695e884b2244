import type { CheckAnswers } from '@ozg/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** Saves the draft with the version read (null for a new draft). */
export const useSaveCheckDraft = (ags: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: { questionnaireVersion: number; answers: CheckAnswers; version: number | null }) =>
      unwrap(api.regions[':key'].check.draft.$put({ param: { key: ags }, json: draft })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consultingKeys.check(ags) }),
  });
};

/** Submits the check; its scores are kept with the version answered. */
export const useSubmitCheck = (ags: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (submission: {
      questionnaireVersion: number;
      answers: CheckAnswers;
      draftVersion: number | null;
    }) => unwrap(api.regions[':key'].check.submissions.$post({ param: { key: ags }, json: submission })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: consultingKeys.check(ags) }),
        queryClient.invalidateQueries({ queryKey: consultingKeys.recommendation(ags) }),
      ]),
  });
};
