import { afterEach, vi } from 'vitest';

// An unexpected console.error is a defect: fail the test that caused it.
const consoleError = vi.spyOn(console, 'error');

afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockClear();
  if (calls.length > 0) {
    throw new Error(
      `Unerwartete console.error-Ausgabe:\n${calls.map((args) => args.map(String).join(' ')).join('\n')}`,
    );
  }
});
