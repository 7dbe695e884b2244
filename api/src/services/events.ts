import { type Db, queryRows } from '@ozg/db';
import type { ChangeSetKind, StatusEvent } from '@ozg/shared';
import { type SQL, sql } from 'drizzle-orm';

type EventRow = {
  id: number;
  status_id: number;
  region_id: number;
  region_name: string;
  ozg_id: number;
  service_name: string;
  occurred_at: string;
  source: StatusEvent['source'];
  actor: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  change_set_id: number | null;
  change_set_kind: ChangeSetKind | null;
};

/** A page of the audit trail, newest first, for a status, an administration or a user. */
export async function listEvents({
  db,
  filter,
  page = 1,
  pageSize = 50,
}: {
  db: Db;
  filter: { statusId: number } | { regionId: number } | { actorUserId: number };
  page?: number;
  pageSize?: number;
}) {
  const where: SQL =
    'statusId' in filter
      ? sql`e.status_id = ${filter.statusId}`
      : 'regionId' in filter
        ? sql`e.region_id = ${filter.regionId}`
        : sql`e.actor_user_id = ${filter.actorUserId}`;
  const rows = await queryRows<EventRow>(
    db,
    sql`select e.id::float8 as id, e.status_id, e.region_id, v.name as region_name, e.ozg_id, s.name as service_name,
          to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
          e.source, u.display_name as actor, e.before, e.after, e.change_set_id, cs.kind as change_set_kind
        from status_events e
        left join change_sets cs on cs.id = e.change_set_id
        join ozg_services s on s.ozg_id = e.ozg_id
        left join region_versions v on v.region_id = e.region_id and v.valid_to is null
        left join users u on u.id = e.actor_user_id
        where ${where}
        order by e.occurred_at desc, e.id desc
        limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from status_events e where ${where}`,
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      statusId: row.status_id,
      regionId: row.region_id,
      regionName: row.region_name ?? '',
      ozgId: row.ozg_id,
      serviceName: row.service_name,
      occurredAt: row.occurred_at,
      source: row.source,
      actor: row.actor,
      before: row.before,
      after: row.after,
      changeSet:
        row.change_set_id !== null && row.change_set_kind !== null
          ? { id: row.change_set_id, kind: row.change_set_kind }
          : null,
    })),
    total: count?.total ?? 0,
    page,
    pageSize,
  };
}
