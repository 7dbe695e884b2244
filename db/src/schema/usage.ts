import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { ozgServices } from './catalog';
import { regions } from './regions';

/**
 * Every upload of usage figures (decision 022): who loaded which file when, and
 * how many rows it held. The figures point here, so a month that a later file
 * replaced shows the newer import.
 */
export const usageImports = pgTable('usage_imports', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  fileName: varchar({ length: 300 }).notNull(),
  /** Null for the CLI and the demo, which act without a signed-in user. */
  importedBy: integer().references(() => users.id, { onDelete: 'set null' }),
  source: varchar({ length: 20 }).notNull(),
  rows: integer().notNull(),
  firstMonth: date({ mode: 'string' }).notNull(),
  lastMonth: date({ mode: 'string' }).notNull(),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Monthly case counts per Gemeinde (or the region the file names) and
 * OZG-Leistung, as a statistics component or a form system exports them.
 * Counts per row stay below 2^31 (the importer refuses more); sums are bigint.
 */
export const usageFigures = pgTable(
  'usage_figures',
  {
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    ozgId: integer()
      .notNull()
      .references(() => ozgServices.ozgId),
    /** First day of the month. */
    month: date({ mode: 'string' }).notNull(),
    applications: integer().notNull(),
    completed: integer(),
    abandoned: integer(),
    importId: integer()
      .notNull()
      .references(() => usageImports.id),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.ozgId, t.month] }),
    check('usage_figures_first_of_month', sql`extract(day from ${t.month}) = 1`),
    check(
      'usage_figures_counts',
      sql`${t.applications} >= 0 and coalesce(${t.completed}, 0) >= 0 and coalesce(${t.abandoned}, 0) >= 0`,
    ),
    // Per service across regions (service page, peers) and per month (the 12-month window).
    index('usage_figures_service_month').on(t.ozgId, t.month),
    index('usage_figures_import').on(t.importId),
  ],
);
