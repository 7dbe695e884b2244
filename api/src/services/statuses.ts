import {
  appendEventsSql,
  applyStatusChanges,
  type Db,
  intArray,
  isCountedStatus,
  isoTimestampSql,
  queryRowsAs,
  type StatusDelta,
  staleConfirmationSql,
  stateOf,
} from '@ozg/db';
import {
  type BulkEditOptions,
  type BulkStatusResult,
  type BulkUpdateResult,
  type ChangeSetKind,
  type ChangeSourceKind,
  type FieldProblem,
  OZG_CONFORMANT_LEVEL,
  planBulkEdit,
  type Status,
  type StatusChanges,
  type StatusListQuerySchema,
  StatusSchema,
  statusProblems,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
import { type CriteriaDiff, loadCriteriaContext } from './maturity-criteria';
import { authorizeStatusEdit, canEditRegion } from './policy';
import { brokenLinkSql, linkStatesOf } from './region-links';
import { today } from './regions';

/** A row of statusSelect; the enum columns are checked with the wire schema's own enums. */
const StatusRow = z.object({
  id: z.number().int(),
  region_id: z.number().int(),
  ozg_id: z.number().int(),
  service_name: z.string(),
  themenfeld: StatusSchema.shape.themenfeld,
  in_target: z.boolean(),
  maturity_level: z.number().int(),
  maturity_model: StatusSchema.shape.maturityModel,
  workflow_state: StatusSchema.shape.workflowState,
  solution: StatusSchema.shape.solution,
  url: z.string().nullable(),
  planned_date: z.string().nullable(),
  online_since: z.string().nullable(),
  contact: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  updated_at: z.string(),
  updated_by: z.string().nullable(),
  confirmed_at: z.string().nullable(),
});
type StatusRow = z.infer<typeof StatusRow>;
const IdRow = z.object({ id: z.number().int() });

const statusSelect = sql`
  select st.id, st.region_id, st.ozg_id, s.name as service_name, s.themenfeld, st.in_target, st.maturity_level,
    st.maturity_model, st.workflow_state, st.solution, st.url, st.planned_date::text as planned_date,
    st.online_since::text as online_since, st.contact, st.note, st.version,
    ${isoTimestampSql('st.updated_at', 'milliseconds')} as updated_at, u.display_name as updated_by,
    ${isoTimestampSql('st.confirmed_at', 'milliseconds')} as confirmed_at
  from service_statuses st
  join ozg_services s on s.ozg_id = st.ozg_id
  left join users u on u.id = st.updated_by`;

function toStatus(row: StatusRow): Status {
  return {
    id: row.id,
    regionId: row.region_id,
    ozgId: row.ozg_id,
    serviceName: row.service_name,
    themenfeld: row.themenfeld,
    inTarget: row.in_target,
    maturityLevel: row.maturity_level,
    maturityModel: row.maturity_model,
    workflowState: row.workflow_state,
    solution: row.solution,
    url: row.url,
    plannedDate: row.planned_date,
    onlineSince: row.online_since,
    contact: row.contact,
    note: row.note,
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    confirmedAt: row.confirmed_at,
  };
}

const SORT_COLUMNS = {
  ozgId: sql`st.ozg_id`,
  name: sql`s.name`,
  themenfeld: sql`s.themenfeld`,
  maturityLevel: sql`st.maturity_level`,
  workflowState: sql`st.workflow_state`,
  updatedAt: sql`st.updated_at`,
  // Never confirmed sorts as the oldest.
  confirmedAt: sql`coalesce(st.confirmed_at, '-infinity'::timestamptz)`,
} as const;

export type StatusListQuery = z.infer<typeof StatusListQuerySchema>;

/** The statuses of one administration, filtered, sorted and paginated, as one user may see them. */
export async function listStatuses({
  db,
  actor,
  regionId,
  query,
}: {
  db: Db;
  actor: Actor;
  regionId: number;
  query: StatusListQuery;
}) {
  const result = await queryStatuses({ db, regionId, query });
  // Who may edit is told per row by the one rule the writes check, so clients never re-implement it.
  return {
    ...result,
    items: result.items.map((status) => ({ ...status, editable: canEditRegion(actor, status.regionId) })),
    editable: canEditRegion(actor, regionId),
  };
}

/** The statuses of one administration, filtered, sorted and paginated, whoever reads them (the CSV exchange). */
export async function queryStatuses({
  db,
  regionId,
  query,
}: {
  db: Db;
  regionId: number;
  query: StatusListQuery;
}) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const conditions = [sql`st.region_id = ${regionId}`];
  if (query.includeOutOfTarget !== 'true') conditions.push(sql`st.in_target`);
  if (query.themenfeld) conditions.push(sql`s.themenfeld = ${query.themenfeld}`);
  if (query.maturityLevel !== undefined) conditions.push(sql`st.maturity_level = ${query.maturityLevel}`);
  if (query.workflowState) conditions.push(sql`st.workflow_state = ${query.workflowState}`);
  if (query.overdue === 'true')
    conditions.push(sql`st.in_target and st.maturity_level < ${OZG_CONFORMANT_LEVEL}`);
  if (query.overdue === 'false') conditions.push(sql`st.maturity_level >= ${OZG_CONFORMANT_LEVEL}`);
  if (query.brokenLink === 'true')
    conditions.push(sql`exists (select 1 from link_checks lc where lc.url = st.url and ${brokenLinkSql})`);
  if (query.staleDays !== undefined) conditions.push(staleConfirmationSql('st', query.staleDays));
  if (query.q) {
    const text = query.q;
    conditions.push(
      /^\d{5}$/.test(text)
        ? sql`st.ozg_id = ${Number(text)}`
        : sql`s.name ilike ${`%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`}`,
    );
  }
  const direction = query.order === 'desc' ? sql`desc` : sql`asc`;
  const order = SORT_COLUMNS[query.sort ?? 'name'];
  const rows = await queryRowsAs(
    db,
    StatusRow,
    sql`${statusSelect}
        where ${sql.join(conditions, sql` and `)}
        order by ${order} ${direction}, st.ozg_id
        limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [count] = await queryRowsAs(
    db,
    z.object({ total: z.number().int() }),
    sql`select count(*)::int as total from service_statuses st join ozg_services s on s.ozg_id = st.ozg_id
        where ${sql.join(conditions, sql` and `)}`,
  );
  const links = await linkStatesOf(
    db,
    rows.flatMap((row) => (row.url ? [row.url] : [])),
  );
  return {
    items: rows.map((row) => ({ ...toStatus(row), link: (row.url && links.get(row.url)) || null })),
    total: count?.total ?? 0,
    page,
    pageSize,
  };
}

export async function getStatus(db: Db, id: number): Promise<Status> {
  const [row] = await queryRowsAs(db, StatusRow, sql`${statusSelect} where st.id = ${id}`);
  if (!row) throw new AppError('not_found', `Status ${id} gibt es nicht.`);
  return toStatus(row);
}

/** Field names of the API and their columns. */
const FIELDS = {
  maturityLevel: 'maturity_level',
  maturityModel: 'maturity_model',
  workflowState: 'workflow_state',
  solution: 'solution',
  url: 'url',
  plannedDate: 'planned_date',
  onlineSince: 'online_since',
  contact: 'contact',
  note: 'note',
} as const satisfies Record<Exclude<keyof StatusChanges, 'criteria'>, string>;
type Field = keyof typeof FIELDS;

export type StatusUpdate = { id: number; version: number; changes: StatusChanges };

/** The differences a change makes to a status, field by field; empty strings mean "cleared". */
export function diffStatus(
  current: Status,
  changes: StatusChanges,
): Partial<Record<Field, { from: unknown; to: unknown }>> {
  const diff: Partial<Record<Field, { from: unknown; to: unknown }>> = {};
  for (const field of Object.keys(changes) as Field[]) {
    let value = changes[field] as unknown;
    if (value === '') value = null;
    if (value === undefined) continue;
    if (current[field] !== value) diff[field] = { from: current[field], to: value };
  }
  return diff;
}

export class StatusConflictError extends AppError {
  constructor(
    readonly current: Status[],
    message = current.length === 1
      ? `Der Status wurde inzwischen geändert (jetzt Version ${current[0]?.version}). Bitte die aktuelle Fassung prüfen.`
      : `${current.length} Status wurden inzwischen geändert. Bitte die aktuellen Fassungen prüfen.`,
  ) {
    super('conflict', message, { current });
  }
}

/** The statuses of these ids, in no particular order. */
export async function getStatuses(db: Db, ids: readonly number[]): Promise<Status[]> {
  const rows = await queryRowsAs(db, StatusRow, sql`${statusSelect} where st.id = any(${intArray(ids)})`);
  return rows.map(toStatus);
}

/**
 * The first step of every status write, inside its transaction: locks the
 * rows in id order (two bulk writes over the same rows cannot deadlock),
 * answers 404 for an unknown id, checks the actor may edit each
 * administration (policy.ts) and that every version is the one the client
 * read, else 409 with the current records and nothing written.
 */
export async function lockStatuses({
  db,
  actor,
  statuses,
}: {
  db: Db;
  actor: Actor;
  statuses: readonly { id: number; version: number }[];
}): Promise<Map<number, Status>> {
  const ids = statuses.map((status) => status.id);
  const locked = await queryRowsAs(
    db,
    IdRow,
    sql`select id from service_statuses where id = any(${intArray(ids)}) order by id for update`,
  );
  if (locked.length !== new Set(ids).size) {
    const found = new Set(locked.map((row) => row.id));
    throw new AppError('not_found', `Status ${ids.filter((id) => !found.has(id)).join(', ')} gibt es nicht.`);
  }
  const rows = await queryRowsAs(db, StatusRow, sql`${statusSelect} where st.id = any(${intArray(ids)})`);
  const current = new Map(rows.map((row) => [row.id, toStatus(row)]));
  authorizeStatusEdit({ actor, input: { regionIds: rows.map((row) => row.region_id) } });
  const stale = statuses.filter((status) => current.get(status.id)?.version !== status.version);
  if (stale.length > 0)
    throw new StatusConflictError(stale.map((status) => current.get(status.id) as Status));
  return current;
}

/**
 * Applies changes to statuses, all or nothing: the rows are locked, every
 * version must equal the one the client read (else 409 with the current
 * records, nothing written), the merged result must satisfy the status rules
 * (else 422 with field errors), and each real change updates the row, bumps its
 * version, appends an event and adjusts the rollups, totals and today's snapshots, all
 * in one transaction. Unchanged fields write nothing.
 */
export async function updateStatuses(input: UpdateInput): Promise<Status[]> {
  return (await writeStatuses(input)).items;
}

type UpdateInput = {
  db: Db;
  actor: Actor;
  updates: StatusUpdate[];
  source: ChangeSourceKind;
  /** Records the write as one change set (bulk edit, CSV commit, undo) that its events name. */
  changeSet?: { kind: ChangeSetKind; reverts?: number };
  now?: string;
};

/** updateStatuses, also returning the id of the change set it recorded (null when nothing changed). */
export async function writeStatuses(
  input: UpdateInput,
): Promise<{ items: Status[]; changeSetId: number | null }> {
  const ids = [...new Set(input.updates.map((update) => update.id))];
  if (ids.length !== input.updates.length)
    throw new AppError('validation_failed', 'Ein Status ist mehrfach angegeben.');
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const current = await lockStatuses({ db, actor: input.actor, statuses: input.updates });
    // Maturity criteria (decision 019): answers ride with the status write; see maturity-criteria.ts.
    const criteria = await loadCriteriaContext(db, ids);

    const problems: (FieldProblem & { statusId: number; ozgId: number })[] = [];
    const planned: { status: Status; diff: ReturnType<typeof diffStatus> & CriteriaDiff }[] = [];
    for (const update of input.updates) {
      const status = current.get(update.id) as Status;
      const expanded = criteria.expand(status, update.changes);
      const diff = { ...diffStatus(status, expanded.changes), ...expanded.diff };
      for (const problem of expanded.problems)
        problems.push({ ...problem, statusId: status.id, ozgId: status.ozgId });
      const merged = {
        ...status,
        ...Object.fromEntries(Object.entries(diff).map(([field, d]) => [field, d.to])),
      } as Status;
      for (const problem of statusProblems(merged, input.now ?? today())) {
        problems.push({ ...problem, statusId: status.id, ozgId: status.ozgId });
      }
      if (Object.keys(diff).length > 0) planned.push({ status, diff });
    }
    if (problems.length > 0) {
      throw new AppError('unprocessable', 'Die Änderung verletzt Regeln für den Status.', problems);
    }
    if (planned.length === 0)
      return { items: input.updates.map((update) => current.get(update.id) as Status), changeSetId: null };

    const changes = planned.map(({ status, diff }) => ({
      id: status.id,
      set: Object.fromEntries(
        Object.entries(diff)
          .filter(([field]) => field in FIELDS)
          .map(([field, d]) => [FIELDS[field as Field], d.to]),
      ),
      before: Object.fromEntries(Object.entries(diff).map(([field, d]) => [field, d.from])),
      after: Object.fromEntries(Object.entries(diff).map(([field, d]) => [field, d.to])),
    }));
    // One statement for all rows: each column takes the new value where the change names it.
    const assignments = Object.values(FIELDS).map(
      (column) =>
        sql`${sql.raw(column)} = case when c.set ? ${column} then (c.set ->> ${column})::${sql.raw(columnType(column))} else st.${sql.raw(column)} end`,
    );
    await db.execute(sql`
      update service_statuses st set ${sql.join(assignments, sql`, `)},
        version = st.version + 1, updated_at = now(), updated_by = ${input.actor.id},
        -- A person changed the record, so they vouched for it (freshness, decision 025).
        confirmed_at = now()
      from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as c(id int, set jsonb)
      where st.id = c.id`);
    let changeSetId: number | null = null;
    if (input.changeSet) {
      const [row] = await queryRowsAs(
        db,
        IdRow,
        sql`insert into change_sets (kind, source, actor_user_id, status_count, reverts)
            values (${input.changeSet.kind}, ${input.source}, ${input.actor.id}, ${planned.length}, ${input.changeSet.reverts ?? null})
            returning id`,
      );
      changeSetId = row?.id ?? null;
    }
    // The criteria answers and the levels computed from them, in the same transaction (decision 019);
    // before the derived change, which carries how they move the 2.0 figures (decision 020).
    const modelDeltas = await criteria.persist(db, planned, input.actor.id);
    // The records as they are now, read before the derived change: it locks the totals rows that every
    // writer of the Land needs (up to the Land's), and they stay locked until the commit.
    const updated = await queryRowsAs(
      db,
      StatusRow,
      sql`${statusSelect} where st.id = any(${intArray(ids)})`,
    );
    await applyStatusChanges(db, {
      statement: appendEventsSql(
        {
          ...stateOf('st'),
          actorUserId: sql`${input.actor.id}`,
          source: sql`${input.source}`,
          before: sql`c.before`,
          after: sql`c.after`,
          changeSetId: sql`${changeSetId}::int`,
        },
        sql`jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as c(id int, before jsonb, after jsonb)
          join service_statuses st on st.id = c.id`,
      ),
      derived: {
        deltas: statusDeltas(
          changes.map((change, index) => ({
            status: (planned[index] as (typeof planned)[number]).status,
            set: change.set,
          })),
        ),
        modelDeltas,
      },
      regionIds: planned.map((entry) => entry.status.regionId),
    });
    const byId = new Map(updated.map((row) => [row.id, toStatus(row)]));
    return { items: input.updates.map((update) => byId.get(update.id) as Status), changeSetId };
  });
}

/**
 * One change for many statuses, first as a dry run (what would change, what
 * stays, which would be lowered or lose their "online seit"), then committed
 * as one change set, all or nothing. The options decide per status what the
 * change may lower or overwrite (planBulkEdit in shared); the defaults lower
 * and overwrite nothing. A commit with a stale status answers 409 with the
 * current records, one that breaks a rule 422, as a single edit does.
 */
export async function bulkUpdateStatuses(input: {
  db: Db;
  actor: Actor;
  statuses: { id: number; version: number }[];
  changes: StatusChanges;
  options: BulkEditOptions;
  mode: 'dry-run' | 'commit';
  source: ChangeSourceKind;
  now?: string;
}): Promise<BulkUpdateResult> {
  const ids = input.statuses.map((status) => status.id);
  if (new Set(ids).size !== ids.length)
    throw new AppError('validation_failed', 'Ein Status ist mehrfach angegeben.');
  const current = new Map((await getStatuses(input.db, ids)).map((status) => [status.id, status]));
  const missing = ids.filter((id) => !current.has(id));
  if (missing.length > 0) throw new AppError('not_found', `Status ${missing.join(', ')} gibt es nicht.`);
  authorizeStatusEdit({
    actor: input.actor,
    input: { regionIds: [...current.values()].map((status) => status.regionId) },
  });
  // Maturity criteria (decision 019): a bulk answer is planned like a bulk level (raise-only keeps higher answers).
  const criteria = await loadCriteriaContext(input.db, ids);

  const day = input.now ?? today();
  const updates: StatusUpdate[] = [];
  const results: BulkStatusResult[] = input.statuses.map(({ id, version }) => {
    const status = current.get(id) as Status;
    const plan = planBulkEdit(status, input.changes, input.options);
    const bulk = criteria.planBulk(status, plan.changes, input.options);
    let expanded = criteria.expand(status, bulk.changes);
    const kept = bulk.kept ? [...plan.kept, 'criteria' as const] : plan.kept;
    const lowers = (expanded.changes.maturityLevel ?? status.maturityLevel) < status.maturityLevel;
    if (lowers && input.options.levels === 'raise-only' && bulk.changes.maturityLevel === undefined) {
      // A level the answers compute does not lower a status either: the level named explicitly wins.
      bulk.changes = { ...bulk.changes, maturityLevel: status.maturityLevel };
      expanded = criteria.expand(status, bulk.changes);
      kept.push('maturityLevel');
    }
    const base = {
      statusId: id,
      ozgId: status.ozgId,
      serviceName: status.serviceName,
      downgrade: plan.downgrade || lowers,
      onlineSinceAffected: plan.onlineSinceAffected,
      kept,
    };
    const diff = { ...diffStatus(status, expanded.changes), ...expanded.diff };
    if (version !== status.version)
      return {
        ...base,
        outcome: 'conflict',
        changes: diff,
        current: status,
        errors: [
          {
            column: 'version',
            message: `Inzwischen geändert (Version ${version} → ${status.version}) von ${status.updatedBy ?? 'unbekannt'}.`,
          },
        ],
      };
    updates.push({ id, version, changes: bulk.changes });
    if (Object.keys(diff).length === 0) return { ...base, outcome: 'unchanged' };
    const merged = {
      ...status,
      ...Object.fromEntries(Object.entries(diff).map(([field, d]) => [field, d.to])),
    } as Status;
    const problems = [...statusProblems(merged, day), ...expanded.problems];
    if (problems.length > 0)
      return {
        ...base,
        outcome: 'error',
        changes: diff,
        errors: problems.map((problem) => ({ column: problem.path, message: problem.message })),
      };
    return { ...base, outcome: 'changed', changes: diff };
  });
  const count = (outcome: BulkStatusResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const summary = {
    changed: count('changed'),
    unchanged: count('unchanged'),
    errors: count('error'),
    conflicts: count('conflict'),
    downgrades: results.filter((r) => r.downgrade).length,
    onlineSinceAffected: results.filter((r) => r.onlineSinceAffected).length,
  };
  const dryRun: BulkUpdateResult = {
    mode: input.mode,
    applied: false,
    summary,
    statuses: results,
    items: [],
    changeSetId: null,
  };
  if (input.mode === 'dry-run') return dryRun;
  const stale = results.flatMap((result) => (result.current ? [result.current] : []));
  if (stale.length > 0) throw new StatusConflictError(stale);
  // Rule violations are checked again under the row locks and answered with 422 and the fields.
  const { items, changeSetId } = await writeStatuses({
    db: input.db,
    actor: input.actor,
    updates,
    source: input.source,
    changeSet: { kind: 'bulk' },
    ...(input.now ? { now: input.now } : {}),
  });
  return { ...dryRun, applied: true, items, changeSetId };
}

function columnType(column: string): string {
  switch (column) {
    case 'maturity_level':
      return 'smallint';
    case 'maturity_model':
      return 'maturity_model';
    case 'workflow_state':
      return 'workflow_state';
    case 'solution':
      return 'solution_kind';
    case 'planned_date':
    case 'online_since':
      return 'date';
    default:
      return 'text';
  }
}

/**
 * The edits that move a counted status (in the target set, Reifegradmodell 1.1)
 * between levels or in and out of the deadline count or the days late.
 */
function statusDeltas(changes: { status: Status; set: Record<string, unknown> }[]): StatusDelta[] {
  return changes
    .filter(({ status }) => isCountedStatus(status))
    .map(({ status, set }) => ({
      regionId: status.regionId,
      themenfeld: status.themenfeld,
      from: { level: status.maturityLevel, onlineSince: status.onlineSince },
      to: {
        level: ('maturity_level' in set ? set.maturity_level : status.maturityLevel) as number,
        onlineSince: ('online_since' in set ? set.online_since : status.onlineSince) as string | null,
      },
    }));
}
