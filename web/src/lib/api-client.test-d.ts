/**
 * Type-level pins of the typed client as the web app builds it: every status a
 * route documents, with its body. Checked by `pnpm typecheck` (tsc covers
 * src/**), so a route whose error statuses widen (an object built at run time,
 * a plain Response) or whose details lose their schema fails `pnpm check`.
 */
import type {
  ConfirmResult,
  Consultation,
  CsvLineResult,
  ErrorCode,
  FieldProblem,
  ImportProblem,
  Status,
  StatusConflictDetails,
} from '@ozg/shared';
import { describe, expectTypeOf, it } from 'vitest';
import type { api, SuccessBody } from './api-client';

type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type Body<R, S extends number> = R extends { status: S; json(): Promise<infer B> } ? B : never;

type PatchStatus = Answer<(typeof api.statuses)[':id']['$patch']>;
type Bulk = Answer<typeof api.statuses.bulk.$post>;
type Confirm = Answer<typeof api.statuses.confirm.$post>;
type StaleList = Answer<typeof api.freshness.stale.$get>;
type CsvUpload = Answer<(typeof api.regions)[':key']['statuses.csv']['$post']>;
type Undo = Answer<(typeof api)['change-sets'][':id']['undo']['$post']>;
type Gv100 = Answer<typeof api.imports.gv100.$post>;
type UpdateConsultation = Answer<(typeof api.consultations)[':id']['$patch']>;
type Boundaries = Answer<(typeof api.regions)[':key']['boundaries']['$get']>;
type Logout = Answer<typeof api.auth.logout.$post>;

describe('the typed client of the web app', () => {
  it('sees every documented status of POST /statuses/confirm and GET /freshness/stale (decision 025)', () => {
    expectTypeOf<Confirm['status']>().toEqualTypeOf<200 | 400 | 401 | 403 | 404 | 409 | 413 | 415>();
    expectTypeOf<SuccessBody<Confirm>>().toEqualTypeOf<ConfirmResult>();
    expectTypeOf<Body<Confirm, 409>['error']['details']>().toEqualTypeOf<StatusConflictDetails>();
    expectTypeOf<StaleList['status']>().toEqualTypeOf<200 | 400 | 401 | 403>();
  });

  it('sees every documented status of PATCH /statuses/{id}', () => {
    expectTypeOf<PatchStatus['status']>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422
    >();
    expectTypeOf<SuccessBody<PatchStatus>>().toEqualTypeOf<Status>();
  });

  it('gives the 409 of a status write the current records, and its 422 the broken rules', () => {
    expectTypeOf<Body<PatchStatus, 409>['error']['code']>().toEqualTypeOf<'conflict'>();
    expectTypeOf<Body<PatchStatus, 409>['error']['details']>().toEqualTypeOf<StatusConflictDetails>();
    expectTypeOf<Body<Bulk, 409>['error']['details']['current']>().toEqualTypeOf<Status[]>();
    expectTypeOf<Body<Undo, 409>['error']['details']['current']>().toEqualTypeOf<Status[]>();
    expectTypeOf<Body<PatchStatus, 422>['error']['code']>().toEqualTypeOf<'unprocessable'>();
    expectTypeOf<Body<PatchStatus, 422>['error']['details']>().toEqualTypeOf<FieldProblem[]>();
  });

  it('gives the other statuses the single error shape with any code', () => {
    expectTypeOf<Body<PatchStatus, 401>['error']['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<Body<PatchStatus, 400>['error']['code']>().toEqualTypeOf<ErrorCode>();
  });

  it('types the 422 of uploads with the result per line and the place in the file', () => {
    type Refused = NonNullable<Body<CsvUpload, 422>['error']['details']>;
    expectTypeOf<Refused['lines'][number]['outcome']>().toEqualTypeOf<CsvLineResult['outcome']>();
    expectTypeOf<Refused['lines'][number]['line']>().toEqualTypeOf<number>();
    expectTypeOf<Gv100['status']>().toEqualTypeOf<200 | 400 | 401 | 403 | 413 | 415 | 422>();
    expectTypeOf<Body<Gv100, 422>['error']['details']>().toEqualTypeOf<ImportProblem | undefined>();
  });

  it("types a consultation's 409 with the consultation as stored now", () => {
    expectTypeOf<
      Body<UpdateConsultation, 409>['error']['details']['current']
    >().toEqualTypeOf<Consultation>();
  });

  it('sees the statuses of public reads and of answers without a body', () => {
    expectTypeOf<Boundaries['status']>().toEqualTypeOf<200 | 400 | 404>();
    expectTypeOf<Logout['status']>().toEqualTypeOf<204 | 403>();
  });
});
