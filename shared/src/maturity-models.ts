/**
 * Maturity models as data (decision 019): a definition lists its levels and
 * criteria, and per criterion the levels it can reach. A status is assessed by
 * answering criteria; the criterion with the lowest level decides the level of
 * the service (the rule of Reifegradmodell 1.1 and 2.0 alike).
 */
import { z } from 'zod';
import { MATURITY_MODEL_VERSIONS, type MaturityModel } from './maturity';
import { pastDate, safeText } from './wire-primitives';

/** Where a criterion sits: the online front end, the processing inside the administration, or a basis component. */
export const CRITERION_BLOCKS = ['front_end', 'back_office', 'basis'] as const;
export type CriterionBlock = (typeof CRITERION_BLOCKS)[number];
export const CRITERION_BLOCK_LABELS: Record<CriterionBlock, string> = {
  front_end: 'Frontend (Antragsservice)',
  back_office: 'Backoffice (Bearbeitung in der Verwaltung)',
  basis: 'Basiskomponente',
};

const keySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,59}$/, 'Schlüssel aus Kleinbuchstaben, Ziffern und _ (höchstens 60 Zeichen)');
const levelNumber = z.number().int('Ganze Zahl erwartet').min(0, 'Stufe ab 0').max(7, 'Stufe höchstens 7');

/** A definition as the ministry loads it (JSON, or the rows of the CSV format). */
export const MaturityDefinitionSchema = z
  .object({
    family: z.enum(MATURITY_MODEL_VERSIONS as ['1.1', '2.0']),
    name: safeText().trim().min(1, 'Name fehlt').max(200),
    /** Shown as "Arbeitsstand, vom Land anpassbar": no official text with criteria exists yet. */
    provisional: z.boolean().default(false),
    /** OZG-konform from this level on; the front end counts as online from it. */
    conformantLevel: levelNumber,
    /** Back-office criteria below this level mean "Online-Antrag, Bearbeitung analog"; null: the model has no such flag. */
    backOfficeLevel: levelNumber.nullable().default(null),
    levels: z
      .array(
        z.object({
          level: levelNumber,
          name: safeText().trim().min(1, 'Name der Stufe fehlt').max(100),
          meaning: safeText().trim().max(500).default(''),
        }),
      )
      .min(2, 'Mindestens zwei Stufen'),
    criteria: z
      .array(
        z.object({
          key: keySchema,
          name: safeText().trim().min(1, 'Name des Kriteriums fehlt').max(200),
          block: z.enum(CRITERION_BLOCKS),
          levels: z
            .array(
              z.object({
                level: levelNumber,
                description: safeText().trim().min(1, 'Beschreibung fehlt').max(500),
              }),
            )
            .min(1, 'Mindestens eine Stufe je Kriterium'),
        }),
      )
      .min(1, 'Mindestens ein Kriterium')
      .max(50),
  })
  .superRefine((definition, ctx) => {
    const levels = definition.levels.map((level) => level.level);
    levels.forEach((level, index) => {
      if (level !== index)
        ctx.addIssue({
          code: 'custom',
          path: ['levels', index, 'level'],
          message: `Die Stufen müssen lückenlos bei 0 beginnen (erwartet ${index}).`,
        });
    });
    const max = levels.length - 1;
    if (definition.conformantLevel > max)
      ctx.addIssue({
        code: 'custom',
        path: ['conformantLevel'],
        message: `Stufe ${definition.conformantLevel} gibt es nicht.`,
      });
    if (definition.backOfficeLevel !== null && definition.backOfficeLevel > max)
      ctx.addIssue({
        code: 'custom',
        path: ['backOfficeLevel'],
        message: `Stufe ${definition.backOfficeLevel} gibt es nicht.`,
      });
    const seen = new Set<string>();
    definition.criteria.forEach((criterion, index) => {
      if (seen.has(criterion.key))
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', index, 'key'],
          message: `Kriterium „${criterion.key}“ ist doppelt.`,
        });
      seen.add(criterion.key);
      const own = criterion.levels.map((level) => level.level);
      own.forEach((level, levelIndex) => {
        if (level > max)
          ctx.addIssue({
            code: 'custom',
            path: ['criteria', index, 'levels', levelIndex, 'level'],
            message: `Stufe ${level} gibt es im Modell nicht (0 bis ${max}).`,
          });
        else if (own.indexOf(level) !== levelIndex)
          ctx.addIssue({
            code: 'custom',
            path: ['criteria', index, 'levels', levelIndex, 'level'],
            message: `Stufe ${level} ist beim Kriterium „${criterion.key}“ doppelt.`,
          });
      });
      // The lowest criterion decides: one that cannot reach the top would cap every service below it.
      if (!own.includes(max))
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', index, 'levels'],
          message: `Kriterium „${criterion.key}“ muss die höchste Stufe ${max} erreichen können, sonst begrenzt es jede Leistung.`,
        });
    });
  });
export type MaturityDefinition = z.infer<typeof MaturityDefinitionSchema>;
export type MaturityCriterion = MaturityDefinition['criteria'][number];

/** One answered criterion: the level it reaches and optional evidence. */
export const CriterionAnswerSchema = z
  .object({
    level: levelNumber,
    evidenceUrl: safeText().trim().max(2000).nullable().optional(),
    evidenceNote: safeText().trim().max(2000).nullable().optional(),
    evidenceDate: pastDate().nullable().optional(),
  })
  .strict();
export type CriterionAnswer = z.infer<typeof CriterionAnswerSchema>;

/**
 * An answer change of one criterion of one model version; answer null means
 * "nicht bewertet" again. The same shape is stored as before/after in the
 * status events, so an undo writes the before values back like any field.
 */
export const CriterionChangeSchema = z
  .object({
    modelId: z.number().int().min(1).max(2_147_483_647).meta({ description: 'the model version answered' }),
    criterion: keySchema,
    answer: CriterionAnswerSchema.nullable().meta({ description: 'null: not assessed' }),
  })
  .strict();
export type CriterionChange = z.infer<typeof CriterionChangeSchema>;

/** What an assessment by criteria amounts to. */
export type AssessmentResult = {
  /** The level of the service: the lowest criterion decides; null until every criterion is answered. */
  level: number | null;
  /** The lowest level among the answered criteria: the level can be at most this (null: none answered). */
  upperBound: number | null;
  answered: number;
  criteria: number;
  /** Level of the front-end criteria alone (null until all of them are answered). */
  frontEndLevel: number | null;
  /**
   * "Online-Antrag, Bearbeitung analog": the front end reaches the conformant
   * level while a back-office criterion is unanswered or below the model's
   * back-office level (the criticised "Scheindigitalisierung").
   */
  analogProcessing: boolean;
};

const minOf = (values: number[]) => (values.length === 0 ? null : Math.min(...values));

/** Computes an assessment from the answers (criterion key -> level); answers of unknown criteria are ignored. */
export function assess(
  definition: MaturityDefinition,
  answers: ReadonlyMap<string, number>,
): AssessmentResult {
  const answered = definition.criteria.filter((criterion) => answers.has(criterion.key));
  const levels = answered.map((criterion) => answers.get(criterion.key) as number);
  const complete = answered.length === definition.criteria.length;
  const frontEnd = definition.criteria.filter((criterion) => criterion.block === 'front_end');
  const frontEndComplete = frontEnd.length > 0 && frontEnd.every((criterion) => answers.has(criterion.key));
  const frontEndLevel = frontEndComplete
    ? minOf(frontEnd.map((criterion) => answers.get(criterion.key) as number))
    : null;
  const backOffice = definition.criteria.filter((criterion) => criterion.block === 'back_office');
  const analogProcessing =
    definition.backOfficeLevel !== null &&
    frontEndLevel !== null &&
    frontEndLevel >= definition.conformantLevel &&
    backOffice.some((criterion) => {
      const level = answers.get(criterion.key);
      return level === undefined || level < (definition.backOfficeLevel as number);
    });
  return {
    level: complete ? minOf(levels) : null,
    upperBound: minOf(levels),
    answered: answered.length,
    criteria: definition.criteria.length,
    frontEndLevel,
    analogProcessing,
  };
}

/** Why an answer does not fit the criterion, or null. */
export function answerProblem(definition: MaturityDefinition, key: string, level: number): string | null {
  const criterion = definition.criteria.find((candidate) => candidate.key === key);
  if (!criterion) return `Das Kriterium „${key}“ gibt es in diesem Modell nicht.`;
  if (!criterion.levels.some((option) => option.level === level))
    return `${criterion.name}: Stufe ${level} ist nicht vorgesehen (möglich: ${criterion.levels.map((option) => option.level).join(', ')}).`;
  return null;
}

export const MaturityModelSchema = z
  .object({
    id: z.number().int(),
    family: z.enum(MATURITY_MODEL_VERSIONS as ['1.1', '2.0']),
    version: z.number().int(),
    createdAt: z.string(),
    source: z.enum(['builtin', 'upload']),
    /** The newest version of its family: new assessments use it. */
    current: z.boolean(),
    definition: MaturityDefinitionSchema,
  })
  .meta({ id: 'MaturityModel' });
export type MaturityModelVersion = z.infer<typeof MaturityModelSchema>;

export const MaturityModelListSchema = z
  .object({ items: z.array(MaturityModelSchema) })
  .meta({ id: 'MaturityModelList' });

/** The assessment of one status under one model version, as the checklist shows it. */
export const AssessmentSchema = z
  .object({
    modelId: z.number().int(),
    family: z.enum(MATURITY_MODEL_VERSIONS as ['1.1', '2.0']),
    version: z.number().int(),
    level: z.number().int().nullable(),
    upperBound: z.number().int().nullable(),
    answered: z.number().int(),
    criteria: z.number().int(),
    frontEndLevel: z.number().int().nullable(),
    analogProcessing: z.boolean(),
    answers: z.array(
      z.object({
        criterion: z.string(),
        level: z.number().int(),
        evidenceUrl: z.string().nullable(),
        evidenceNote: z.string().nullable(),
        evidenceDate: z.string().nullable(),
        updatedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'Assessment' });
export type Assessment = z.infer<typeof AssessmentSchema>;

export const StatusAssessmentsSchema = z
  .object({
    statusId: z.number().int(),
    version: z.number().int().meta({ description: 'the status version: answers are written with it' }),
    maturityLevel: z.number().int().meta({ description: 'the recorded Reifegrad 1.1 of the status' }),
    assessments: z.array(AssessmentSchema).meta({ description: 'every model version with answers' }),
  })
  .meta({ id: 'StatusAssessments' });
export type StatusAssessments = z.infer<typeof StatusAssessmentsSchema>;

/** Per status of an administration: the level of each family's newest assessed version (the 1.1/2.0 mapping). */
export const RegionAssessmentsSchema = z
  .object({
    items: z.array(
      z.object({
        statusId: z.number().int(),
        family: z.enum(MATURITY_MODEL_VERSIONS as ['1.1', '2.0']),
        modelId: z.number().int(),
        level: z.number().int().nullable(),
        answered: z.number().int(),
        criteria: z.number().int(),
        analogProcessing: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'RegionAssessments' });
export type RegionAssessments = z.infer<typeof RegionAssessmentsSchema>;

export const AnswerCriteriaSchema = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .max(2_147_483_647)
      .meta({ description: 'the status version the client read' }),
    changes: z.array(CriterionChangeSchema).min(1, 'Keine Antwort angegeben').max(100),
  })
  .strict()
  .meta({ id: 'AnswerCriteria' });

/** Counts of the "Bearbeitung analog" flag over a region's target statuses, by the newest 2.0 version assessed. */
export const AnalogProcessingSummarySchema = z
  .object({
    ags: z.string(),
    targetCount: z.number().int().meta({ description: 'target statuses of the region' }),
    assessed2: z.number().int().meta({ description: 'of them with a complete 2.0 assessment' }),
    analogProcessing: z
      .number()
      .int()
      .meta({ description: 'of them flagged "Online-Antrag, Bearbeitung analog"' }),
    levels2: z.array(z.object({ level: z.number().int(), count: z.number().int() })),
  })
  .meta({ id: 'AnalogProcessingSummary' });
export type AnalogProcessingSummary = z.infer<typeof AnalogProcessingSummarySchema>;

export const familyLabel = (family: MaturityModel) => `Reifegradmodell ${family}`;
