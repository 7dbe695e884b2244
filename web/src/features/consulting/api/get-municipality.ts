import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** The municipality a consultation page is about (name, level, parents). */
export const municipalityQueryOptions = (ags: string) =>
  queryOptions({
    queryKey: consultingKeys.municipality(ags),
    queryFn: () => unwrap(api.regions[':key'].$get({ param: { key: ags }, query: {} })),
  });

export const useMunicipality = (ags: string) => useQuery(municipalityQueryOptions(ags));
