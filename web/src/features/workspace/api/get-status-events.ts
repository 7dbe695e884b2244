import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export const statusEventsQueryOptions = (statusId: number, page: number) =>
  queryOptions({
    queryKey: ['statuses', statusId, 'events', { page }],
    queryFn: () =>
      unwrap(
        api.statuses[':id'].events.$get({
          param: { id: String(statusId) },
          query: { page: String(page), pageSize: '20' },
        }),
      ),
  });

export const useStatusEvents = (statusId: number, page: number) =>
  useQuery(statusEventsQueryOptions(statusId, page));
