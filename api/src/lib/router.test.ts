import { StatusConflictErrorSchema } from '@ozg/shared';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { errorResponse, errorResponses } from './router';

// Type-level pins, checked by `pnpm typecheck` (tsc covers the test files); the runtime part checks the same objects.
// What the typed client makes of them is pinned in web/src/lib/api-client.test-d.ts.
describe('errorResponses', () => {
  it('keeps the statuses as literal keys, so routes and the typed client see them', () => {
    const responses = errorResponses(400, 401, 415);
    expectTypeOf<keyof typeof responses>().toEqualTypeOf<400 | 401 | 415>();
    expect(Object.keys(responses)).toEqual(['400', '401', '415']);
    expect(responses[415].content['application/json'].schema).toBeDefined();
  });

  it('declares one status with the body schema of its details, under a literal key too', () => {
    const responses = { ...errorResponses(400), ...errorResponse(409, StatusConflictErrorSchema) };
    expectTypeOf<keyof typeof responses>().toEqualTypeOf<400 | 409>();
    expect(responses[409].content['application/json'].schema).toBe(StatusConflictErrorSchema);
    expect(responses[409].description).toBe('Konflikt');
  });
});
