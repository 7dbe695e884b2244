import type { ErrorCode } from '@ozg/shared';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createApiClient } from '../client';
import { errorResponses } from './router';

// Type-level pins, checked by `pnpm typecheck` (tsc covers the test files); the runtime part checks the same objects.
describe('errorResponses', () => {
  it('keeps the statuses as literal keys, so routes and the typed client see them', () => {
    const responses = errorResponses(400, 401, 415);
    expectTypeOf<keyof typeof responses>().toEqualTypeOf<400 | 401 | 415>();
    expect(Object.keys(responses)).toEqual(['400', '401', '415']);
    expect(responses[415].content['application/json'].schema).toBeDefined();
  });

  it('gives the hc client every declared status of a route with the error body', () => {
    const client = createApiClient('http://localhost');
    type Patch = Awaited<ReturnType<(typeof client.statuses)[':id']['$patch']>>;
    expectTypeOf<Patch['status']>().toEqualTypeOf<200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422>();
    type Refused = Extract<Patch, { status: 401 }>;
    expectTypeOf<Awaited<ReturnType<Refused['json']>>['error']['code']>().toEqualTypeOf<ErrorCode>();
  });
});
