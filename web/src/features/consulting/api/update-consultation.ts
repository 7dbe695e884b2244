import type { ConsultationUpdate } from '@ozg/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys, isConsultingOverview } from './keys';

/** Schedules, records as held or cancels a consultation (with the version read). */
export const useUpdateConsultation = (ags: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, update }: { id: number; update: ConsultationUpdate }) =>
      unwrap(api.consultations[':id'].$patch({ param: { id: String(id) }, json: update })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: consultingKeys.consultations(ags) }),
        queryClient.invalidateQueries({ predicate: (query) => isConsultingOverview(query.queryKey) }),
      ]),
  });
};
