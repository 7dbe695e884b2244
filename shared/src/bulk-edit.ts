import { OZG_CONFORMANT_LEVEL } from './maturity';
import type { Status, StatusChanges } from './wire-tracking';

/**
 * How a bulk edit treats what is already better or already dated. The safe
 * choices are the defaults: one change for twenty services must not silently
 * downgrade a service at level 4 or move the "online seit" of a service that
 * has been online since 2022 to today (that would take it out of "online zur
 * Frist" and change the Land's deadline figure).
 */
export type BulkEditOptions = {
  /** raise-only: a status above the chosen Reifegrad keeps its level; lower: set it as chosen. */
  levels: 'raise-only' | 'lower';
  /** keep: a status that already has "online seit" keeps its date; overwrite: set the chosen date. */
  onlineSince: 'keep' | 'overwrite';
};

export const DEFAULT_BULK_EDIT_OPTIONS: BulkEditOptions = { levels: 'raise-only', onlineSince: 'keep' };

/** What one status of a bulk edit gets, and what the options protected or what the officer chose to lose. */
export type BulkEditPlan = {
  /** The changes to apply to this status (a subset of the requested ones). */
  changes: StatusChanges;
  /** The requested Reifegrad is below the current one. */
  downgrade: boolean;
  /** The status has an "online seit" that the requested change would clear or replace. */
  onlineSinceAffected: boolean;
  /** What the options kept as it is: the level (raise-only) and/or the date (keep). */
  kept: ('maturityLevel' | 'onlineSince' | 'criteria')[];
};

/**
 * The changes a bulk edit makes to one status under the options. Reifegrad
 * and "online seit" belong together (from Reifegrad 3 a date is required,
 * below 3 there is none), so a level that is kept also keeps its date, and a
 * level lowered below 3 clears it whatever the date option says.
 */
export function planBulkEdit(
  status: Pick<Status, 'maturityLevel' | 'onlineSince'>,
  requested: StatusChanges,
  options: BulkEditOptions = DEFAULT_BULK_EDIT_OPTIONS,
): BulkEditPlan {
  const changes: StatusChanges = { ...requested };
  const kept: BulkEditPlan['kept'] = [];
  const lowered = loweredBy(status, requested);
  const downgrade = lowered.includes('maturityLevel');
  if (downgrade && options.levels === 'raise-only') {
    delete changes.maturityLevel;
    kept.push('maturityLevel');
  }
  const level = changes.maturityLevel ?? status.maturityLevel;
  const hasDate = status.onlineSince !== null;
  if (level < OZG_CONFORMANT_LEVEL) {
    // Below Reifegrad 3 there is no "online seit": a kept level below 3 keeps its (empty) date too.
    if (changes.maturityLevel === undefined && changes.onlineSince === null) delete changes.onlineSince;
  } else if (hasDate && 'onlineSince' in changes && options.onlineSince === 'keep') {
    if (changes.onlineSince !== status.onlineSince) kept.push('onlineSince');
    delete changes.onlineSince;
  }
  return { changes, downgrade, onlineSinceAffected: lowered.includes('onlineSince'), kept };
}

/** What a change takes away from a status: its level, its "online seit", or a criterion's level. */
export type Lowered = 'maturityLevel' | 'onlineSince' | 'criteria';

/**
 * What a change would take away from a status, the warnings of every preview
 * (bulk edit, CSV upload): a lower Reifegrad, an "online seit" that is moved
 * or cleared (also by a level below 3, which has none: a moved date changes
 * the deadline figure), a criterion answered lower than before.
 */
export function loweredBy(
  status: Pick<Status, 'maturityLevel' | 'onlineSince'>,
  changes: StatusChanges,
  options: { criterionLowered?: boolean } = {},
): Lowered[] {
  const lowered: Lowered[] = [];
  if (changes.maturityLevel !== undefined && changes.maturityLevel < status.maturityLevel)
    lowered.push('maturityLevel');
  if (
    status.onlineSince !== null &&
    ((changes.onlineSince !== undefined && changes.onlineSince !== status.onlineSince) ||
      (changes.maturityLevel !== undefined && changes.maturityLevel < OZG_CONFORMANT_LEVEL))
  )
    lowered.push('onlineSince');
  if (options.criterionLowered) lowered.push('criteria');
  return lowered;
}
