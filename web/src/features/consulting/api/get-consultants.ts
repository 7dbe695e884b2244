import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** Active consultants and admins: whom a consultation can be assigned to. */
export const consultantsQueryOptions = () =>
  queryOptions({
    queryKey: consultingKeys.consultants,
    queryFn: async () => (await unwrap(api.consulting.consultants.$get())).items,
    staleTime: 5 * 60_000,
  });

export const useConsultants = (enabled: boolean) => useQuery({ ...consultantsQueryOptions(), enabled });
