import { CONSULTATION_STATES, CONSULTING_AREAS, MEASURE_STATES } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { ozgServices } from './catalog';
import { regions } from './regions';
import { statusEvents } from './status';

/** The two areas of the Hessian consulting programme; each municipality may take one consultation per area. */
export const consultingArea = pgEnum('consulting_area', CONSULTING_AREAS);
export const consultationState = pgEnum('consultation_state', CONSULTATION_STATES);
export const measureState = pgEnum('measure_state', MEASURE_STATES);

/** Consulting modules are master data maintained by the ministry, not code. */
export const consultingModules = pgTable(
  'consulting_modules',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: varchar({ length: 200 }).notNull(),
    area: consultingArea().notNull(),
    description: text().notNull().default(''),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
  },
  // (id, area) is the target of the consultations' composite key, so a
  // consultation's area always equals its module's area.
  (t) => [unique('consulting_modules_id_area').on(t.id, t.area)],
);

export const consultations = pgTable(
  'consultations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    moduleId: integer().notNull(),
    area: consultingArea().notNull(),
    state: consultationState().notNull().default('requested'),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** What the municipality wrote when it asked for the consultation itself (officers' requests). */
    requestNote: text(),
    scheduledFor: date({ mode: 'string' }),
    consultantUserId: integer().references(() => users.id),
    heldOn: date({ mode: 'string' }),
    outcomeNotes: text(),
    /** The municipality's rollup at the date the consultation was held. */
    statusSnapshot: jsonb(),
    cancelledReason: text(),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      columns: [t.moduleId, t.area],
      foreignColumns: [consultingModules.id, consultingModules.area],
      name: 'consultations_module_area_fk',
    }),
    // The programme's rule: at most one non-cancelled consultation per municipality and area.
    uniqueIndex('consultations_one_active_per_area')
      .on(t.regionId, t.area)
      .where(sql`${t.state} <> 'cancelled'`),
    check('consultations_held_has_date', sql`${t.state} <> 'held' or ${t.heldOn} is not null`),
    check(
      'consultations_cancelled_has_reason',
      sql`${t.state} <> 'cancelled' or length(trim(coalesce(${t.cancelledReason}, ''))) > 0`,
    ),
  ],
);

export const measures = pgTable(
  'measures',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    consultationId: integer()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    title: varchar({ length: 300 }).notNull(),
    owner: varchar({ length: 200 }),
    dueDate: date({ mode: 'string' }),
    state: measureState().notNull().default('open'),
    completedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('measures_consultation').on(t.consultationId),
    check('measures_title', sql`length(trim(${t.title})) > 0`),
  ],
);

export const measureServices = pgTable(
  'measure_services',
  {
    measureId: integer()
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    ozgId: integer()
      .notNull()
      .references(() => ozgServices.ozgId),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.ozgId] })],
);

/** The status changes a completed measure caused. */
export const measureStatusEvents = pgTable(
  'measure_status_events',
  {
    measureId: integer()
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    statusEventId: bigint({ mode: 'number' })
      .notNull()
      .references(() => statusEvents.id),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.statusEventId] })],
);
