import { useQuery } from '@tanstack/react-query';
import { statusesQueryOptions } from '../../../lib/queries/statuses';

/** How many gaps the consultant's view lists at once; the full list is the municipality's services page. */
export const GAPS_SHOWN = 8;

/** The municipality's target services still below Reifegrad 3, lowest first: where a consultation can help. */
export const useServiceGaps = (ags: string) =>
  useQuery(
    statusesQueryOptions(ags, {
      overdue: true,
      sort: 'maturityLevel',
      order: 'asc',
      page: 1,
      pageSize: GAPS_SHOWN,
    }),
  );
