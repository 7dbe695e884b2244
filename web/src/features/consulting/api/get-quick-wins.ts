import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

/** Missing services that comparable municipalities run on a shared solution, best first. */
export const quickWinsQueryOptions = (ags: string) =>
  queryOptions({
    queryKey: consultingKeys.quickWins(ags),
    queryFn: () =>
      unwrap(api.regions[':key'].consulting['quick-wins'].$get({ param: { key: ags }, query: {} })),
  });

export const useQuickWins = (ags: string) => useQuery(quickWinsQueryOptions(ags));
