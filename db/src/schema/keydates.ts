import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  timestamp,
  unique,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { themenfeld } from './catalog';
import { consultations } from './consulting';
import { regionLevel, regions } from './regions';

/** PostgreSQL bytea as a Uint8Array (drizzle has no built-in column for it). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/**
 * A day that matters for OZG reporting (31.12.2022, 24.07.2024, 01.01.2026, and
 * any the ministry adds). Its figures are computed once, after the day has
 * ended, and then never again (frozenAt); decision 018.
 */
export const keyDates = pgTable('key_dates', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  day: date({ mode: 'string' }).notNull().unique(),
  label: varchar({ length: 200 }).notNull(),
  createdBy: integer().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** When its figures were computed and stored; null while the day has not ended. */
  frozenAt: timestamp({ withTimezone: true }),
});

/**
 * The frozen figures of a key date: every Land, Regierungsbezirk and Kreis of
 * that day's territory, in total (themenfeld null) and per Themenfeld, as the
 * as-of replay computed them on the day of freezing. Append-only (a trigger
 * refuses UPDATE and DELETE): a later correction of history is shown beside
 * them, never written over them.
 */
export const keyDateFigures = pgTable(
  'key_date_figures',
  {
    keyDateId: integer()
      .notNull()
      .references(() => keyDates.id),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    themenfeld: themenfeld(),
    /** The region as it was on the key date (name, key, level and parent of that day's version). */
    level: regionLevel().notNull(),
    ags: varchar({ length: 8 }).notNull(),
    name: varchar({ length: 200 }).notNull(),
    parentRegionId: integer(),
    administrations: integer().notNull(),
    targetCount: integer().notNull(),
    level0: integer().notNull(),
    level1: integer().notNull(),
    level2: integer().notNull(),
    level3: integer().notNull(),
    level4: integer().notNull(),
    onlineByDeadline: integer().notNull(),
    weightedTarget: doublePrecision().notNull(),
    weightedConformant: doublePrecision().notNull(),
    medianDaysLate: doublePrecision(),
  },
  (t) => [
    unique('key_date_figures_one_row').on(t.keyDateId, t.regionId, t.themenfeld).nullsNotDistinct(),
    index('key_date_figures_region').on(t.regionId),
  ],
);

/**
 * The municipality profile (PDF) as it was generated when a consultation was
 * recorded as held: served byte for byte afterwards, whatever changed since.
 */
export const consultationProfiles = pgTable(
  'consultation_profiles',
  {
    consultationId: integer()
      .primaryKey()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    /** The day whose figures it shows (the day the consultation was held). */
    day: date({ mode: 'string' }).notNull(),
    pdf: bytea().notNull(),
    sha256: varchar({ length: 64 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('consultation_profiles_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);
