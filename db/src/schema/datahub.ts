import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { ozgServices } from './catalog';
import { regions } from './regions';

/**
 * One import of the federal Data Hub export (decision 021). The checksum of
 * its matched records makes a second import of the same content a no-op;
 * the unmatched records are kept as counts and a short list for the result.
 */
export const datahubImports = pgTable('datahub_imports', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  fileNames: jsonb().$type<string[]>().notNull(),
  checksum: varchar({ length: 64 }).notNull(),
  records: integer().notNull(),
  matched: integer().notNull(),
  unmatched: jsonb()
    .$type<{ unknownArs: string[]; unknownService: string[]; counts: { ars: number; service: number } }>()
    .notNull(),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  importedBy: integer().references(() => users.id),
});

/**
 * The source records of one import, matched to a region (by ARS) and a
 * service (by OZG-ID, else LeiKa key). Never written into the statuses:
 * the officer decides per difference (reconciliation).
 */
export const datahubRecords = pgTable(
  'datahub_records',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    importId: integer()
      .notNull()
      .references(() => datahubImports.id, { onDelete: 'cascade' }),
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    ozgId: integer()
      .notNull()
      .references(() => ozgServices.ozgId),
    ars: varchar({ length: 12 }).notNull(),
    leikaKey: varchar({ length: 14 }),
    url: varchar({ length: 2000 }),
    onlineStatus: varchar({ length: 10 }).notNull(),
    coverage: varchar({ length: 60 }),
    importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('datahub_records_region_import').on(t.regionId, t.importId),
    check('datahub_records_online_status', sql`${t.onlineStatus} in ('ok', 'nicht ok')`),
  ],
);

/**
 * An officer's decision on one difference that did not change the status:
 * rejected (with a reason) or marked for clarification. Append-only like the
 * events, so every decision stays in the audit trail; the latest per region,
 * service and kind counts. A rejection hides the difference until the source
 * value (source_value) changes.
 */
export const datahubDecisions = pgTable(
  'datahub_decisions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    ozgId: integer()
      .notNull()
      .references(() => ozgServices.ozgId),
    kind: varchar({ length: 20 }).notNull(),
    sourceValue: text().notNull(),
    decision: varchar({ length: 10 }).notNull(),
    reason: text(),
    actorUserId: integer()
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('datahub_decisions_region').on(t.regionId, t.ozgId, t.kind, t.decidedAt),
    check('datahub_decisions_decision', sql`${t.decision} in ('rejected', 'clarify')`),
    check('datahub_decisions_reason', sql`${t.decision} <> 'rejected' or length(trim(${t.reason})) > 0`),
  ],
);

/**
 * The open differences per administration covered by the Data Hub, stored so
 * that the ministry's per-Kreis view sums some thousand rows instead of
 * reconciling five million records on every read (decision 021, measured in
 * bench/README.md). Refreshed for the regions of an import and of a decision
 * in their transaction; a status write marks its regions stale (the write
 * path), and a read computes the stale ones from the records, so the view is
 * never behind an edit. A covered region without differences has a row with
 * zeros, so that an edit can mark it.
 */
export const datahubRegionCounts = pgTable('datahub_region_counts', {
  regionId: integer()
    .primaryKey()
    .references(() => regions.id, { onDelete: 'cascade' }),
  open: integer().notNull(),
  clarify: integer().notNull(),
  /** When the import behind the oldest open difference was loaded; null without differences. */
  oldestImportedAt: timestamp({ withTimezone: true }),
  stale: boolean().notNull().default(false),
  refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
