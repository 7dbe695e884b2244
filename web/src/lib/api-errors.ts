/** What a failed request means for the user: conflicts, broken rules, one German sentence. */
import {
  type FieldProblem,
  FieldProblemsSchema,
  type Status,
  StatusConflictDetailsSchema,
} from '@ozg/shared';
import { ApiError, errorDetails, userMessage } from './api-client';

/** The current records a 409 of a bulk write carries (details.current), or null when the error is something else. */
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

/**
 * The current record sent with a 409 (optimistic concurrency), checked with the
 * route's details schema (e.g. ConsultationConflictDetailsSchema), or null for any other failure.
 */
export function conflictCurrent<T>(
  error: unknown,
  schema: Parameters<typeof errorDetails<{ current: T }>>[2],
): T | null {
  return errorDetails(error, 409, schema)?.current ?? null;
}

/** A failure as one German sentence for the user. */
export function failureMessage(error: unknown): string {
  return error instanceof ApiError
    ? error.message
    : 'Der Server ist nicht erreichbar. Bitte die Verbindung prüfen und erneut versuchen.';
}
