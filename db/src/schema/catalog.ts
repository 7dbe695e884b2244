import { EXECUTING_LEVELS, THEMENFELDER } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { regions } from './regions';

export const themenfeld = pgEnum('themenfeld', THEMENFELDER);
export const executingLevel = pgEnum('executing_level', EXECUTING_LEVELS);

/** An OZG-Leistung (Leistungsbündel) of the OZG-Umsetzungskatalog. */
export const ozgServices = pgTable(
  'ozg_services',
  {
    ozgId: integer().primaryKey(),
    name: varchar({ length: 300 }).notNull(),
    lebenslage: varchar({ length: 200 }).notNull(),
    themenfeld: themenfeld().notNull(),
    /** Derived on import: one of its LeiKa services has LeiKa-Typ 2, 3, 2/3, 4 or 5. */
    municipallyRelevant: boolean().notNull(),
    /** Which level executes it; not in the official catalogue, so the ministry maintains it. */
    executingLevel: executingLevel(),
    /** False when a newer catalogue no longer lists it; kept because statuses refer to it. */
    active: boolean().notNull().default(true),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ozg_services_ozg_id_digits', sql`${t.ozgId} between 10000 and 99999`),
    index('ozg_services_themenfeld').on(t.themenfeld),
  ],
);

/** A LeiKa service, the finer unit; several belong to one OZG-Leistung. */
export const leikaServices = pgTable(
  'leika_services',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Null where the catalogue says "nicht im LeiKa". */
    leikaKey: varchar({ length: 14 }).unique(),
    name: varchar({ length: 500 }).notNull(),
    /** As published, e.g. "2/3" or "1, 2/3"; empty when none is given. */
    leikaTyp: varchar({ length: 40 }).notNull(),
    /** LeiKa-Typ 2, 3, 2/3, 4 or 5: executed by Land or Kommune. */
    municipal: boolean().notNull(),
    /** Null for LeiKa services the catalogue assigns to no OZG-Leistung. */
    ozgId: integer().references(() => ozgServices.ozgId),
  },
  (t) => [
    check('leika_services_key_digits', sql`${t.leikaKey} ~ '^[0-9]{1,14}$'`),
    index('leika_services_ozg').on(t.ozgId),
  ],
);

/**
 * Per-region deviations from the target set that follows from the executing
 * level and the region's kind (e.g. a Sonderstatusstadt that runs the Kreis's
 * Bauaufsicht, or a Gemeinde that delegated a task), always with a reason.
 */
export const applicabilityExceptions = pgTable(
  'applicability_exceptions',
  {
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    ozgId: integer()
      .notNull()
      .references(() => ozgServices.ozgId),
    applies: boolean().notNull(),
    reason: text().notNull(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.ozgId] }),
    check('applicability_exceptions_reason', sql`length(trim(${t.reason})) > 0`),
  ],
);
