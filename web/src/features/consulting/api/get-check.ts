import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** A municipality's check: submissions with scores, peer comparison, the draft for who may answer. */
export const checkQueryOptions = (ags: string) =>
  queryOptions({
    queryKey: consultingKeys.check(ags),
    queryFn: () => unwrap(api.regions[':key'].check.$get({ param: { key: ags } })),
  });

export const useCheck = (ags: string) => useQuery(checkQueryOptions(ags));

/** One version of the questionnaire (null: the current one). Versions never change, so they stay cached. */
export const questionnaireQueryOptions = (version: number | null) =>
  queryOptions({
    queryKey: consultingKeys.questionnaire(version),
    queryFn: () =>
      unwrap(
        api.consulting.check.questionnaire.$get({
          query: version === null ? {} : { version: String(version) },
        }),
      ),
    staleTime: version === null ? 0 : Number.POSITIVE_INFINITY,
  });

export const useQuestionnaire = (version: number | null, enabled = true) =>
  useQuery({ ...questionnaireQueryOptions(version), enabled });
