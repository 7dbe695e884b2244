import type { ExecutingLevel } from '@ozg/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { type ServiceFilters, servicesQueryOptions } from '../../../lib/queries/services';

/** The catalogue as the executing-levels page lists it: the previous list stays while a filter changes. */
export const useServices = (filters: ServiceFilters) =>
  useQuery({ ...servicesQueryOptions(filters), placeholderData: keepPreviousData });

export const useSetExecutingLevels = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (services: { ozgId: number; executingLevel: ExecutingLevel | null }[]) =>
      unwrap(api.services['executing-levels'].$put({ json: { services } })),
    // Target sets follow at once: every figure may have changed.
    onSuccess: () => queryClient.invalidateQueries(),
  });
};

export const exceptionsQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'applicability-exceptions'],
    queryFn: () => unwrap(api.regions[':key']['applicability-exceptions'].$get({ param: { key } })),
  });

export const useExceptions = (key: string | null) =>
  useQuery({ ...exceptionsQueryOptions(key ?? ''), enabled: key !== null });

export type ExceptionInput = { ozgId: number; applies: boolean; reason: string };

/**
 * Sets one exception for several Kommunen. Each Kommune is one request (the
 * API sets exceptions per region); the answer says which ones succeeded and
 * why the others did not, so that the admin can correct just those.
 */
export const useSetExceptions = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ keys, exception }: { keys: string[]; exception: ExceptionInput }) => {
      const outcomes: { key: string; error: string | null }[] = [];
      for (const key of keys) {
        try {
          await unwrap(
            api.regions[':key']['applicability-exceptions'].$put({ param: { key }, json: exception }),
          );
          outcomes.push({ key, error: null });
        } catch (error) {
          outcomes.push({ key, error: (error as Error).message });
        }
      }
      return outcomes;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['regions'] }),
  });
};

export const useDeleteException = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, ozgId }: { key: string; ozgId: number }) =>
      unwrap(
        api.regions[':key']['applicability-exceptions'][':ozgId'].$delete({
          param: { key, ozgId: String(ozgId) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['regions'] }),
  });
};
