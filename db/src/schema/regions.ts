import { REGION_KINDS, REGION_LEVELS } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

export const regionLevel = pgEnum('region_level', REGION_LEVELS);
export const regionKind = pgEnum('region_kind', REGION_KINDS);
export const regionOrigin = pgEnum('region_origin', ['official', 'demo']);

/**
 * The identity of a region: stable across territory changes, referenced by
 * statuses, users and consultations. What it is called, where it belongs and
 * how many live there is in region_versions, each valid for a period.
 */
export const regions = pgTable('regions', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  level: regionLevel().notNull(),
  origin: regionOrigin().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every GV100AD import, per Land of the file: its Stichtag decides the order of
 * files (an older one is refused whatever its content), and a Stichtag before
 * the import day means that the figures from the Stichtag on were recalculated
 * on that day, which the ministry is shown.
 */
export const territoryImports = pgTable(
  'territory_imports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    land: varchar({ length: 2 }).notNull(),
    stichtag: date({ mode: 'string' }).notNull(),
    fileName: varchar({ length: 300 }).notNull(),
    /** Versions opened or closed on the Stichtag (territory, key or kind changed, regions ended). */
    territoryChanges: integer().notNull().default(0),
    /** Regions that kept their identity under a new key (successors). */
    successions: integer().notNull().default(0),
    importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('territory_imports_land_digits', sql`${t.land} ~ '^[0-9]{2}$'`),
    index('territory_imports_land_stichtag').on(t.land, t.stichtag),
  ],
);

export const successionKind = pgEnum('succession_kind', ['key_change', 'merger', 'split']);

/**
 * The successor list (Destatis' territorial and key changes, loaded by an
 * admin): old AGS, new AGS, date and kind. A GV100AD import in which the old
 * Gemeinde vanishes and the new one appears applies the entry and fills in the
 * two regions, which links the records for good (decision 009).
 */
export const regionSuccessions = pgTable(
  'region_successions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    oldAgs: varchar({ length: 8 }).notNull(),
    newAgs: varchar({ length: 8 }).notNull(),
    effectiveOn: date({ mode: 'string' }).notNull(),
    kind: successionKind().notNull(),
    sourceFile: varchar({ length: 300 }).notNull(),
    loadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Set when a directory import applied the entry. */
    predecessorRegionId: integer().references(() => regions.id),
    successorRegionId: integer().references(() => regions.id),
    appliedOn: date({ mode: 'string' }),
  },
  (t) => [
    check('region_successions_ags_digits', sql`${t.oldAgs} ~ '^[0-9]{8}$' and ${t.newAgs} ~ '^[0-9]{8}$'`),
    check('region_successions_distinct', sql`${t.oldAgs} <> ${t.newAgs}`),
    uniqueIndex('region_successions_pair').on(t.oldAgs, t.newAgs),
    index('region_successions_successor').on(t.successorRegionId),
  ],
);

/**
 * One period of a region's territory and attributes. valid_to is exclusive and
 * null for the current version; a territory change closes the old version and
 * opens a new one, so "as of date D" reads the versions valid at D.
 */
export const regionVersions = pgTable(
  'region_versions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    /** Land for a Regierungsbezirk, RB (or Land where there is none) for a Kreis, Kreis for a Gemeinde. */
    parentRegionId: integer().references(() => regions.id),
    /** AGS at its natural length: Land 2, RB 3, Kreis 5, Gemeinde 8 digits. */
    ags: varchar({ length: 8 }).notNull(),
    /** ARS at its natural length: equal to the AGS above Gemeinde level, 12 digits for a Gemeinde. */
    ars: varchar({ length: 12 }).notNull(),
    name: varchar({ length: 200 }).notNull(),
    kind: regionKind().notNull(),
    /** GV100AD type code as published (e.g. 41, 63), null for Land and RB and for demo data. */
    gvType: varchar({ length: 2 }),
    seat: varchar({ length: 200 }),
    /** Inhabitants, only for Gemeinden: higher levels sum their Gemeinden. */
    population: integer(),
    areaHectares: integer(),
    postcode: varchar({ length: 5 }),
    /** Hessian Sonderstatusstadt (HGO § 4a): carries some tasks of the Kreis. */
    sonderstatus: boolean().notNull().default(false),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    /** Stichtag of the official file this version came from. */
    sourceDate: date({ mode: 'string' }),
  },
  (t) => [
    check('region_versions_period', sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
    check('region_versions_ags_digits', sql`${t.ags} ~ '^([0-9]{2}|[0-9]{3}|[0-9]{5}|[0-9]{8})$'`),
    check('region_versions_ars_digits', sql`${t.ars} ~ '^([0-9]{2}|[0-9]{3}|[0-9]{5}|[0-9]{12})$'`),
    check('region_versions_population', sql`${t.population} is null or ${t.population} >= 0`),
    uniqueIndex('region_versions_current_ags').on(t.ags).where(sql`${t.validTo} is null`),
    uniqueIndex('region_versions_current_ars').on(t.ars).where(sql`${t.validTo} is null`),
    uniqueIndex('region_versions_current_region').on(t.regionId).where(sql`${t.validTo} is null`),
    uniqueIndex('region_versions_region_from').on(t.regionId, t.validFrom),
    index('region_versions_parent').on(t.parentRegionId, t.validFrom),
    // The current territory is walked downwards on every analytics read.
    index('region_versions_current_parent').on(t.parentRegionId).where(sql`${t.validTo} is null`),
    index('region_versions_ags').on(t.ags),
    index('region_versions_ars').on(t.ars),
  ],
);
