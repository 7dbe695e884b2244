import { THEMENFELDER, type Themenfeld } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { germanToday } from './calendar';
import { type Db, intArray, queryRowsAs } from './client';
import {
  administrationLinks,
  CURRENT,
  countedStatus,
  DERIVED_MODEL_FAMILY,
  newestAssessmentSql,
  validOn,
} from './domain-sql';
import { currentAncestors, totalsGridSql, totalsScope } from './totals';

/*
 * The derived tables of Reifegradmodell 2.0 (decision 020), the counterpart of
 * region_rollups and region_totals (decision 005) for the figures by 2.0:
 *
 * - region_model_rollups: per administration, Themenfeld and family, the
 *   counted statuses (in the target set, 1.1 as the status's model), how many
 *   of them have a complete assessment, per level 0-7, and how many are
 *   flagged "Bearbeitung analog". Each status counts with the newest version
 *   of the family that it has an assessment of (decision 019).
 * - region_model_totals: the same per region of the current territory, per
 *   Themenfeld and in total (themenfeld null): progress, children and
 *   coverage read one row per region.
 * - region_model_snapshots: per region, its total row at the end of each
 *   German day (decision 010) on which it was written; the series by 2.0
 *   reads the latest row at or before each point.
 *
 * Moved by deltas in the transaction of an assessment write (ModelDelta,
 * through the write path), rebuilt with the 1.1 rollups for set-based changes
 * (target sets, imports) and by rebuildDerivedTables. Every move and rebuild
 * of the totals writes today's snapshot of the regions it touched; no rebuild
 * rewrites a past day (decision 020: the assessments carry no effective
 * dates, so past days cannot be replayed; a past row is what was recorded
 * then, and an as-of view never learns of later days).
 */

const FAMILY = sql.raw(`'${DERIVED_MODEL_FAMILY}'::maturity_model`);
const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7] as const;
const COUNT_COLUMNS = [
  'counted',
  'assessed',
  'level0',
  'level1',
  'level2',
  'level3',
  'level4',
  'level5',
  'level6',
  'level7',
  'analog',
] as const;
const columnList = sql.raw(COUNT_COLUMNS.join(', '));
const excludedSet = sql.raw(
  [...COUNT_COLUMNS.map((column) => `${column} = excluded.${column}`), 'updated_at = now()'].join(', '),
);

/**
 * Rebuilds the 2.0 rollups of some administrations (or of all) from the
 * statuses and their assessments, then the totals of the regions above them.
 * Same grid and locking as recomputeRollups: every administration with
 * statuses has a row per Themenfeld of its statuses; rows are locked first and
 * upserted, and a row whose statuses no longer count goes to zero.
 */
export async function recomputeModelRollups(db: Db, adminIds?: readonly number[]): Promise<void> {
  const scope = adminIds ? sql`and region_id = any(${intArray(adminIds)})` : sql``;
  const statusScope = adminIds ? sql`where st.region_id = any(${intArray(adminIds)})` : sql``;
  await db.execute(sql`
    select 1 from region_model_rollups where family = ${FAMILY} ${scope}
    order by region_id, themenfeld, family for update`);
  const levelCounts = sql.raw(
    LEVELS.map(
      (level) => `(count(*) filter (where counted and level = ${level}))::int as level${level}`,
    ).join(', '),
  );
  await db.execute(sql`
    insert into region_model_rollups (region_id, themenfeld, family, ${columnList})
    with fresh as (
      select region_id, themenfeld,
        (count(*) filter (where counted))::int as counted,
        (count(*) filter (where counted and level is not null))::int as assessed,
        ${levelCounts},
        (count(*) filter (where counted and analog))::int as analog
      from (
        select st.region_id, s.themenfeld, ${countedStatus('st')} as counted, l.level,
          coalesce(l.analog_processing, false) as analog
        from service_statuses st
        join ozg_services s on s.ozg_id = st.ozg_id
        left join lateral ${newestAssessmentSql('st')} l on true
        ${statusScope}
      ) x
      group by region_id, themenfeld
    )
    select region_id, themenfeld, ${FAMILY}, ${columnList} from fresh
    union all
    select r.region_id, r.themenfeld, ${FAMILY}, ${sql.raw(COUNT_COLUMNS.map(() => '0').join(', '))}
    from region_model_rollups r
    where r.family = ${FAMILY} ${adminIds ? sql`and r.region_id = any(${intArray(adminIds)})` : sql``}
      and not exists (select 1 from fresh f where f.region_id = r.region_id and f.themenfeld = r.themenfeld)
    on conflict (region_id, themenfeld, family) do update set ${excludedSet}`);
  await recomputeModelTotals(db, adminIds);
}

/**
 * Rebuilds the 2.0 totals of the regions above some administrations (or of
 * the whole current territory) from the 2.0 rollups: a row per region and
 * Themenfeld and in total, zeros included, so that a later delta always finds
 * its row; totals of regions that left the territory go.
 */
async function recomputeModelTotals(db: Db, adminIds?: readonly number[]): Promise<void> {
  const scopeIds = adminIds ? await currentAncestors(db, adminIds) : null;
  if (scopeIds && scopeIds.length === 0) return;
  const inScope = totalsScope(scopeIds);
  // Same order as applyModelDeltas (total row first), so a rebuild and an edit cannot deadlock.
  await db.execute(sql`
    select 1 from region_model_totals where family = ${FAMILY} and ${inScope('region_id')}
    order by region_id, themenfeld nulls first for update`);
  const sums = sql.raw(COUNT_COLUMNS.map((column) => `sum(r.${column})::int as ${column}`).join(', '));
  const values = sql.raw(COUNT_COLUMNS.map((column) => `coalesce(c.${column}, 0)`).join(', '));
  await db.execute(sql`
    insert into region_model_totals (region_id, themenfeld, family, ${columnList})
    with ${administrationLinks(CURRENT)},
    ${totalsGridSql(inScope)},
    counts as (
      select l.ancestor_id, r.themenfeld, ${sums}
      from links l join region_model_rollups r on r.region_id = l.admin_id and r.family = ${FAMILY}
      where ${inScope('l.ancestor_id')}
      group by grouping sets ((l.ancestor_id), (l.ancestor_id, r.themenfeld))
    )
    select g.region_id, g.themenfeld, ${FAMILY}, ${values}
    from grid g
    left join counts c on c.ancestor_id = g.region_id and c.themenfeld is not distinct from g.themenfeld
    on conflict (region_id, themenfeld, family) do update set ${excludedSet}`);
  if (!scopeIds) {
    await db.execute(sql`
      delete from region_model_totals t where not exists (
        select 1 from region_versions v where v.region_id = t.region_id and ${validOn('v', CURRENT)})`);
  }
  await snapshotModelToday(db, scopeIds ?? 'all');
}

/**
 * Today's 2.0 snapshot of each region from its current total row (the
 * counterpart of snapshotToday for 1.1). Only today's row is written: the
 * rows of past days stay as they were recorded, also a region's that has
 * left the territory since.
 */
async function snapshotModelToday(db: Db, regionIds: readonly number[] | 'all'): Promise<void> {
  const scope = regionIds === 'all' ? sql`` : sql`and region_id = any(${intArray(regionIds)})`;
  await db.execute(sql`
    insert into region_model_snapshots (region_id, day, family, ${columnList})
    select region_id, ${germanToday}, family, ${columnList}
    from region_model_totals where themenfeld is null and family = ${FAMILY} ${scope}
    on conflict (region_id, family, day) do update set ${excludedSet}`);
}

/**
 * What one status contributes to the 2.0 figures: whether it counts, the level
 * of the assessment it counts with (null: none, or incomplete) and its analog
 * flag (false without an assessment).
 */
export type ModelState = { counted: boolean; level: number | null; analog: boolean };

/** A status's 2.0 contribution before and after a write. */
export type ModelDelta = {
  regionId: number;
  themenfeld: Themenfeld;
  from: ModelState;
  to: ModelState;
};

const RegionIdRow = z.object({ region_id: z.number().int() });

/** The 2.0 contribution of some statuses now, by status id (read before and after an assessment write). */
export async function readModelStates(
  db: Db,
  statusIds: readonly number[],
): Promise<Map<number, { regionId: number; themenfeld: Themenfeld; state: ModelState }>> {
  if (statusIds.length === 0) return new Map();
  const rows = await queryRowsAs(
    db,
    z.object({
      id: z.number().int(),
      region_id: z.number().int(),
      themenfeld: z.enum(THEMENFELDER),
      counted: z.boolean(),
      level: z.number().int().nullable(),
      analog: z.boolean(),
    }),
    sql`select st.id, st.region_id, s.themenfeld, ${countedStatus('st')} as counted, l.level::int as level,
          coalesce(l.analog_processing, false) as analog
        from service_statuses st
        join ozg_services s on s.ozg_id = st.ozg_id
        left join lateral ${newestAssessmentSql('st')} l on true
        where st.id = any(${intArray(statusIds)})`,
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        regionId: row.region_id,
        themenfeld: row.themenfeld,
        state: { counted: row.counted, level: row.level, analog: row.analog },
      },
    ]),
  );
}

/** The deltas between two readings of readModelStates (statuses whose contribution changed). */
export function modelDeltas(
  before: Awaited<ReturnType<typeof readModelStates>>,
  after: Awaited<ReturnType<typeof readModelStates>>,
): ModelDelta[] {
  const deltas: ModelDelta[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    const from = was?.state ?? { counted: false, level: null, analog: false };
    if (was && (was.regionId !== now.regionId || was.themenfeld !== now.themenfeld))
      throw new Error(`Status ${id} hat Gebiet oder Themenfeld gewechselt: Änderung abgebrochen.`);
    if (
      from.counted === now.state.counted &&
      from.level === now.state.level &&
      from.analog === now.state.analog
    )
      continue;
    deltas.push({ regionId: now.regionId, themenfeld: now.themenfeld, from, to: now.state });
  }
  return deltas;
}

type Counts = Record<(typeof COUNT_COLUMNS)[number], number>;

const zero = (): Counts => Object.fromEntries(COUNT_COLUMNS.map((column) => [column, 0])) as Counts;

function addState(counts: Counts, state: ModelState, sign: 1 | -1): void {
  if (!state.counted) return;
  counts.counted += sign;
  if (state.analog) counts.analog += sign;
  if (state.level !== null) {
    counts.assessed += sign;
    counts[`level${state.level as (typeof LEVELS)[number]}`] += sign;
  }
}

function addCounts(target: Counts, change: Counts): void {
  for (const column of COUNT_COLUMNS) target[column] += change[column];
}

const isZero = (counts: Counts) => COUNT_COLUMNS.every((column) => counts[column] === 0);

/**
 * Applies 2.0 deltas to the rollup of each administration and to the totals
 * of it and its current ancestors (per Themenfeld and in total), in the
 * caller's transaction: one edit reads and locks only its own ancestors' rows,
 * in key order, so concurrent edits below the same Land cannot deadlock.
 */
export async function applyModelDeltas(db: Db, deltas: readonly ModelDelta[]): Promise<void> {
  const perAdmin = new Map<string, { regionId: number; themenfeld: Themenfeld; change: Counts }>();
  for (const delta of deltas) {
    const key = `${delta.regionId}:${delta.themenfeld}`;
    const entry = perAdmin.get(key) ?? {
      regionId: delta.regionId,
      themenfeld: delta.themenfeld,
      change: zero(),
    };
    addState(entry.change, delta.from, -1);
    addState(entry.change, delta.to, 1);
    perAdmin.set(key, entry);
  }
  const changed = [...perAdmin.values()].filter(({ change }) => !isZero(change));
  if (changed.length === 0) return;

  const adminIds = [...new Set(changed.map(({ regionId }) => regionId))];
  const links = await queryRowsAs(
    db,
    z.object({ admin_id: z.number().int(), ancestor_id: z.number().int() }),
    sql`with ${administrationLinks(CURRENT)}
        select admin_id, ancestor_id from links where admin_id = any(${intArray(adminIds)})`,
  );
  const totals = new Map<string, { regionId: number; themenfeld: Themenfeld | null; change: Counts }>();
  for (const { regionId, themenfeld, change } of changed) {
    for (const link of links.filter((row) => row.admin_id === regionId)) {
      for (const scope of [themenfeld, null]) {
        const key = `${link.ancestor_id}:${scope ?? ''}`;
        const entry = totals.get(key) ?? { regionId: link.ancestor_id, themenfeld: scope, change: zero() };
        addCounts(entry.change, change);
        totals.set(key, entry);
      }
    }
  }
  const rollupRows = changed.map(({ regionId, themenfeld, change }) => ({
    region_id: regionId,
    themenfeld,
    ...change,
  }));
  const totalRows = [...totals.values()].map(({ regionId, themenfeld, change }) => ({
    region_id: regionId,
    themenfeld,
    ...change,
  }));
  // The regions' ids as index condition, the null-safe Themenfeld match among their rows (as for the 1.1 tables).
  const totalIds = [...new Set(totalRows.map((row) => row.region_id))];
  const recordColumns = sql.raw(COUNT_COLUMNS.map((column) => `${column} int`).join(', '));
  const additions = (alias: string) =>
    sql.raw(
      [
        ...COUNT_COLUMNS.map((column) => `${column} = ${alias}.${column} + d.${column}`),
        'updated_at = now()',
      ].join(', '),
    );

  await db.execute(sql`
    select 1 from region_model_rollups r
    join jsonb_to_recordset(${JSON.stringify(rollupRows)}::jsonb) as d(region_id int, themenfeld themenfeld)
      on r.region_id = d.region_id and r.themenfeld = d.themenfeld
    where r.region_id = any(${intArray(adminIds)}) and r.family = ${FAMILY}
    order by r.region_id, r.themenfeld, r.family for update of r`);
  const adjusted = await queryRowsAs(
    db,
    RegionIdRow,
    sql`update region_model_rollups r set ${additions('r')}
        from jsonb_to_recordset(${JSON.stringify(rollupRows)}::jsonb)
          as d(region_id int, themenfeld themenfeld, ${recordColumns})
        where r.region_id = any(${intArray(adminIds)}) and r.region_id = d.region_id
          and r.themenfeld = d.themenfeld and r.family = ${FAMILY}
        returning r.region_id`,
  );
  // Every administration with statuses has its rollup rows; a missing one would silently lose this change.
  if (adjusted.length !== rollupRows.length)
    throw new Error('Rollup-Zeile (Reifegradmodell 2.0) fehlt: Zählung wäre falsch, Änderung abgebrochen.');

  await db.execute(sql`
    select 1 from region_model_totals t
    join jsonb_to_recordset(${JSON.stringify(totalRows)}::jsonb) as d(region_id int, themenfeld themenfeld)
      on t.region_id = d.region_id and t.themenfeld is not distinct from d.themenfeld
    where t.region_id = any(${intArray(totalIds)}) and t.family = ${FAMILY}
    order by t.region_id, t.themenfeld nulls first for update of t`);
  const summed = await queryRowsAs(
    db,
    RegionIdRow,
    sql`update region_model_totals t set ${additions('t')}
        from jsonb_to_recordset(${JSON.stringify(totalRows)}::jsonb)
          as d(region_id int, themenfeld themenfeld, ${recordColumns})
        where t.region_id = any(${intArray(totalIds)}) and t.region_id = d.region_id
          and t.themenfeld is not distinct from d.themenfeld and t.family = ${FAMILY}
        returning t.region_id`,
  );
  if (summed.length !== totalRows.length)
    throw new Error('Summenzeile (Reifegradmodell 2.0) fehlt: Änderung abgebrochen.');
  await snapshotModelToday(db, totalIds);
}

/**
 * Fills the 2.0 tables of a database that had statuses before they existed
 * (migrations 0017 and 0019): once, after the migrations, when the 1.1 totals
 * have rows and the 2.0 totals none (which also writes today's snapshots), or
 * when the 2.0 totals have rows and the snapshots none (today's from the
 * totals: the course by 2.0 begins on the day of the upgrade). A database
 * without regions has nothing to fill.
 */
export async function ensureModelTotals(db: Db): Promise<void> {
  const [row] = await queryRowsAs(
    db,
    z.object({ missing: z.boolean(), snapshots_missing: z.boolean() }),
    sql`select exists (select 1 from region_totals) and not exists (select 1 from region_model_totals) as missing,
          exists (select 1 from region_model_totals) and not exists (select 1 from region_model_snapshots)
            as snapshots_missing`,
  );
  // One transaction: a start that fails half-way leaves the tables empty, and the next start fills them.
  if (row?.missing) await db.transaction((tx) => recomputeModelRollups(tx as unknown as Db));
  else if (row?.snapshots_missing) await snapshotModelToday(db, 'all');
}
