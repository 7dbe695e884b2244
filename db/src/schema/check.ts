import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { regions } from './regions';

/*
 * The consultation's basis (issue 17, decision 017): the Digitalisierungs-Check
 * and the module recommendation rules. Both questionnaires and rule sets are
 * versioned documents that are never changed in place (a trigger refuses
 * UPDATE and DELETE): a change is a new version, and every submission names
 * the version it answered, so its frozen scores stay explainable.
 */

export const checkSource = pgEnum('check_source', ['default', 'json', 'csv']);
export const checkSubmissionState = pgEnum('check_submission_state', ['draft', 'submitted']);

/** One version of the questionnaire: dimensions, questions, answers with points, weights (shared QuestionnaireDefinition). */
export const checkQuestionnaires = pgTable(
  'check_questionnaires',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    version: integer().notNull(),
    title: varchar({ length: 200 }).notNull(),
    definition: jsonb().notNull(),
    /** The shipped proposal (DEFAULT_QUESTIONNAIRE in shared), loaded when none existed. */
    shippedDefault: boolean().notNull().default(false),
    source: checkSource().notNull(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('check_questionnaires_version').on(t.version)],
);

/**
 * A municipality's check: at most one draft, any number of submissions. A
 * submission keeps its answers and the scores computed with its version when it
 * was submitted; the trigger refuses changing or deleting it.
 */
export const checkSubmissions = pgTable(
  'check_submissions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    questionnaireId: integer()
      .notNull()
      .references(() => checkQuestionnaires.id),
    state: checkSubmissionState().notNull().default('draft'),
    answers: jsonb().notNull(),
    scores: jsonb(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('check_submissions_one_draft').on(t.regionId).where(sql`${t.state} = 'draft'`),
    index('check_submissions_region_time').on(t.regionId, t.submittedAt),
    check(
      'check_submissions_submitted_complete',
      sql`${t.state} = 'draft' or (${t.scores} is not null and ${t.submittedAt} is not null)`,
    ),
  ],
);

/** One version of the module recommendation rules (shared RecommendationRule[]). */
export const recommendationRuleSets = pgTable(
  'recommendation_rule_sets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    version: integer().notNull(),
    rules: jsonb().notNull(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recommendation_rule_sets_version').on(t.version)],
);
