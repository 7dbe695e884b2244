import { type Measure, MeasureConflictDetailsSchema, type Status } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { conflictCurrent, conflictRecords, errorMessage, ruleProblems } from './api-errors';

const apiError = (status: number, details: unknown) =>
  new ApiError(status, { error: { code: 'conflict', message: 'Meldung der API', details } });

describe('reading failed writes', () => {
  it('takes the current records from a 409 and nothing from other errors', () => {
    const current: Status[] = [
      {
        id: 1,
        regionId: 3,
        ozgId: 99001,
        serviceName: 'Wohngeld',
        themenfeld: 'Bauen & Wohnen',
        inTarget: true,
        maturityLevel: 1,
        maturityModel: '1.1',
        workflowState: 'planned',
        solution: null,
        url: null,
        plannedDate: null,
        onlineSince: null,
        contact: null,
        note: null,
        version: 5,
        updatedAt: '2026-03-02T10:00:00.000Z',
        updatedBy: 'Anna Beispiel',
        confirmedAt: null,
      },
    ];
    expect(conflictRecords(apiError(409, { current }))).toEqual(current);
    expect(conflictRecords(apiError(422, { current }))).toBeNull();
    // Records of another shape (an API that renamed a field) are not taken for statuses.
    expect(conflictRecords(apiError(409, { current: [{ id: 1, version: 5 }] }))).toBeNull();
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

  it('takes the current record from a 409, checked with the route schema, and nothing from other failures', () => {
    const measure: Measure = {
      id: 4,
      consultationId: 2,
      title: 'Wohngeld online anbieten',
      owner: null,
      dueDate: '2026-06-30',
      state: 'open',
      overdue: false,
      ozgIds: [99001],
      completedAt: null,
      statusEventIds: [],
      version: 3,
    };
    const conflict = (details: unknown) =>
      new ApiError(409, { error: { code: 'conflict', message: 'geändert', details } });
    expect(conflictCurrent(conflict({ current: measure }), MeasureConflictDetailsSchema)).toEqual(measure);
    // A body that does not match the schema is no conflict record: the form falls back to the message.
    expect(conflictCurrent(conflict({ current: { version: 3 } }), MeasureConflictDetailsSchema)).toBeNull();
    expect(conflictCurrent(conflict(undefined), MeasureConflictDetailsSchema)).toBeNull();
    expect(conflictCurrent(new ApiError(422, null), MeasureConflictDetailsSchema)).toBeNull();
  });
});
