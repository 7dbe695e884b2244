import { describe, expect, expectTypeOf, it } from 'vitest';
import { matchPath, type PathParams } from './navigation';

describe('matchPath', () => {
  it('returns the decoded parameters of a matching path', () => {
    expect(matchPath('/regionen/:key', '/regionen/06412')).toEqual({ key: '06412' });
    expect(matchPath('/suche', '/suche/')).toEqual({});
    expect(matchPath('/leistungen/:ozgId', '/leistungen/99%2001')).toEqual({ ozgId: '99 01' });
  });

  it('returns null when segments differ in number or text', () => {
    expect(matchPath('/regionen/:key', '/regionen')).toBeNull();
    expect(matchPath('/regionen/:key', '/leistungen/06412')).toBeNull();
    expect(matchPath('/', '/anmelden')).toBeNull();
  });
});

describe('PathParams', () => {
  it('names every parameter of a pattern', () => {
    expectTypeOf<PathParams<'/regionen/:key'>>().toEqualTypeOf<{ key: string }>();
    expectTypeOf<PathParams<'/a/:first/b/:second'>>().toEqualTypeOf<{ first: string } & { second: string }>();
    expectTypeOf<PathParams<'/leistungen'>>().toEqualTypeOf<Record<never, string>>();
  });
});
