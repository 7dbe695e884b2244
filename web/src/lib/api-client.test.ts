import { ImportProblemSchema } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import { ApiError, errorBodyOf, errorDetails, unwrap, userMessage } from './api-client';

const response = (status: number, text: string) => Promise.resolve(new Response(text, { status }));

describe('userMessage', () => {
  it("passes the API's German message on", () => {
    const error = new ApiError(400, {
      error: { code: 'validation_failed', message: 'Der Inhalt der Anfrage ist kein gültiges JSON.' },
    });
    expect(userMessage(error, 'Speichern fehlgeschlagen.')).toBe(
      'Der Inhalt der Anfrage ist kein gültiges JSON.',
    );
  });

  it("never shows JSON.parse's English, but the fallback and what to do", () => {
    let parseError: unknown;
    try {
      JSON.parse('{"a": 1} x');
    } catch (error) {
      parseError = error;
    }
    const message = userMessage(parseError, 'Speichern fehlgeschlagen.');
    expect(message).not.toMatch(/Unexpected|JSON|position/);
    expect(message).toBe(
      'Speichern fehlgeschlagen. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
    );
  });

  it('tells a lost connection (fetch throws a TypeError) to check it', () => {
    expect(userMessage(new TypeError('Failed to fetch'), 'Abmelden fehlgeschlagen.')).toBe(
      'Abmelden fehlgeschlagen. Bitte prüfen Sie die Internetverbindung und versuchen Sie es noch einmal.',
    );
  });
});

describe('unwrap', () => {
  it('turns an answer that is no JSON into a German ApiError, for errors and successes alike', async () => {
    for (const status of [200, 502]) {
      const failure = await unwrap(response(status, '<html>Bad Gateway</html>')).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ApiError);
      expect((failure as ApiError).message).toMatch(
        /^Der Server hat nicht wie erwartet geantwortet \(HTTP \d+\)\./,
      );
    }
  });
});

describe('errorDetails', () => {
  const problem = { file: 'GV100AD.txt', line: 7, column: 'Stelle 11-22', problem: 'AGS fehlt' };
  const refused = (status: number, details: unknown) =>
    new ApiError(status, { error: { code: 'unprocessable', message: 'Nicht übernommen.', details } });

  it('gives the details of the expected status, checked with the shared schema', () => {
    expect(errorDetails(refused(422, problem), 422, ImportProblemSchema)).toEqual(problem);
  });

  it('gives null for another status, details of another shape, or no API error at all', () => {
    expect(errorDetails(refused(400, problem), 422, ImportProblemSchema)).toBeNull();
    expect(errorDetails(refused(422, { ...problem, line: '7' }), 422, ImportProblemSchema)).toBeNull();
    expect(errorDetails(new TypeError('Failed to fetch'), 422, ImportProblemSchema)).toBeNull();
  });
});

describe('errorBodyOf', () => {
  it("takes the API's error shape and nothing else", () => {
    const body = { error: { code: 'conflict', message: 'Geändert.' } };
    expect(errorBodyOf(body)).toEqual(body);
    expect(errorBodyOf({ error: 'Bad Gateway' })).toBeNull();
    expect(errorBodyOf(null)).toBeNull();
  });
});
