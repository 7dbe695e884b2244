import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** One status's answers to maturity criteria, per model version. */
export const statusAssessmentsQueryOptions = (statusId: number) =>
  queryOptions({
    queryKey: ['statuses', statusId, 'assessments'],
    queryFn: () => unwrap(api.maturity.statuses[':id'].$get({ param: { id: String(statusId) } })),
  });

export const useStatusAssessments = (statusId: number) => useQuery(statusAssessmentsQueryOptions(statusId));

/** Per status of an administration: the newest assessment of each model family (1.1 and 2.0 side by side). */
export const regionAssessmentsQueryOptions = (regionKey: string) =>
  queryOptions({
    queryKey: ['regions', regionKey, 'statuses', 'assessments'],
    queryFn: () => unwrap(api.maturity.regions[':key'].assessments.$get({ param: { key: regionKey } })),
  });

export const useRegionAssessments = (regionKey: string) => useQuery(regionAssessmentsQueryOptions(regionKey));
