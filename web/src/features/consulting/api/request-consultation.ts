import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys, isConsultingOverview } from './keys';

/** Offers a consultation in the module's area: it starts as "requested". */
export const useRequestConsultation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ags, moduleId }: { ags: string; moduleId: number }) =>
      unwrap(api.regions[':key'].consultations.$post({ param: { key: ags }, json: { moduleId } })),
    onSettled: (_data, _error, { ags }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: consultingKeys.consultations(ags) }),
        queryClient.invalidateQueries({ predicate: (query) => isConsultingOverview(query.queryKey) }),
      ]),
  });
};
