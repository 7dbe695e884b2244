import type { DatasetKind } from '@ozg/shared';
import type { SQL } from 'drizzle-orm';
import { type Db, queryRows } from './client';
import { type DatahubRegions, markDatahubCountsStale } from './datahub';
import { markDataChanged } from './instance';
import { applyModelDeltas, type ModelDelta, recomputeModelRollups } from './model-totals';
import { recomputeRollups } from './rollups';
import { applyStatusDeltas, rebuildSnapshots, type StatusDelta } from './totals';

/*
 * The one write path for statuses (decision 013). Every writer of statuses
 * goes through applyStatusChanges: a status edit (single, bulk, CSV), an undo,
 * a target-set change, an import's takeover of statuses. It runs the writer's
 * statement (which changes the statuses and appends their events with
 * appendEventsSql), brings the derived tables along, and marks the data as
 * changed, in the caller's transaction.
 */

/** How the derived tables follow a write. */
export type DerivedChange =
  /**
   * Status edits: each counted change moves the rollup, the totals above and today's snapshots (decision 005);
   * each change of a status's 2.0 contribution (an assessment write, decision 020) moves the 2.0 rollup,
   * the 2.0 totals above and their snapshots of today.
   */
  | { deltas: readonly StatusDelta[]; modelDeltas?: readonly ModelDelta[] }
  /** Set-based changes: the rollups (1.1 and 2.0) of these administrations (or all) are rebuilt, then the totals above them. */
  | { rollupsOf: readonly number[] | 'all' }
  /** Territory or history changed: every derived table is rebuilt (rebuildDerivedTables). */
  | { everything: true };

export type StatusWrite<R> = {
  /** Changes the statuses and appends their events; its rows are returned. */
  statement: SQL;
  /** The derived change, known up front or from the statement's rows. */
  derived: DerivedChange | ((rows: R[]) => DerivedChange);
  /** What the database holds afterwards, when the write changes it (an official import). */
  dataset?: DatasetKind;
  /**
   * The administrations whose statuses the write changes, where the derived
   * change does not name them all (deltas name only the counted statuses): their
   * Data Hub counts are marked stale.
   */
  regionIds?: readonly number[];
};

export async function applyStatusChanges<R = Record<string, never>>(
  db: Db,
  write: StatusWrite<R>,
): Promise<R[]> {
  const rows = await queryRows<R>(db, write.statement);
  const derived = typeof write.derived === 'function' ? write.derived(rows) : write.derived;
  await applyDerived(db, derived);
  // The reconciliation's stored counts follow every status write (decision 021).
  await markDatahubCountsStale(db, changedRegions(derived, write.regionIds));
  // Deltas come from status edits (single, bulk, CSV, undo, confirmation): their events are recorded
  // now, with no Stichtag of their own, so no past day changes. Set-based changes and rebuilds may
  // carry a Stichtag (effective_on) or a new territory or catalogue, and change the past.
  await markDataChanged(db, write.dataset, { pastUnchanged: 'deltas' in derived });
  return rows;
}

function changedRegions(change: DerivedChange, named: readonly number[] = []): DatahubRegions {
  if ('everything' in change) return 'all';
  if ('rollupsOf' in change)
    return change.rollupsOf === 'all' ? 'all' : [...new Set([...change.rollupsOf, ...named])];
  return [...new Set([...change.deltas.map((delta) => delta.regionId), ...named])];
}

async function applyDerived(db: Db, change: DerivedChange): Promise<void> {
  // Always the 1.1 tables first, then the 2.0 tables: every writer locks in this order (no deadlocks).
  if ('deltas' in change) {
    await applyStatusDeltas(db, change.deltas);
    await applyModelDeltas(db, change.modelDeltas ?? []);
  } else if ('rollupsOf' in change) {
    if (change.rollupsOf === 'all') {
      await recomputeRollups(db);
      await recomputeModelRollups(db);
    } else if (change.rollupsOf.length > 0) {
      await recomputeRollups(db, change.rollupsOf);
      await recomputeModelRollups(db, change.rollupsOf);
    }
  } else await rebuildDerived(db);
}

async function rebuildDerived(db: Db): Promise<void> {
  await recomputeRollups(db);
  await recomputeModelRollups(db);
  await rebuildSnapshots(db);
}

/**
 * Rebuilds every derived table from the statuses and events: rollups, the
 * totals above them (1.1, and 2.0 from the assessments), and the 1.1 snapshots of every German day (decision 010:
 * databases written before it keep UTC days until this runs). Of the 2.0 snapshots only today's rows are
 * taken from the totals: the assessments have no events to replay, so past rows stay as recorded (decision 020). For bulk loads
 * with history (demo, benchmark), territory changes and `pnpm ozg rebuild`.
 * Marks the data as changed, so that anything keyed by the data version
 * follows.
 */
export async function rebuildDerivedTables(db: Db, options: { dataset?: DatasetKind } = {}): Promise<void> {
  await rebuildDerived(db);
  await markDataChanged(db, options.dataset);
}
