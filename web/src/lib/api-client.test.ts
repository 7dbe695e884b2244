import { describe, expect, it } from 'vitest';
import { ApiError, unwrap, userMessage } from './api-client';

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
