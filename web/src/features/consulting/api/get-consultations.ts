import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** A municipality's consultations with their measures, newest first as the API orders them. */
export const consultationsQueryOptions = (ags: string) =>
  queryOptions({
    queryKey: consultingKeys.consultations(ags),
    queryFn: async () =>
      (await unwrap(api.regions[':key'].consultations.$get({ param: { key: ags } }))).items,
  });

export const useConsultations = (ags: string) => useQuery(consultationsQueryOptions(ags));
