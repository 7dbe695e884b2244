import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

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
