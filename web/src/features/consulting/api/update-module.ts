import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

export type ModuleUpdate = { version: number; name?: string; description?: string; active?: boolean };

export const useUpdateModule = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, update }: { id: number; update: ModuleUpdate }) =>
      unwrap(api.consulting.modules[':id'].$patch({ param: { id: String(id) }, json: update })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: consultingKeys.modules }),
  });
};
