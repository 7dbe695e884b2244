import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { consultingKeys } from './keys';

export type MeasureInput = { title: string; owner: string | null; dueDate: string | null; ozgIds: number[] };

/** Records a measure agreed in a held consultation. */
export const useCreateMeasure = (ags: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ consultationId, measure }: { consultationId: number; measure: MeasureInput }) =>
      unwrap(
        api.consultations[':id'].measures.$post({ param: { id: String(consultationId) }, json: measure }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consultingKeys.consultations(ags) }),
  });
};
