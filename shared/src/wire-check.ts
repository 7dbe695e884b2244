/** Wire schemas of the consultation's basis (issue 17): the check, the module recommendation, quick wins. */
import { z } from 'zod';
import { QuestionnaireDefinitionSchema, RecommendationRulesSchema, SHARED_SOLUTIONS } from './check';
import { CONSULTING_AREAS, MEASURE_STATES } from './wire-consulting';
import { idSchema, safeText } from './wire-primitives';

const Who = z.object({ id: z.number().int(), displayName: z.string() }).nullable();

export const CheckQuestionnaireVersionSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  /** The shipped proposal (DEFAULT_QUESTIONNAIRE), not yet replaced by the ministry. */
  shippedDefault: z.boolean(),
  source: z.enum(['default', 'json', 'csv']),
  createdAt: z.string(),
  createdBy: Who,
  /** Submitted checks that answered this version. */
  submissions: z.number().int(),
});

export const CheckQuestionnaireSchema = CheckQuestionnaireVersionSchema.extend({
  definition: QuestionnaireDefinitionSchema,
}).meta({ id: 'CheckQuestionnaire' });
export type CheckQuestionnaire = z.infer<typeof CheckQuestionnaireSchema>;

export const CheckQuestionnaireListSchema = z
  .object({
    current: z.number().int().meta({ description: 'the version new checks answer' }),
    versions: z.array(CheckQuestionnaireVersionSchema),
  })
  .meta({ id: 'CheckQuestionnaireList' });
export type CheckQuestionnaireList = z.infer<typeof CheckQuestionnaireListSchema>;

export const CheckQuestionnaireQuerySchema = z.object({
  version: z.coerce.number('Zahl erwartet').int('Ganze Zahl erwartet').min(1).max(1_000_000).optional(),
});

export const CheckQuestionnaireUploadQuerySchema = z.object({
  fileName: safeText()
    .trim()
    .max(200)
    .optional()
    .meta({ description: 'name of the uploaded file, for messages' }),
  title: safeText()
    .trim()
    .max(200)
    .optional()
    .meta({ description: 'title of a questionnaire loaded as CSV' }),
});

/** Per question key the index of the chosen answer (0-based). */
export const CheckAnswersSchema = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Unbekannter Fragenschlüssel'),
    z.number().int('Ganze Zahl erwartet').min(0, 'Antwort: mindestens 0').max(9, 'Antwort: höchstens 9'),
  )
  .refine((answers) => Object.keys(answers).length <= 200, 'Zu viele Antworten');

export const CheckScoresSchema = z.object({
  overall: z.number().nullable().meta({ description: '0-100, weighted mean of the dimensions' }),
  dimensions: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      score: z.number().nullable().meta({ description: '0-100' }),
      answered: z.number().int(),
      questions: z.number().int(),
    }),
  ),
});

export const CheckSubmissionSchema = z
  .object({
    id: z.number().int(),
    state: z.enum(['draft', 'submitted']),
    questionnaireVersion: z.number().int(),
    answers: z.record(z.string(), z.number().int()),
    /** Frozen at submission with the version answered; null for a draft. */
    scores: CheckScoresSchema.nullable(),
    updatedAt: z.string(),
    updatedBy: Who,
    submittedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'CheckSubmission' });
export type CheckSubmission = z.infer<typeof CheckSubmissionSchema>;

export const CheckDraftInputSchema = z
  .object({
    questionnaireVersion: idSchema(),
    answers: CheckAnswersSchema,
    /** The draft version read; null when starting a new draft. */
    version: idSchema().nullable(),
  })
  .meta({ id: 'CheckDraftInput' });

export const CheckSubmitInputSchema = z
  .object({
    questionnaireVersion: idSchema(),
    answers: CheckAnswersSchema,
    /** The draft version read, null without a draft: a changed draft is a 409. */
    draftVersion: idSchema().nullable(),
  })
  .meta({ id: 'CheckSubmitInput' });

export const CheckPeerComparisonSchema = z.object({
  /** e.g. "gleiche Art, gleiche Größenklasse, gleicher Kreis" (the laggards' fair peers). */
  group: z.string(),
  /** Peers with a submitted check (their latest one counts). */
  count: z.number().int(),
  overall: z.number().nullable(),
  dimensions: z.array(z.object({ key: z.string(), median: z.number().nullable(), count: z.number().int() })),
});

export const CheckResultSchema = z
  .object({
    region: z.object({ ags: z.string(), name: z.string() }),
    /** The version a new check answers. */
    currentQuestionnaireVersion: z.number().int(),
    /** Only for who may answer (the municipality's officers, the ministry). */
    draft: CheckSubmissionSchema.nullable(),
    mayAnswer: z.boolean(),
    latest: CheckSubmissionSchema.nullable(),
    /** Every submission, newest first, with its frozen scores. */
    history: z.array(CheckSubmissionSchema),
    peers: z.object({ kreis: CheckPeerComparisonSchema, land: CheckPeerComparisonSchema }),
  })
  .meta({ id: 'CheckResult' });
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const QuickWinSchema = z.object({
  ozgId: z.number().int(),
  name: z.string(),
  themenfeld: z.string(),
  /** The municipality's own Reifegrad (below 3). */
  maturityLevel: z.number().int(),
  /** Comparable municipalities (fair peers in the Land) offering it at Reifegrad >= 3 on a shared solution. */
  peers: z.number().int(),
  solutions: z.array(z.object({ solution: z.enum(SHARED_SOLUTIONS), count: z.number().int() })),
  /** The earliest "online seit" among them. */
  since: z.string().nullable(),
  /** Mean time online among them, in years (one decimal). */
  meanYearsOnline: z.number().nullable(),
  /** Peers' median applications per 1,000 inhabitants in 12 months (decision 022); null without usage figures. */
  demand: z.number().nullable(),
  /** An open or finished measure of this municipality for the service, if one was agreed. */
  measure: z
    .object({ id: z.number().int(), consultationId: z.number().int(), state: z.enum(MEASURE_STATES) })
    .nullable(),
});
export type QuickWin = z.infer<typeof QuickWinSchema>;

export const QuickWinsSchema = z
  .object({
    region: z.object({ ags: z.string(), name: z.string() }),
    peerGroup: z.string(),
    /** Comparable municipalities in the Land (whatever they offer). */
    peerCount: z.number().int(),
    method: z.string(),
    items: z.array(QuickWinSchema),
  })
  .meta({ id: 'QuickWins' });
export type QuickWins = z.infer<typeof QuickWinsSchema>;

export const ModuleSuggestionSchema = z.object({
  area: z.enum(CONSULTING_AREAS),
  module: z.object({ id: z.number().int(), name: z.string() }),
  /** "niedriger Stand bei E-Akte und Prozessen: Modul „Digitale Verwaltungsprozesse“" */
  reason: z.string(),
  facts: z.array(z.string()),
});
export type ModuleSuggestion = z.infer<typeof ModuleSuggestionSchema>;

export const RecommendationSchema = z
  .object({
    region: z.object({ ags: z.string(), name: z.string() }),
    check: z.object({ submittedAt: z.string(), questionnaireVersion: z.number().int() }).nullable(),
    ozg: z.object({
      share: z.number().nullable(),
      peerMedian: z.number().nullable(),
      gap: z.number().nullable(),
    }),
    /** At most one per area, the first matching rule of the area; the first is the best fit. */
    suggestions: z.array(ModuleSuggestionSchema),
    /** Why a rule could not be decided, e.g. no check submitted yet. */
    notes: z.array(z.string()),
    rulesVersion: z.number().int().nullable(),
  })
  .meta({ id: 'ModuleRecommendation' });
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const RecommendationRuleSetSchema = z
  .object({
    version: z.number().int().nullable().meta({ description: 'null while no rules were saved' }),
    rules: RecommendationRulesSchema,
    createdAt: z.string().nullable(),
    createdBy: Who,
  })
  .meta({ id: 'RecommendationRuleSet' });
export type RecommendationRuleSet = z.infer<typeof RecommendationRuleSetSchema>;

export const RecommendationRulesInputSchema = z
  .object({
    /** The version read (null when none exists yet): a newer one is a 409. */
    version: idSchema().nullable(),
    rules: RecommendationRulesSchema,
  })
  .meta({ id: 'RecommendationRulesInput' });
