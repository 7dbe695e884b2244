import { addMaturityModel, type Db, isoTimestampSql, listMaturityModels, queryRowsAs } from '@ozg/db';
import { ImportFileError, parseMaturityDefinition } from '@ozg/db/importers';
import {
  type AnalogProcessingSummary,
  type ImportProblem,
  type ImportResult,
  MaturityModelSchema,
  type MaturityModelVersion,
  type RegionAssessments,
  type StatusAssessments,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
import { emptyModel2, model2Figures } from './maturity-figures';
import { authorizeMaturityModelLoad } from './policy';
import { findRegion, today } from './regions';
import { getStatus } from './statuses';

/** Every stored version of the maturity models (public: the page "Methodik" explains them). */
export async function listModels(db: Db): Promise<MaturityModelVersion[]> {
  return listMaturityModels(db);
}

/**
 * Loads a revised definition as the next version of its family, all or
 * nothing: a malformed file writes nothing and names its line (422 like every
 * import). Only the ministry.
 */
export async function uploadMaturityModel(input: {
  db: Db;
  actor: Actor;
  bytes: Uint8Array;
  fileName: string;
}): Promise<ImportResult> {
  authorizeMaturityModelLoad({ actor: input.actor });
  let definition: ReturnType<typeof parseMaturityDefinition>;
  try {
    definition = parseMaturityDefinition(input.bytes, input.fileName);
  } catch (error) {
    if (error instanceof ImportFileError) {
      const problem: ImportProblem = {
        file: error.file,
        ...(error.sheet ? { sheet: error.sheet } : {}),
        line: error.line,
        column: error.column ?? null,
        problem: error.problem,
      };
      throw new AppError('unprocessable', `Die Datei wurde nicht übernommen: ${error.message}`, problem);
    }
    throw error;
  }
  const stored = await input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    return addMaturityModel(db, definition, input.actor.id);
  });
  return {
    kind: 'maturity-model',
    summary: [
      `${definition.name} als Version ${stored.version} geladen: ${definition.levels.length} Stufen, ${definition.criteria.length} Kriterien.`,
      'Neue Bewertungen verwenden diese Version; bestehende Bewertungen behalten ihre Version und ihre Stufe.',
    ],
  };
}

const AssessmentRow = z.object({
  status_id: z.number().int(),
  model_id: z.number().int(),
  family: MaturityModelSchema.shape.family,
  version: z.number().int(),
  level: z.number().int().nullable(),
  upper_bound: z.number().int().nullable(),
  answered: z.number().int(),
  criteria: z.number().int(),
  front_end_level: z.number().int().nullable(),
  analog_processing: z.boolean(),
});

/** A status's assessments, one per model version that has answers, with the answers. */
export async function getStatusAssessments(db: Db, statusId: number): Promise<StatusAssessments> {
  const status = await getStatus(db, statusId);
  const rows = await queryRowsAs(
    db,
    AssessmentRow,
    sql`select a.status_id, a.model_id, m.family, m.version, a.level, a.upper_bound, a.answered, a.criteria,
          a.front_end_level, a.analog_processing
        from maturity_assessments a join maturity_models m on m.id = a.model_id
        where a.status_id = ${statusId} order by m.family, m.version desc`,
  );
  const answers = await queryRowsAs(
    db,
    z.object({
      model_id: z.number().int(),
      criterion_key: z.string(),
      level: z.number().int(),
      evidence_url: z.string().nullable(),
      evidence_note: z.string().nullable(),
      evidence_date: z.string().nullable(),
      updated_at: z.string(),
    }),
    sql`select model_id, criterion_key, level, evidence_url, evidence_note, evidence_date::text as evidence_date,
          ${isoTimestampSql('updated_at', 'milliseconds')} as updated_at
        from maturity_answers where status_id = ${statusId} order by criterion_key`,
  );
  return {
    statusId,
    version: status.version,
    maturityLevel: status.maturityLevel,
    assessments: rows.map((row) => ({
      modelId: row.model_id,
      family: row.family,
      version: row.version,
      level: row.level,
      upperBound: row.upper_bound,
      answered: row.answered,
      criteria: row.criteria,
      frontEndLevel: row.front_end_level,
      analogProcessing: row.analog_processing,
      answers: answers
        .filter((answer) => answer.model_id === row.model_id)
        .map((answer) => ({
          criterion: answer.criterion_key,
          level: answer.level,
          evidenceUrl: answer.evidence_url,
          evidenceNote: answer.evidence_note,
          evidenceDate: answer.evidence_date,
          updatedAt: answer.updated_at,
        })),
    })),
  };
}

/**
 * Per status of an administration, the newest assessed version of each family:
 * the workspace shows 1.1 and 2.0 side by side.
 */
export async function listRegionAssessments(db: Db, regionId: number): Promise<RegionAssessments> {
  const rows = await queryRowsAs(
    db,
    AssessmentRow,
    sql`select distinct on (a.status_id, m.family) a.status_id, a.model_id, m.family, m.version, a.level,
          a.upper_bound, a.answered, a.criteria, a.front_end_level, a.analog_processing
        from service_statuses st
        join maturity_assessments a on a.status_id = st.id
        join maturity_models m on m.id = a.model_id
        where st.region_id = ${regionId}
        order by a.status_id, m.family, m.version desc`,
  );
  return {
    items: rows.map((row) => ({
      statusId: row.status_id,
      family: row.family,
      modelId: row.model_id,
      level: row.level,
      answered: row.answered,
      criteria: row.criteria,
      analogProcessing: row.analog_processing,
    })),
  };
}

/**
 * "Online-Antrag, Bearbeitung analog" over a region's target statuses, by the
 * newest 2.0 version each status was assessed with: the region's row of the
 * 2.0 totals (decision 020), as in progress with model=2.0.
 */
export async function analogProcessingSummary(db: Db, key: string): Promise<AnalogProcessingSummary> {
  const region = await findRegion(db, key, today());
  const figures = (await model2Figures(db, [region.region_id])).get(region.region_id) ?? emptyModel2(0, null);
  return {
    ags: region.ags,
    targetCount: figures.counted,
    assessed2: figures.assessed,
    analogProcessing: figures.analogProcessing,
    levels2: figures.levelCounts.flatMap((count, level) => (count > 0 ? [{ level, count }] : [])),
  };
}
