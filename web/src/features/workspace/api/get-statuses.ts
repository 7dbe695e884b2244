import { type StatusListParams, useStatuses } from '../../../lib/queries/statuses';

/** The table's first view: also the request that tells the page whether this user may edit here. */
export const FIRST_PAGE: StatusListParams = { sort: 'name', order: 'asc', page: 1, pageSize: 50 };

/**
 * Whether the signed-in user may edit this administration's statuses, as the
 * API answers it (decision 003); shares its request with the table's first page.
 */
export function useMayEdit(regionKey: string): boolean | undefined {
  return useStatuses(regionKey, FIRST_PAGE).data?.editable;
}
