import { administrationsBelow, CURRENT, type Db, isoTimestampSql, queryRowsAs } from '@ozg/db';
import { CHANGE_SET_KINDS, CHANGE_SOURCE_LABELS, CHANGE_SOURCES, type ChangeSourceKind } from '@ozg/shared';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeCsv } from '../lib/csv';
import type { Actor } from './auth';
import { authorizeUserEvents } from './policy';

const EventRow = z.object({
  id: z.number(),
  status_id: z.number().int(),
  region_id: z.number().int(),
  // Left join: a region without a current version has no name.
  region_name: z.string().nullable(),
  ozg_id: z.number().int(),
  service_name: z.string(),
  occurred_at: z.string(),
  source: z.enum(CHANGE_SOURCES),
  actor: z.string().nullable(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  change_set_id: z.number().int().nullable(),
  change_set_kind: z.enum(CHANGE_SET_KINDS).nullable(),
});
const Total = z.object({ total: z.number().int() });

/** The conditions any list of events may add to its scope. */
export type EventConditions = {
  /** Days in Germany, both included (JJJJ-MM-TT). */
  from?: string | undefined;
  to?: string | undefined;
  source?: ChangeSourceKind | undefined;
  userId?: number | undefined;
};

export type EventFilter = (
  | { statusId: number }
  | { regionId: number }
  | { belowRegionId: number }
  | { actorUserId: number }
) &
  EventConditions;

/** The where clause of a filter; "below a region" means every administration in it (the region included). */
function eventWhere(filter: EventFilter): { prefix: SQL; where: SQL } {
  const conditions: SQL[] = [
    'statusId' in filter
      ? sql`e.status_id = ${filter.statusId}`
      : 'regionId' in filter
        ? sql`e.region_id = ${filter.regionId}`
        : 'belowRegionId' in filter
          ? sql`e.region_id in (select region_id from administrations)`
          : sql`e.actor_user_id = ${filter.actorUserId}`,
  ];
  // The day of a change is the day in Germany, as the users see it.
  if (filter.from)
    conditions.push(sql`(e.occurred_at at time zone 'Europe/Berlin')::date >= ${filter.from}::date`);
  if (filter.to)
    conditions.push(sql`(e.occurred_at at time zone 'Europe/Berlin')::date <= ${filter.to}::date`);
  if (filter.source) conditions.push(sql`e.source = ${filter.source}`);
  if (filter.userId) conditions.push(sql`e.actor_user_id = ${filter.userId}`);
  return {
    prefix:
      'belowRegionId' in filter
        ? sql`with recursive ${administrationsBelow([filter.belowRegionId], CURRENT)} `
        : sql``,
    where: sql.join(conditions, sql` and `),
  };
}

/** A page of the audit trail, newest first, for a status, an administration, a region or a user. */
export async function listEvents({
  db,
  filter,
  page = 1,
  pageSize = 50,
}: {
  db: Db;
  filter: EventFilter;
  page?: number;
  pageSize?: number;
}) {
  const { prefix, where } = eventWhere(filter);
  const rows = await queryRowsAs(
    db,
    EventRow,
    sql`${prefix}select e.id::float8 as id, e.status_id, e.region_id, v.name as region_name, e.ozg_id, s.name as service_name,
          ${isoTimestampSql('e.occurred_at', 'milliseconds')} as occurred_at,
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
  const [count] = await queryRowsAs(
    db,
    Total,
    sql`${prefix}select count(*)::int as total from status_events e where ${where}`,
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

/** At most this many changes in one file: a year of a Land's changes, far more than a week of a Kreis. */
const CSV_LIMIT = 100_000;

const csvValue = (value: unknown) =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/**
 * All changes of a filter as CSV for Excel (UTF-8 with BOM, ";"), newest first:
 * one line per change, the changed fields as "field: before → after".
 */
export async function eventsCsv({ db, filter }: { db: Db; filter: EventFilter }): Promise<string> {
  const { items } = await listEvents({ db, filter, page: 1, pageSize: CSV_LIMIT });
  const header = ['zeitpunkt', 'kommune', 'ozg_id', 'leistung', 'quelle', 'benutzer', 'aenderungen'];
  const lines = items.map((event) => [
    event.occurredAt,
    event.regionName,
    event.ozgId,
    event.serviceName,
    CHANGE_SOURCE_LABELS[event.source],
    event.actor ?? '',
    Object.keys({ ...event.before, ...event.after })
      .map((field) => `${field}: ${csvValue(event.before[field])} → ${csvValue(event.after[field])}`)
      .join('; '),
  ]);
  return writeCsv([header, ...lines], 'excel');
}

type UserEventsInput = {
  db: Db;
  actor: Actor;
  userId: number;
  /** The trail is already one user's: a `user` condition does not apply. */
  conditions: Omit<EventConditions, 'userId'>;
};

/** One user's audit trail: the user's own, anyone's for the ministry (authorizeUserEvents). */
function userEventsFilter({ actor, userId, conditions }: UserEventsInput): EventFilter {
  authorizeUserEvents({ actor, input: { userId } });
  return { actorUserId: userId, ...conditions };
}

/** A page of one user's audit trail. */
export async function listUserEvents(
  input: UserEventsInput & { page?: number | undefined; pageSize?: number | undefined },
) {
  const filter = userEventsFilter(input);
  return listEvents({
    db: input.db,
    filter,
    ...(input.page ? { page: input.page } : {}),
    ...(input.pageSize ? { pageSize: input.pageSize } : {}),
  });
}

/** One user's audit trail as CSV. */
export async function userEventsCsv(input: UserEventsInput): Promise<string> {
  return eventsCsv({ db: input.db, filter: userEventsFilter(input) });
}
