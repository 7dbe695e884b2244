import type { MaturityDefinition } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { maturityModel, serviceStatuses } from './status';

/**
 * One version of a maturity model definition (decision 019). A definition in
 * use is never changed in place: a revision is a new row with the next
 * version, and every assessment names the row it was made with. A trigger
 * refuses UPDATE.
 */
export const maturityModels = pgTable(
  'maturity_models',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    family: maturityModel().notNull(),
    version: integer().notNull(),
    /** Levels, criteria and thresholds as validated by MaturityDefinitionSchema (shared). */
    definition: jsonb().$type<MaturityDefinition>().notNull(),
    source: varchar({ length: 20 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: integer().references(() => users.id),
  },
  (t) => [
    unique('maturity_models_family_version').on(t.family, t.version),
    check('maturity_models_version_positive', sql`${t.version} >= 1`),
    check('maturity_models_source', sql`${t.source} in ('builtin', 'upload')`),
  ],
);

/** The answer to one criterion of one model version for one status; no row: not assessed. */
export const maturityAnswers = pgTable(
  'maturity_answers',
  {
    statusId: integer()
      .notNull()
      .references(() => serviceStatuses.id, { onDelete: 'cascade' }),
    modelId: integer()
      .notNull()
      .references(() => maturityModels.id),
    criterionKey: varchar({ length: 60 }).notNull(),
    level: smallint().notNull(),
    evidenceUrl: varchar({ length: 2000 }),
    evidenceNote: text(),
    evidenceDate: date({ mode: 'string' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer().references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.statusId, t.modelId, t.criterionKey] }),
    check('maturity_answers_level_range', sql`${t.level} between 0 and 7`),
    check('maturity_answers_url_http', sql`${t.evidenceUrl} is null or ${t.evidenceUrl} ~* '^https?://'`),
  ],
);

/**
 * The computed result per status and model version, written in the same
 * transaction as the answers: what later rollups per model version aggregate
 * (joined with the status for region, Themenfeld and target set).
 */
export const maturityAssessments = pgTable(
  'maturity_assessments',
  {
    statusId: integer()
      .notNull()
      .references(() => serviceStatuses.id, { onDelete: 'cascade' }),
    modelId: integer()
      .notNull()
      .references(() => maturityModels.id),
    /** The lowest criterion decides; null while a criterion is unanswered ("nicht vollständig bewertet"). */
    level: smallint(),
    upperBound: smallint(),
    answered: smallint().notNull(),
    criteria: smallint().notNull(),
    frontEndLevel: smallint(),
    /** "Online-Antrag, Bearbeitung analog" (shared assess()). */
    analogProcessing: boolean().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.statusId, t.modelId] }),
    index('maturity_assessments_model_level').on(t.modelId, t.level),
    check('maturity_assessments_answered', sql`${t.answered} between 1 and ${t.criteria}`),
    check('maturity_assessments_level_complete', sql`(${t.level} is null) = (${t.answered} < ${t.criteria})`),
  ],
);
