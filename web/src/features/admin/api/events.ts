import type { ChangeSourceKind, StatusEvent } from '@ozg/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { API_BASE, api, unwrap } from '../../../lib/api-client';
import { regionQueryOptions } from '../../../lib/queries/regions';

/** What the audit trail shows: a region (and every municipality in it) or one user, narrowed by days, source, user. */
export type AuditFilter = {
  region: string | null;
  user: number | null;
  from: string | null;
  to: string | null;
  source: ChangeSourceKind | null;
  page: number;
};

export const AUDIT_PAGE_SIZE = 25;

/** The JSON variant of the answer (the routes also answer CSV with format=csv, which this never asks for). */
export type AuditPage = { items: StatusEvent[]; total: number; page: number; pageSize: number };

function query(filter: AuditFilter) {
  return {
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.source ? { source: filter.source } : {}),
  };
}

export const auditQueryOptions = (filter: AuditFilter) =>
  queryOptions({
    queryKey: ['audit', filter],
    queryFn: async (): Promise<AuditPage> =>
      (await (filter.region
        ? unwrap(
            api.regions[':key'].events.$get({
              param: { key: filter.region },
              query: {
                ...query(filter),
                ...(filter.user ? { user: String(filter.user) } : {}),
                page: String(filter.page),
                pageSize: String(AUDIT_PAGE_SIZE),
              },
            }),
          )
        : unwrap(
            api.users[':id'].events.$get({
              param: { id: String(filter.user) },
              query: { ...query(filter), page: String(filter.page), pageSize: String(AUDIT_PAGE_SIZE) },
            }),
          ))) as AuditPage,
  });

export const useAuditTrail = (filter: AuditFilter) =>
  useQuery({
    ...auditQueryOptions(filter),
    enabled: Boolean(filter.region || filter.user),
    placeholderData: keepPreviousData,
  });

/** The same selection as a CSV file (all pages), for the download link. */
export function auditCsvHref(filter: AuditFilter): string {
  const params = new URLSearchParams({ ...query(filter), format: 'csv' });
  if (filter.region) {
    if (filter.user) params.set('user', String(filter.user));
    return `${API_BASE}/regions/${encodeURIComponent(filter.region)}/events?${params}`;
  }
  return `${API_BASE}/users/${filter.user}/events?${params}`;
}

/** The region whose trail is shown, to name it (the address holds only its key). */
export const useAuditRegion = (key: string | null) =>
  // An unknown key in a hand-edited address answers 404 at once: no retry.
  useQuery({ ...regionQueryOptions(key ?? ''), enabled: key !== null, retry: false });
