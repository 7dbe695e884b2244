import type { MeasureState } from '@ozg/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys, isConsultingOverview } from './keys';

export type MeasureUpdate = {
  version: number;
  owner?: string | null;
  dueDate?: string | null;
  state?: MeasureState;
};

/** Follows up a measure: state, owner, due date (officers of the municipality too). */
export const useUpdateMeasure = (ags: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, update }: { id: number; update: MeasureUpdate }) =>
      unwrap(api.measures[':id'].$patch({ param: { id: String(id) }, json: update })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: consultingKeys.consultations(ags) }),
        queryClient.invalidateQueries({ predicate: (query) => isConsultingOverview(query.queryKey) }),
      ]),
  });
};
