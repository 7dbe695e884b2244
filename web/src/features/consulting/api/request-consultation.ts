import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys, isConsultingOverview } from './keys';

/** Offers (consulting) or asks for (the municipality, with a note) a consultation in the module's area: it starts as "requested". */
export const useRequestConsultation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ags, moduleId, note }: { ags: string; moduleId: number; note?: string }) =>
      unwrap(
        api.regions[':key'].consultations.$post({
          param: { key: ags },
          json: note ? { moduleId, note } : { moduleId },
        }),
      ),
    onSettled: (_data, _error, { ags }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: consultingKeys.consultations(ags) }),
        queryClient.invalidateQueries({ predicate: (query) => isConsultingOverview(query.queryKey) }),
      ]),
  });
};
