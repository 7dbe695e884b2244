/**
 * The error shapes whose `details` have a documented structure: the current
 * records of a 409 (optimistic concurrency) and the problems of a 422. The API
 * declares them per route (so the typed client sees them), its tests parse
 * answers with them, and the web app reads error details only through them.
 */
import { z } from 'zod';
import { ErrorBodySchema, type ErrorCode } from './wire';
import { ImportProblemSchema } from './wire-admin';
import { ConsultationSchema, ConsultingModuleSchema, MeasureSchema } from './wire-consulting';
import { CsvImportResultSchema, StatusSchema } from './wire-tracking';

/** The error shape with `details` of a known schema; the code is the one its status always has. */
function errorBodyWith<const C extends ErrorCode, D extends z.ZodType>(code: C, details: D, id: string) {
  return ErrorBodySchema.extend({
    error: z.object({
      code: z.literal(code),
      message: z.string().meta({ description: 'German, for people' }),
      details,
    }),
  }).meta({ id });
}

/** A field that breaks a rule: a status rule (422) or a request field (400); `path` is dotted, e.g. "onlineSince". */
export const FieldProblemSchema = z
  .object({
    path: z.string(),
    message: z.string(),
    statusId: z.number().int().optional().meta({ description: 'bulk edits: the status it concerns' }),
    ozgId: z.number().int().optional(),
  })
  .meta({ id: 'FieldProblem' });
export type FieldProblem = z.infer<typeof FieldProblemSchema>;
export const FieldProblemsSchema = z.array(FieldProblemSchema);

/** A line of an uploaded file that is wrong (1-based; column as in the header, empty for the whole line). */
export const LineProblemSchema = z
  .object({ line: z.number().int(), column: z.string(), message: z.string() })
  .meta({ id: 'LineProblem' });
export type LineProblem = z.infer<typeof LineProblemSchema>;

/** What a refused file or Content-Type would have needed: the expected columns or media types. */
export const ExpectedDetailsSchema = z.object({ expected: z.array(z.string()) });

/** 409 of status writes: the statuses changed since they were read, as stored now. */
export const StatusConflictDetailsSchema = z.object({
  current: z.array(StatusSchema),
  revertedBy: z
    .number()
    .int()
    .optional()
    .meta({ description: 'undo: the undo that already reverted the change set' }),
});
export type StatusConflictDetails = z.infer<typeof StatusConflictDetailsSchema>;

export const StatusConflictErrorSchema = errorBodyWith(
  'conflict',
  StatusConflictDetailsSchema,
  'StatusConflictError',
);
export const StatusRulesErrorSchema = errorBodyWith(
  'unprocessable',
  FieldProblemsSchema.meta({ description: 'the broken rules, per status of a bulk edit' }),
  'StatusRulesError',
);
/** 422 of a CSV commit: the same result per line as the dry run; none for a region without statuses. */
export const CsvRefusedErrorSchema = errorBodyWith(
  'unprocessable',
  CsvImportResultSchema.optional(),
  'CsvRefusedError',
);
/** 422 of an official file: where it is wrong; none when the import as a whole is refused. */
export const ImportRefusedErrorSchema = errorBodyWith(
  'unprocessable',
  ImportProblemSchema.optional(),
  'ImportRefusedError',
);
/** 422 of the executing levels CSV: every wrong line. */
export const LinesRefusedErrorSchema = errorBodyWith(
  'unprocessable',
  z.array(LineProblemSchema),
  'LinesRefusedError',
);
/** 422 of consulting steps: the field whose value is not possible, or none when the step itself is not. */
export const FieldsRefusedErrorSchema = errorBodyWith(
  'unprocessable',
  FieldProblemsSchema.optional(),
  'FieldsRefusedError',
);

/** 409 of consulting writes with a stale version: the record as stored now. */
export const ModuleConflictDetailsSchema = z.object({ current: ConsultingModuleSchema });
export const ConsultationConflictDetailsSchema = z.object({ current: ConsultationSchema });
export const MeasureConflictDetailsSchema = z.object({ current: MeasureSchema });
export const ModuleConflictErrorSchema = errorBodyWith(
  'conflict',
  ModuleConflictDetailsSchema,
  'ModuleConflictError',
);
export const ConsultationConflictErrorSchema = errorBodyWith(
  'conflict',
  ConsultationConflictDetailsSchema,
  'ConsultationConflictError',
);
export const MeasureConflictErrorSchema = errorBodyWith(
  'conflict',
  MeasureConflictDetailsSchema,
  'MeasureConflictError',
);
/** 409 of a consultation request: the consultation that already exists in the area. */
export const ConsultationExistsErrorSchema = errorBodyWith(
  'conflict',
  z.object({ consultationId: z.number().int() }).optional(),
  'ConsultationExistsError',
);
