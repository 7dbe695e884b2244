import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { conflictCurrent, conflictRecords, errorMessage, ruleProblems } from './api-errors';

const apiError = (status: number, details: unknown) =>
  new ApiError(status, { error: { code: 'conflict', message: 'Meldung der API', details } });

describe('reading failed writes', () => {
  it('takes the current records from a 409 and nothing from other errors', () => {
    const current = [{ id: 1, version: 5 }];
    expect(conflictRecords(apiError(409, { current }))).toEqual(current);
    expect(conflictRecords(apiError(422, { current }))).toBeNull();
    expect(conflictRecords(apiError(409, undefined))).toBeNull();
    expect(conflictRecords(new Error('offline'))).toBeNull();
  });

  it('takes the broken rules from a 422 and ignores details of another shape', () => {
    const problems = [{ path: 'onlineSince', message: 'fehlt', statusId: 3, ozgId: 99001 }];
    expect(ruleProblems(apiError(422, problems))).toEqual(problems);
    expect(ruleProblems(apiError(422, [{ line: 2 }]))).toEqual([]);
    expect(ruleProblems(apiError(409, problems))).toEqual([]);
  });

  it('says in German what went wrong, also without an answer from the API', () => {
    expect(errorMessage(apiError(409, null))).toBe('Meldung der API');
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe(
      'Die Änderung konnte nicht gespeichert werden. Bitte prüfen Sie die Internetverbindung und versuchen Sie es noch einmal.',
    );
    expect(
      errorMessage(new SyntaxError('Unexpected non-whitespace character after JSON at position 20')),
    ).toBe(
      'Die Änderung konnte nicht gespeichert werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
    );
  });

  it('takes the current record from a 409 and nothing from other failures', () => {
    const conflict = new ApiError(409, {
      error: { code: 'conflict', message: 'geändert', details: { current: { version: 3 } } },
    });
    expect(conflictCurrent(conflict)).toEqual({ version: 3 });
    expect(
      conflictCurrent(new ApiError(409, { error: { code: 'conflict', message: 'schon da' } })),
    ).toBeNull();
    expect(conflictCurrent(new ApiError(422, null))).toBeNull();
  });
});
