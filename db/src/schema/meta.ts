import { DATASET_KINDS } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { bigint, check, pgEnum, pgTable, smallint, timestamp, varchar } from 'drizzle-orm/pg-core';

export const datasetKind = pgEnum('dataset_kind', DATASET_KINDS);

/**
 * One row describing this installation's data: whether it holds the generated
 * demo or official data (they must never mix), and a data version bumped by
 * every write so that any instance can tell when its caches are stale.
 */
export const instanceState = pgTable(
  'instance_state',
  {
    id: smallint().primaryKey().default(1),
    dataset: datasetKind().notNull().default('empty'),
    dataVersion: bigint({ mode: 'number' }).notNull().default(0),
    /**
     * Bumped with the data version by every write that can change the figures of a past day (a
     * territory or catalogue import, a target-set change, a rebuild), not by a status edit, whose
     * events are recorded now: the validator of the as-of answers (decision 023).
     */
    pastVersion: bigint({ mode: 'number' }).notNull().default(0),
    datasetNote: varchar({ length: 300 }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('instance_state_single_row', sql`${t.id} = 1`)],
);
