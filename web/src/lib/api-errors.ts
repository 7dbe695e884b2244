/** What a failed request means for the user: conflicts, broken rules, one German sentence. */
import type { Status } from '@ozg/shared';
import { ApiError, userMessage } from './api-client';

/** The current records a 409 of a bulk write carries (details.current), or null when the error is something else. */
export function conflictRecords(error: unknown): Status[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.body?.error.details as { current?: Status[] } | undefined;
  return Array.isArray(details?.current) ? details.current : null;
}

export type RuleProblem = { path: string; message: string; statusId?: number; ozgId?: number };

/** The broken status rules a 422 (or the field errors a 400) carries, or an empty list. */
export function ruleProblems(error: unknown): RuleProblem[] {
  if (!(error instanceof ApiError) || (error.status !== 422 && error.status !== 400)) return [];
  const details = error.body?.error.details;
  return Array.isArray(details)
    ? details.filter(
        (item): item is RuleProblem =>
          typeof item === 'object' && item !== null && 'message' in item && 'path' in item,
      )
    : [];
}

/** A German sentence for any failed write. */
export function errorMessage(error: unknown): string {
  return userMessage(error, 'Die Änderung konnte nicht gespeichert werden.');
}

/** The current record sent with a 409 (optimistic concurrency), or null for any other failure. */
export function conflictCurrent<T>(error: unknown): T | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.body?.error.details;
  return details && typeof details === 'object' && 'current' in details ? (details.current as T) : null;
}

/** A failure as one German sentence for the user. */
export function failureMessage(error: unknown): string {
  return error instanceof ApiError
    ? error.message
    : 'Der Server ist nicht erreichbar. Bitte die Verbindung prüfen und erneut versuchen.';
}
