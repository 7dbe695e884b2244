import {
  CHANGE_SET_KINDS,
  CHANGE_SOURCES,
  MATURITY_MODEL_VERSIONS,
  SOLUTION_KINDS,
  WORKFLOW_STATES,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { ozgServices, themenfeld } from './catalog';
import { regions } from './regions';

export const maturityModel = pgEnum('maturity_model', MATURITY_MODEL_VERSIONS as ['1.1', '2.0']);
export const workflowState = pgEnum('workflow_state', WORKFLOW_STATES);
export const solutionKind = pgEnum('solution_kind', SOLUTION_KINDS);
export const changeSource = pgEnum('change_source', CHANGE_SOURCES);
export const changeSetKind = pgEnum('change_set_kind', CHANGE_SET_KINDS);

/**
 * One bulk edit, CSV commit or undo as a unit, so that it can be listed and
 * reverted as one step. Its events carry its id. Like the events, a change
 * set is never updated: an undo is a change set of its own that names the one
 * it reverts, and the unique index on reverts makes a second undo impossible,
 * even when two arrive at once.
 */
export const changeSets = pgTable(
  'change_sets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: changeSetKind().notNull(),
    source: changeSource().notNull(),
    actorUserId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    statusCount: integer().notNull(),
    /** The change set this undo reverts (kind = 'undo' only). */
    reverts: integer().references((): AnyPgColumn => changeSets.id),
  },
  (t) => [
    index('change_sets_actor_time').on(t.actorUserId, t.createdAt),
    uniqueIndex('change_sets_reverted_once').on(t.reverts),
    check('change_sets_reverts_only_undo', sql`(${t.kind} = 'undo') = (${t.reverts} is not null)`),
  ],
);

/**
 * Where one administration (a Gemeinde, or a Landkreis for its own tasks) stands
 * with one OZG-Leistung. The source of truth; every change appends a status event.
 * in_target = false keeps the record (and its history) when the service leaves
 * the region's target set.
 */
export const serviceStatuses = pgTable(
  'service_statuses',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    ozgId: integer()
      .notNull()
      .references(() => ozgServices.ozgId),
    inTarget: boolean().notNull().default(true),
    maturityLevel: smallint().notNull().default(0),
    maturityModel: maturityModel().notNull().default('1.1'),
    workflowState: workflowState().notNull().default('not_started'),
    solution: solutionKind(),
    url: varchar({ length: 2000 }),
    plannedDate: date({ mode: 'string' }),
    onlineSince: date({ mode: 'string' }),
    contact: varchar({ length: 300 }),
    note: text(),
    /** Optimistic concurrency: a write names the version it read. */
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer().references(() => users.id),
    /** When an officer last confirmed the record unchanged or accepted a source value (decision 021). */
    confirmedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('service_statuses_region_service').on(t.regionId, t.ozgId),
    index('service_statuses_service').on(t.ozgId),
    check(
      'service_statuses_maturity_range',
      sql`(${t.maturityModel} = '1.1' and ${t.maturityLevel} between 0 and 4) or (${t.maturityModel} = '2.0' and ${t.maturityLevel} between 0 and 7)`,
    ),
    check('service_statuses_url_http', sql`${t.url} is null or ${t.url} ~* '^https?://'`),
    check('service_statuses_version_positive', sql`${t.version} >= 1`),
  ],
);

/**
 * Append-only audit trail and the basis of every time series and "as of" view.
 * A database trigger rejects UPDATE, DELETE and TRUNCATE. maturity_level,
 * maturity_model and in_target hold the state after the event so that the
 * state at any date is the latest event before it.
 */
export const statusEvents = pgTable(
  'status_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    statusId: integer()
      .notNull()
      .references(() => serviceStatuses.id),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    ozgId: integer()
      .notNull()
      .references(() => ozgServices.ozgId),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The day from which the change counts when that is before occurred_at: a
     * territory change takes effect on the file's Stichtag, not on the import
     * day. Null: it counts from occurred_at.
     */
    effectiveOn: date({ mode: 'string' }),
    actorUserId: integer().references(() => users.id),
    source: changeSource().notNull(),
    /** Changed fields before and after, e.g. {"maturityLevel": 2} -> {"maturityLevel": 3}. */
    before: jsonb().$type<Record<string, unknown>>().notNull(),
    after: jsonb().$type<Record<string, unknown>>().notNull(),
    maturityLevel: smallint().notNull(),
    maturityModel: maturityModel().notNull(),
    inTarget: boolean().notNull(),
    /** The bulk edit, CSV commit or undo the event belongs to; null for single edits and imports. */
    changeSetId: integer().references(() => changeSets.id),
  },
  (t) => [
    index('status_events_change_set').on(t.changeSetId),
    index('status_events_status_time').on(t.statusId, t.occurredAt),
    index('status_events_region_time').on(t.regionId, t.occurredAt),
    index('status_events_actor_time').on(t.actorUserId, t.occurredAt),
  ],
);

/**
 * Per administration and Themenfeld: how many target services it has at each
 * maturity level (Reifegradmodell 1.1), and how many of them were online by the
 * OZG deadline. Kept in step with the statuses in the same transaction; regions
 * and dashboards sum these rows instead of scanning statuses.
 */
export const regionRollups = pgTable(
  'region_rollups',
  {
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    themenfeld: themenfeld().notNull(),
    targetCount: integer().notNull().default(0),
    level0: integer().notNull().default(0),
    level1: integer().notNull().default(0),
    level2: integer().notNull().default(0),
    level3: integer().notNull().default(0),
    level4: integer().notNull().default(0),
    /** Target services at Reifegrad >= 3 whose "online seit" is on or before 31.12.2022. */
    onlineByDeadline: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.themenfeld] }),
    check(
      'region_rollups_sum',
      sql`${t.targetCount} = ${t.level0} + ${t.level1} + ${t.level2} + ${t.level3} + ${t.level4}`,
    ),
    check(
      'region_rollups_non_negative',
      sql`least(${t.level0}, ${t.level1}, ${t.level2}, ${t.level3}, ${t.level4}, ${t.onlineByDeadline}) >= 0`,
    ),
    check(
      'region_rollups_deadline_within_conformant',
      sql`${t.onlineByDeadline} <= ${t.level3} + ${t.level4}`,
    ),
  ],
);

/**
 * Today's figures of every region of the current territory (Land,
 * Regierungsbezirk, Kreis, Gemeinde) over all administrations below it, per
 * Themenfeld and in total (themenfeld null), so that reading a region costs a
 * handful of rows whatever its size. Kept in step with the rollups in the same
 * transaction; rebuilt from them when the territory or target sets change.
 * Population-weighted sums are exact integers (inhabitants served x services).
 */
export const regionTotals = pgTable(
  'region_totals',
  {
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    /** null: all Themenfelder together. */
    themenfeld: themenfeld(),
    administrations: integer().notNull().default(0),
    targetCount: integer().notNull().default(0),
    level0: integer().notNull().default(0),
    level1: integer().notNull().default(0),
    level2: integer().notNull().default(0),
    level3: integer().notNull().default(0),
    level4: integer().notNull().default(0),
    onlineByDeadline: integer().notNull().default(0),
    weightedTarget: bigint({ mode: 'number' }).notNull().default(0),
    weightedConformant: bigint({ mode: 'number' }).notNull().default(0),
    /**
     * Days after the deadline on which the OZG-konform services that came late
     * went online, as {"days": count}: the exact median without reading statuses.
     */
    daysLate: jsonb().$type<Record<string, number>>().notNull().default({}),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('region_totals_region_themenfeld').on(t.regionId, t.themenfeld).nullsNotDistinct(),
    check(
      'region_totals_sum',
      sql`${t.targetCount} = ${t.level0} + ${t.level1} + ${t.level2} + ${t.level3} + ${t.level4}`,
    ),
    check(
      'region_totals_non_negative',
      sql`least(${t.level0}, ${t.level1}, ${t.level2}, ${t.level3}, ${t.level4}, ${t.onlineByDeadline}, ${t.weightedConformant}) >= 0`,
    ),
  ],
);

/** Counts per Reifegrad 0-7 of Reifegradmodell 2.0 (decision 020), shared by its rollups and totals. */
const model2Counts = () => ({
  /** Counted statuses (in the target set, Reifegradmodell 1.1: the denominator of the 1.1 figures). */
  counted: integer().notNull().default(0),
  /** Of them with a complete assessment of the family's newest version that the status has (decision 019). */
  assessed: integer().notNull().default(0),
  level0: integer().notNull().default(0),
  level1: integer().notNull().default(0),
  level2: integer().notNull().default(0),
  level3: integer().notNull().default(0),
  level4: integer().notNull().default(0),
  level5: integer().notNull().default(0),
  level6: integer().notNull().default(0),
  level7: integer().notNull().default(0),
  /** Flagged "Online-Antrag, Bearbeitung analog" by that assessment (also an incomplete one). */
  analog: integer().notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

type Model2Columns = {
  family: AnyPgColumn;
  counted: AnyPgColumn;
  assessed: AnyPgColumn;
  analog: AnyPgColumn;
} & Record<`level${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7}`, AnyPgColumn>;

/** The rules both 2.0 tables keep: levels sum to the assessed, nothing negative, nothing above the counted. */
function model2Checks(table: string, t: Model2Columns) {
  const levels = sql.join(
    ([0, 1, 2, 3, 4, 5, 6, 7] as const).map((level) => sql`${t[`level${level}`]}`),
    sql` + `,
  );
  const all = sql.join(
    [t.counted, t.assessed, t.analog, ...([0, 1, 2, 3, 4, 5, 6, 7] as const).map((l) => t[`level${l}`])].map(
      (column) => sql`${column}`,
    ),
    sql`, `,
  );
  return [
    // Only 2.0 has these tables: the counted model 1.1 lives in region_rollups and region_totals.
    check(`${table}_family`, sql`${t.family} = '2.0'`),
    check(`${table}_sum`, sql`${t.assessed} = ${levels}`),
    check(`${table}_non_negative`, sql`least(${all}) >= 0`),
    check(`${table}_within_counted`, sql`${t.assessed} <= ${t.counted} and ${t.analog} <= ${t.counted}`),
  ];
}

/**
 * Per administration, Themenfeld and maturity model family (only 2.0): the
 * counted statuses by the level of their newest assessment of that family
 * (decision 020). The 2.0 counterpart of region_rollups, with the same grid
 * (a row per Themenfeld of the administration's statuses, zeros included);
 * kept in step by the assessment write and the status write path.
 */
export const regionModelRollups = pgTable(
  'region_model_rollups',
  {
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    themenfeld: themenfeld().notNull(),
    family: maturityModel().notNull(),
    ...model2Counts(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.themenfeld, t.family] }),
    ...model2Checks('region_model_rollups', t),
  ],
);

/**
 * The 2.0 counterpart of region_totals: every region of the current
 * territory, per Themenfeld and in total (themenfeld null), summed over the
 * administrations below it, so that the 2.0 figures of a region are one row.
 */
export const regionModelTotals = pgTable(
  'region_model_totals',
  {
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    /** null: all Themenfelder together. */
    themenfeld: themenfeld(),
    family: maturityModel().notNull(),
    ...model2Counts(),
  },
  (t) => [
    unique('region_model_totals_key').on(t.regionId, t.themenfeld, t.family).nullsNotDistinct(),
    ...model2Checks('region_model_totals', t),
  ],
);

/**
 * A region's total at the end of each German day (decision 010) on which it changed, on the
 * territory of that day: the time series reads the latest row at or before
 * each point. Written with every status change (today's row) and rebuilt from
 * the events after bulk loads and territory changes.
 */
export const progressSnapshots = pgTable(
  'progress_snapshots',
  {
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    targetCount: integer().notNull(),
    conformant: integer().notNull(),
    weightedTarget: bigint({ mode: 'number' }).notNull(),
    weightedConformant: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day] })],
);

/**
 * The 2.0 counterpart of progress_snapshots (decision 020): a region's 2.0
 * total (all Themenfelder) at the end of each German day on which it was
 * written, keyed by family like the other 2.0 tables. Today's row follows the
 * 2.0 totals in the writer's transaction; past rows are never rewritten: the
 * assessments carry no effective dates, so a past day cannot be replayed, and
 * a row is what was recorded on that day.
 */
export const regionModelSnapshots = pgTable(
  'region_model_snapshots',
  {
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    family: maturityModel().notNull(),
    ...model2Counts(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.family, t.day] }),
    ...model2Checks('region_model_snapshots', t),
  ],
);
