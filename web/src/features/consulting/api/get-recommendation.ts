import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** The suggested module per area with its reason (consultants and the ministry). */
export const recommendationQueryOptions = (ags: string) =>
  queryOptions({
    queryKey: consultingKeys.recommendation(ags),
    queryFn: () => unwrap(api.regions[':key'].consulting.recommendation.$get({ param: { key: ags } })),
  });

export const useRecommendation = (ags: string, enabled: boolean) =>
  useQuery({ ...recommendationQueryOptions(ags), enabled });
