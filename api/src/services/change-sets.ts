import { type Db, intArray, isConfirmationEvent, isoTimestampSql, queryRowsAs } from '@ozg/db';
import {
  type ChangeSet,
  ChangeSetSchema,
  type ChangeSourceKind,
  type Status,
  type StatusChanges,
  type UndoResult,
} from '@ozg/shared';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
import { authorizeUndo } from './policy';
import { getStatuses, StatusConflictError, writeStatuses } from './statuses';

/** How long a bulk edit or CSV commit can be undone as one step; later, statuses are changed one by one. */
export const UNDO_WINDOW_HOURS = 24;

/** A row of changeSetSelect; the enums and the regions are checked with the wire schema's own parts. */
const ChangeSetRow = z.object({
  id: z.number().int(),
  kind: ChangeSetSchema.shape.kind,
  source: ChangeSetSchema.shape.source,
  created_at: z.string(),
  undoable_until: z.string(),
  actor: z.string(),
  actor_user_id: z.number().int(),
  status_count: z.number().int(),
  regions: ChangeSetSchema.shape.regions.nullable(),
  reverted_by: z.number().int().nullable(),
});
type ChangeSetRow = z.infer<typeof ChangeSetRow>;

/** The values before an event, as stored (jsonb): passed back unchanged, so only its being an object is checked. */
const StoredChanges = z.custom<StatusChanges>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'an object of status changes',
);

const changeSetSelect = sql`
  select cs.id, cs.kind, cs.source, cs.actor_user_id, cs.status_count, u.display_name as actor,
    ${isoTimestampSql('cs.created_at', 'milliseconds')} as created_at,
    ${isoTimestampSql(sql`cs.created_at + make_interval(hours => ${UNDO_WINDOW_HOURS})`, 'milliseconds')} as undoable_until,
    (select undo.id from change_sets undo where undo.reverts = cs.id) as reverted_by,
    (select jsonb_agg(jsonb_build_object('ags', v.ags, 'name', v.name) order by v.ags)
       from (select distinct e.region_id from status_events e where e.change_set_id = cs.id) r
       join region_versions v on v.region_id = r.region_id and v.valid_to is null) as regions
  from change_sets cs
  join users u on u.id = cs.actor_user_id`;

function toChangeSet(row: ChangeSetRow): ChangeSet {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    createdAt: row.created_at,
    actor: row.actor,
    statusCount: row.status_count,
    regions: row.regions ?? [],
    revertedBy: row.reverted_by,
    undoableUntil: row.undoable_until,
  };
}

async function readChangeSets(db: Db, where: SQL): Promise<ChangeSet[]> {
  const rows = await queryRowsAs(
    db,
    ChangeSetRow,
    sql`${changeSetSelect} where ${where} order by cs.id desc`,
  );
  return rows.map(toChangeSet);
}

/**
 * The signed-in user's own change sets of the last 24 hours, newest first: what
 * the workspace offers to undo. With a region, only those that touched it.
 */
export async function listChangeSets({
  db,
  actor,
  regionId,
}: {
  db: Db;
  actor: Actor;
  regionId?: number;
}): Promise<ChangeSet[]> {
  const conditions = [
    sql`cs.actor_user_id = ${actor.id}`,
    sql`cs.created_at > now() - make_interval(hours => ${UNDO_WINDOW_HOURS})`,
  ];
  if (regionId !== undefined)
    conditions.push(
      sql`exists (select 1 from status_events e where e.change_set_id = cs.id and e.region_id = ${regionId})`,
    );
  return readChangeSets(db, sql.join(conditions, sql` and `));
}

/**
 * Reverts a bulk edit or CSV commit as one step: every status it changed gets
 * its values from before, through the same write path as any edit (version
 * bump, events with the source of this request, rollups, totals and today's
 * snapshots), recorded as an undo change set. Nothing is deleted. Refused with
 * 409 when a status changed since or the change set was already undone, 422
 * after 24 hours, 403 for someone else's change set (except the ministry).
 */
export async function undoChangeSet(input: {
  db: Db;
  actor: Actor;
  id: number;
  source: ChangeSourceKind;
}): Promise<UndoResult> {
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    // The lock serialises two undos of the same change set; the second sees the first one's undo.
    const [locked] = await queryRowsAs(
      db,
      z.object({ id: z.number().int(), actor_user_id: z.number().int(), fresh: z.boolean() }),
      sql`select id, actor_user_id, created_at > now() - make_interval(hours => ${UNDO_WINDOW_HOURS}) as fresh
          from change_sets where id = ${input.id} for update`,
    );
    if (!locked) throw new AppError('not_found', `Die Änderung ${input.id} gibt es nicht.`);
    authorizeUndo({ actor: input.actor, input: { ownerUserId: locked.actor_user_id } });
    const [changeSet] = await readChangeSets(db, sql`cs.id = ${input.id}`);
    if (changeSet?.revertedBy)
      throw new AppError('conflict', 'Diese Änderung wurde bereits rückgängig gemacht.', {
        revertedBy: changeSet.revertedBy,
        current: [],
      });
    if (!locked.fresh)
      throw new AppError(
        'unprocessable',
        `Rückgängig machen geht nur innerhalb von ${UNDO_WINDOW_HOURS} Stunden; bitte die Leistungen einzeln ändern.`,
      );

    const events = await queryRowsAs(
      db,
      z.object({ id: z.number(), status_id: z.number().int(), before: StoredChanges }),
      sql`select id::float8 as id, status_id, before from status_events where change_set_id = ${input.id} order by status_id`,
    );
    const ids = events.map((event) => event.status_id);
    await db.execute(
      sql`select id from service_statuses where id = any(${intArray(ids)}) order by id for update`,
    );
    // Any later event of one of its statuses (an edit, an import, a change of the target set) blocks the
    // undo; a confirmation does not: it changed no field the undo would restore.
    const changedSince = await queryRowsAs(
      db,
      z.object({ status_id: z.number().int() }),
      sql`select distinct later.status_id from status_events own
          join status_events later on later.status_id = own.status_id and later.id > own.id
            and not ${isConfirmationEvent('later')}
          where own.change_set_id = ${input.id}`,
    );
    const current = new Map((await getStatuses(db, ids)).map((status) => [status.id, status]));
    if (changedSince.length > 0) {
      const records = changedSince.map((row) => current.get(row.status_id) as Status);
      throw new StatusConflictError(
        records,
        `Nicht rückgängig gemacht: ${records.length === 1 ? `${records[0]?.serviceName} wurde` : `${records.length} Leistungen wurden`} seitdem geändert. Bitte einzeln prüfen.`,
      );
    }
    const { items, changeSetId } = await writeStatuses({
      db,
      actor: input.actor,
      updates: events.map((event) => ({
        id: event.status_id,
        version: (current.get(event.status_id) as Status).version,
        changes: event.before,
      })),
      source: input.source,
      changeSet: { kind: 'undo', reverts: input.id },
    });
    const [undo] = changeSetId === null ? [] : await readChangeSets(db, sql`cs.id = ${changeSetId}`);
    if (!undo) throw new AppError('internal', 'Die Rücknahme wurde nicht aufgezeichnet.');
    return { changeSet: undo, items };
  });
}
