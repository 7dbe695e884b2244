import type { ConsultingArea } from '@ozg/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

export type ModuleInput = { name: string; area: ConsultingArea; description: string; active: boolean };

export const useCreateModule = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ModuleInput) => unwrap(api.consulting.modules.$post({ json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consultingKeys.modules }),
  });
};
