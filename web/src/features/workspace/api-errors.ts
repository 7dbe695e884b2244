import {
  type FieldProblem,
  FieldProblemsSchema,
  type Status,
  StatusConflictDetailsSchema,
} from '@ozg/shared';
import { errorDetails, userMessage } from '../../lib/api-client';

/** The current records a 409 carries (details.current), or null when the error is something else. */
export function conflictRecords(error: unknown): Status[] | null {
  return errorDetails(error, 409, StatusConflictDetailsSchema)?.current ?? null;
}

/** The broken status rules a 422 (or the field errors a 400) carries, or an empty list. */
export function ruleProblems(error: unknown): FieldProblem[] {
  return errorDetails(error, 422, FieldProblemsSchema) ?? errorDetails(error, 400, FieldProblemsSchema) ?? [];
}

/** A German sentence for any failed write. */
export function errorMessage(error: unknown): string {
  return userMessage(error, 'Die Änderung konnte nicht gespeichert werden.');
}
