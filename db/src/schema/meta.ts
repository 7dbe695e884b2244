import { DATASET_KINDS } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { bigint, check, pgEnum, pgTable, smallint, timestamp, varchar } from 'drizzle-orm/pg-core';

/** A new random lineage (see instanceState.lineage), as SQL: the column's default and the restore's renewal. */
export const NEW_LINEAGE_SQL = 'md5(random()::text)';

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
    /**
     * The line of history the versions count along: new for every new database and after every
     * restore (restoreDatabase), where the versions start again from the backup's. Part of every
     * ETag, so that an answer cached before a restore never matches the same version number after it
     * (decision 023).
     */
    lineage: varchar({ length: 32 }).notNull().default(sql.raw(NEW_LINEAGE_SQL)),
    datasetNote: varchar({ length: 300 }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('instance_state_single_row', sql`${t.id} = 1`)],
);
