import type { CheckQuestionnaire, ErrorBody, RecommendationRule } from '@ozg/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, ApiError, api, requestHeaders, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

export const questionnairesQueryOptions = () =>
  queryOptions({
    queryKey: consultingKeys.questionnaires,
    queryFn: () => unwrap(api.consulting.check.questionnaires.$get()),
  });
export const useQuestionnaires = () => useQuery(questionnairesQueryOptions());

export const rulesQueryOptions = () =>
  queryOptions({
    queryKey: consultingKeys.rules,
    queryFn: () => unwrap(api.consulting['recommendation-rules'].$get()),
  });
export const useRecommendationRules = () => useQuery(rulesQueryOptions());

/**
 * Uploads a questionnaire file as it is (bytes, so that Windows-1252 stays
 * recognisable); JSON by its name, else CSV.
 */
export const useUploadQuestionnaire = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File): Promise<CheckQuestionnaire> => {
      const json = /\.json$/i.test(file.name);
      const res = await fetch(
        `${API_BASE}/consulting/check/questionnaires?fileName=${encodeURIComponent(file.name)}`,
        {
          method: 'POST',
          headers: { ...requestHeaders(), 'content-type': json ? 'application/json' : 'text/csv' },
          body: file,
        },
      );
      const body = (await res.json().catch(() => null)) as unknown;
      if (!res.ok) throw new ApiError(res.status, (body as ErrorBody | null) ?? null);
      return body as CheckQuestionnaire;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['consulting', 'check'] }),
  });
};

export const useSaveRecommendationRules = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number | null; rules: RecommendationRule[] }) =>
      unwrap(api.consulting['recommendation-rules'].$put({ json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consultingKeys.rules }),
  });
};
