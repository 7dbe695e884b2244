import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api-client';

/**
 * The maturity model definitions with all their versions: the workspace's
 * checklist and the page "Methodik" both read them (shared here, since
 * features do not import each other).
 */
export const maturityModelsQueryOptions = () =>
  queryOptions({
    queryKey: ['maturity', 'models'],
    queryFn: () => unwrap(api.maturity.models.$get()),
    staleTime: 5 * 60_000,
  });

export const useMaturityModels = () => useQuery(maturityModelsQueryOptions());
