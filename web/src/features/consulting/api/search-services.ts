import { useQuery } from '@tanstack/react-query';
import { statusesQueryOptions } from '../../../lib/queries/statuses';

/** The municipality's target services matching a name or OZG-ID, to link them to a measure. */
export const useServiceSearch = (ags: string, q: string, enabled: boolean) =>
  useQuery({
    ...statusesQueryOptions(ags, { ...(q ? { q } : {}), sort: 'name', order: 'asc', page: 1, pageSize: 12 }),
    select: (list) => list.items,
    enabled,
  });
