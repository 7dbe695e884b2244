import {
  appendEventsSql,
  applyStatusChanges,
  CONFIRMATION_FIELD,
  CURRENT,
  type Db,
  intArray,
  isoTimestampSql,
  queryRowsAs,
  staleConfirmationSql,
  stateOf,
  validOn,
} from '@ozg/db';
import {
  type ChangeSourceKind,
  type ConfirmResult,
  DEFAULT_STALE_DAYS,
  type FieldProvenance,
  type Freshness,
  GERMAN_TIME_ZONE,
  PROVENANCE_FIELDS,
  type ProvenanceField,
  type Reminders,
  type StaleList,
  type StaleSort,
  type Status,
  type StatusProvenance,
} from '@ozg/shared';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
import { countDatahubDifferences } from './datahub';
import { authorizeStatusEdit } from './policy';
import { getRegionLinks } from './region-links';
import { getStatus, getStatuses, lockStatuses } from './statuses';

/*
 * Provenance and freshness (decisions 021 and 025). A field's provenance is
 * the last event that named it, so no second store is kept. A record is
 * "bestätigt" when a person vouched for it: confirmed it unchanged here,
 * edited it (writeStatuses sets confirmed_at), or took over a Data Hub value.
 * It is stale when that lies more than the threshold's German calendar days
 * back (decision 010), or never happened.
 */

const Instant = z.union([z.string(), z.date()]);
const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

/**
 * Confirms statuses unchanged ("Bestätigen"), first as a preview (which would
 * be confirmed, which changed since the client read them), then committed,
 * all or nothing: through the one write path, with a confirmation event per
 * status (source and actor in the audit trail; before/after name only
 * confirmedAt). The version stays: nothing the record says changed, so an
 * editor open elsewhere is not thrown into a conflict by a confirmation.
 */
export async function confirmStatuses({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: {
    statuses: { id: number; version: number }[];
    mode: 'dry-run' | 'commit';
    source: ChangeSourceKind;
  };
}): Promise<ConfirmResult> {
  const ids = input.statuses.map((status) => status.id);
  if (new Set(ids).size !== ids.length)
    throw new AppError('validation_failed', 'Ein Status ist mehrfach angegeben.');
  if (input.mode === 'dry-run') return previewConfirmation({ db, actor, statuses: input.statuses });

  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const current = await lockStatuses({ db: t, actor, statuses: input.statuses });
    const [row] = await applyStatusChanges<{ confirmed_at: string }>(t, {
      statement: sql`
        with confirmed as (
          update service_statuses st set confirmed_at = now()
          from service_statuses previous
          where previous.id = st.id and st.id = any(${intArray(ids)})
          returning st.*, previous.confirmed_at as previous_confirmed_at
        ), appended as (
          ${appendEventsSql(
            {
              ...stateOf('c'),
              actorUserId: sql`${actor.id}::int`,
              source: sql`${input.source}::change_source`,
              before: sql`jsonb_build_object(${CONFIRMATION_FIELD}::text, ${isoTimestampSql(sql`c.previous_confirmed_at`, 'milliseconds')})`,
              after: sql`jsonb_build_object(${CONFIRMATION_FIELD}::text, ${isoTimestampSql(sql`c.confirmed_at`, 'milliseconds')})`,
            },
            sql`confirmed c`,
          )}
        )
        select ${isoTimestampSql(sql`now()`, 'milliseconds')} as confirmed_at`,
      // A confirmation moves no figure: no rollup or snapshot changes, only the data version.
      derived: { deltas: [] },
    });
    const items = await getStatuses(t, ids);
    const byId = new Map(items.map((status) => [status.id, status]));
    return {
      ...summarize(
        input.statuses.map(({ id }) => current.get(id) as Status),
        [],
      ),
      mode: 'commit' as const,
      applied: true,
      confirmedAt: row?.confirmed_at ?? null,
      items: ids.map((id) => byId.get(id) as Status),
    };
  });
}

/** The preview: read without locks; the commit checks everything again under them. */
async function previewConfirmation({
  db,
  actor,
  statuses,
}: {
  db: Db;
  actor: Actor;
  statuses: { id: number; version: number }[];
}): Promise<ConfirmResult> {
  const ids = statuses.map((status) => status.id);
  const current = new Map((await getStatuses(db, ids)).map((status) => [status.id, status]));
  const missing = ids.filter((id) => !current.has(id));
  if (missing.length > 0) throw new AppError('not_found', `Status ${missing.join(', ')} gibt es nicht.`);
  // The same rule the commit applies (policy.ts), so the preview never promises what the commit refuses.
  authorizeStatusEdit({
    actor,
    input: { regionIds: [...current.values()].map((status) => status.regionId) },
  });
  const fresh: Status[] = [];
  const conflicts: Status[] = [];
  for (const { id, version } of statuses) {
    const status = current.get(id) as Status;
    (status.version === version ? fresh : conflicts).push(status);
  }
  return { ...summarize(fresh, conflicts), mode: 'dry-run', applied: false, confirmedAt: null, items: [] };
}

function summarize(fresh: Status[], conflicts: Status[]) {
  return {
    summary: {
      confirm: fresh.length,
      conflicts: conflicts.length,
      neverConfirmed: fresh.filter((status) => status.confirmedAt === null).length,
    },
    statuses: [
      ...fresh.map((status) => ({
        statusId: status.id,
        ozgId: status.ozgId,
        serviceName: status.serviceName,
        outcome: 'confirm' as const,
        previousConfirmedAt: status.confirmedAt,
      })),
      ...conflicts.map((status) => ({
        statusId: status.id,
        ozgId: status.ozgId,
        serviceName: status.serviceName,
        outcome: 'conflict' as const,
        previousConfirmedAt: status.confirmedAt,
        current: status,
      })),
    ],
  };
}

/** The same ISO form as the API's other instants (UTC, milliseconds, Z). */

const ProvenanceRow = z.object({
  field: z.enum(PROVENANCE_FIELDS),
  event_id: z.number(),
  source: z.string(),
  occurred_at: Instant,
  actor: z.string().nullable(),
  value: z.unknown(),
});

/**
 * Per field the last event that named it in its `after`, by event id: the
 * order in which the writes were applied, so an event recorded later with
 * an earlier occurred_at (a backdated import) still counts as the later
 * write. matchesCurrent tells whether that event set the value the record
 * holds now; where the record was changed without an event, the history is
 * incomplete and the answer says so instead of claiming a source.
 */
export async function statusProvenance({ db, id }: { db: Db; id: number }): Promise<StatusProvenance> {
  const status = await getStatus(db, id);
  const rows = await queryRowsAs(
    db,
    ProvenanceRow,
    sql`select distinct on (f.field) f.field, e.id::float8 as event_id, e.source::text as source, e.occurred_at,
          u.display_name as actor, e.after -> f.field as value
        from status_events e
        cross join lateral jsonb_object_keys(e.after) as f(field)
        left join users u on u.id = e.actor_user_id
        where e.status_id = ${id} and f.field = any(${`{${PROVENANCE_FIELDS.join(',')}}`}::text[])
        order by f.field, e.id desc`,
  );
  const byField = new Map(rows.map((row) => [row.field, row]));
  const fields = Object.fromEntries(
    PROVENANCE_FIELDS.map((field): [ProvenanceField, FieldProvenance | null] => {
      const row = byField.get(field);
      if (!row) return [field, null];
      return [
        field,
        {
          source: row.source as FieldProvenance['source'],
          at: iso(row.occurred_at) as string,
          actor: row.actor,
          eventId: row.event_id,
          matchesCurrent: sameValue(row.value, status[field]),
        },
      ];
    }),
  ) as Record<ProvenanceField, FieldProvenance | null>;
  return { statusId: status.id, version: status.version, confirmedAt: status.confirmedAt, fields };
}

/** Event values are JSON (dates as YYYY-MM-DD, "" never stored for a cleared field, but tolerated). */
function sameValue(recorded: unknown, current: unknown): boolean {
  const normalize = (value: unknown) => (value === '' || value === undefined ? null : value);
  return normalize(recorded) === normalize(current);
}

/** The reference instant of a freshness read: now, or a given time (tests). */
const instant = (now: Date | undefined): SQL => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);

/** German calendar days from an instant to the reference instant (decision 010). */
const germanDaysSince = (value: SQL, now: SQL) =>
  sql`((${now} at time zone ${GERMAN_TIME_ZONE})::date - (${value} at time zone ${GERMAN_TIME_ZONE})::date)`;

/**
 * Per administration matching `filter` (on st), over its statuses in the
 * target set: how many, how many are stale, never confirmed, the latest and
 * oldest confirmation (stale: staleConfirmationSql, the one rule).
 */
function freshnessSql({ filter, days, now }: { filter: SQL; days: number; now: SQL }): SQL {
  return sql`
    select st.region_id, count(*)::int as total,
      (count(*) filter (where ${staleConfirmationSql('st', days, now)}))::int as stale,
      (count(*) filter (where st.confirmed_at is null))::int as never_confirmed,
      max(st.confirmed_at) as last_confirmed_at, min(st.confirmed_at) as oldest_confirmed_at
    from service_statuses st
    where st.in_target and ${filter}
    group by st.region_id`;
}

const FreshnessRow = z.object({
  region_id: z.number(),
  total: z.number(),
  stale: z.number(),
  never_confirmed: z.number(),
  last_confirmed_at: Instant.nullable(),
  oldest_confirmed_at: Instant.nullable(),
  days_since_last: z.number().nullable(),
  days_since_oldest: z.number().nullable(),
});

/** How current one administration's statuses are (the workspace badge, the officer's reminders). */
export async function regionFreshness({
  db,
  administration,
  days = DEFAULT_STALE_DAYS,
  now,
}: {
  db: Db;
  administration: { regionId: number; ags: string; name: string };
  days?: number;
  now?: Date;
}): Promise<Freshness> {
  const reference = instant(now);
  const [row] = await queryRowsAs(
    db,
    FreshnessRow,
    sql`select f.*, ${germanDaysSince(sql`f.last_confirmed_at`, reference)} as days_since_last,
          ${germanDaysSince(sql`f.oldest_confirmed_at`, reference)} as days_since_oldest
        from (${freshnessSql({ filter: sql`st.region_id = ${administration.regionId}`, days, now: reference })}) f`,
  );
  return {
    regionId: administration.regionId,
    ags: administration.ags,
    name: administration.name,
    thresholdDays: days,
    total: row?.total ?? 0,
    stale: row?.stale ?? 0,
    neverConfirmed: row?.never_confirmed ?? 0,
    lastConfirmedAt: iso(row?.last_confirmed_at ?? null),
    daysSinceLast: row?.days_since_last ?? null,
    oldestConfirmedAt: iso(row?.oldest_confirmed_at ?? null),
    daysSinceOldest: row?.days_since_oldest ?? null,
  };
}

/** What an officer should look at for one administration: stale statuses, open Data Hub differences, broken links. */
export async function regionReminders({
  db,
  actor,
  administration,
  days,
}: {
  db: Db;
  actor: Actor;
  administration: { regionId: number; ags: string; name: string };
  days?: number;
}): Promise<Reminders> {
  const [freshness, datahubOpen, links] = [
    await regionFreshness({ db, administration, ...(days ? { days } : {}) }),
    await countDatahubDifferences({ db, actor, input: administration }),
    await getRegionLinks({ db, key: administration.ags }),
  ];
  return { freshness, datahubOpen, brokenLinks: links.broken };
}

/** Sort keys over the list's rows (x); ties fall back to the AGS. */
const STALE_ORDER: Record<StaleSort, SQL> = {
  stale: sql`x.stale`,
  share: sql`x.stale::float8 / x.total`,
  // Never confirmed is the oldest of all.
  daysSinceLast: sql`coalesce(x.days_since_last, 2147483647)`,
  name: sql`x.name`,
  kreis: sql`coalesce(x.kreis_name, x.name)`,
};

const StaleRow = FreshnessRow.omit({ oldest_confirmed_at: true, days_since_oldest: true }).extend({
  ags: z.string(),
  name: z.string(),
  kreis_ags: z.string().nullable(),
  kreis_name: z.string().nullable(),
  rows: z.number(),
  stale_statuses: z.number(),
});

/**
 * The administrations of the current territory with at least one stale
 * status (the ministry's list), with their Kreis: one set-based query, a
 * single pass over the statuses grouped by administration.
 */
export async function staleAdministrations({
  db,
  query,
  now,
}: {
  db: Db;
  query: { days?: number; sort?: StaleSort; order?: 'asc' | 'desc'; page?: number; pageSize?: number };
  now?: Date;
}): Promise<StaleList> {
  const days = query.days ?? DEFAULT_STALE_DAYS;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 100;
  const sort = query.sort ?? 'stale';
  const defaultOrder = sort === 'name' || sort === 'kreis' ? 'asc' : 'desc';
  const direction = (query.order ?? defaultOrder) === 'asc' ? sql`asc` : sql`desc`;
  const reference = instant(now);
  const rows = await queryRowsAs(
    db,
    StaleRow,
    sql`select * from (
          select f.region_id, f.total, f.stale, f.never_confirmed, f.last_confirmed_at,
            ${germanDaysSince(sql`f.last_confirmed_at`, reference)} as days_since_last,
            g.ags, g.name, k.ags as kreis_ags, k.name as kreis_name,
            (count(*) over ())::int as rows, (sum(f.stale) over ())::int as stale_statuses
          from (${freshnessSql({ filter: sql`true`, days, now: reference })}) f
          join region_versions g on g.region_id = f.region_id and ${validOn('g', CURRENT)}
          -- A five-digit AGS is a Kreis (or a kreisfreie Stadt as Kreis): the same join as the Data Hub's per-Kreis view.
          left join region_versions k on k.ags = left(g.ags, 5) and ${validOn('k', CURRENT)}
          where f.stale > 0
        ) x
        order by ${STALE_ORDER[sort]} ${direction}, x.ags
        limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  return {
    thresholdDays: days,
    total: rows[0]?.rows ?? 0,
    staleStatuses: rows[0]?.stale_statuses ?? 0,
    page,
    pageSize,
    items: rows.map((row) => ({
      regionId: row.region_id,
      ags: row.ags,
      name: row.name,
      kreis: row.kreis_ags && row.kreis_name ? { ags: row.kreis_ags, name: row.kreis_name } : null,
      total: row.total,
      stale: row.stale,
      neverConfirmed: row.never_confirmed,
      lastConfirmedAt: iso(row.last_confirmed_at),
      daysSinceLast: row.days_since_last,
    })),
  };
}
