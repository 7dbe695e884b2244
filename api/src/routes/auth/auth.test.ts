import type { Database } from '@ozg/db';
import type { ErrorBody, Me, Session, Status } from '@ozg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, signIn, signInAs, type TestApp, testApp } from '../../testing';

let database: Database;
let app: TestApp;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
});
afterAll(async () => {
  await database.close();
});

const login = (email: string, password: string) =>
  app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('sign-in', () => {
  it('POST /api/v1/auth/login sets an HttpOnly, SameSite=Lax session cookie and returns the user with a CSRF token', async () => {
    const res = await login('Kommune@Demo.Example', 'demo-kommune-2026');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ozg_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = (await res.json()) as Me;
    expect(me).toMatchObject({
      email: 'kommune@demo.example',
      role: 'officer',
      regions: [{ ags: '06435901' }],
    });
    expect(me.csrfToken.length).toBeGreaterThan(20);
  });

  it('marks the cookie Secure behind TLS', async () => {
    const secureApp = testApp(database, { secureCookies: true });
    const res = await secureApp.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lesen@demo.example', password: 'demo-lesen-2026' }),
    });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    const wrong = await login('lesen@demo.example', 'falsch-falsch');
    const unknown = await login('niemand@demo.example', 'falsch-falsch');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(((await wrong.json()) as ErrorBody).error.message).toBe(
      ((await unknown.json()) as ErrorBody).error.message,
    );
  });

  it('limits failed attempts per account: the sixth within 15 minutes gets 429, even with the right password', async () => {
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await login('beratung@demo.example', 'falsch')).status).toBe(401);
    const limited = await login('beratung@demo.example', 'demo-beratung-2026');
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as ErrorBody).error.code).toBe('rate_limited');
  });

  it('GET /api/v1/me needs a session; logout ends it', async () => {
    expect((await app.request('/api/v1/me')).status).toBe(401);
    const client = await signInAs(app, 'viewer');
    const me = await client.request('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as Me).role).toBe('viewer');
    expect((await client.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await client.request('GET', '/api/v1/me')).status).toBe(401);
  });

  it('GET /api/v1/auth/session answers 200 with null when signed out and with the user and CSRF token when signed in', async () => {
    const signedOut = await app.request('/api/v1/auth/session');
    expect(signedOut.status).toBe(200);
    expect(await signedOut.json()).toEqual({ user: null });
    const client = await signInAs(app, 'officer');
    const signedIn = (await (await client.request('GET', '/api/v1/auth/session')).json()) as Session;
    expect(signedIn.user).toMatchObject({ role: 'officer', regions: [{ ags: '06435901' }] });
    expect(signedIn.user?.csrfToken).toBe(client.csrfToken);
    await client.request('POST', '/api/v1/auth/logout');
    expect(await (await client.request('GET', '/api/v1/auth/session')).json()).toEqual({ user: null });
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const officer = await signInAs(app, 'officer');
    const page = (await (
      await officer.request('GET', '/api/v1/regions/06435901/statuses?pageSize=1')
    ).json()) as { items: Status[] };
    const status = page.items[0] as Status;
    const res = await officer.request(
      'PATCH',
      `/api/v1/statuses/${status.id}`,
      { version: status.version, note: 'x' },
      { 'x-csrf-token': 'geraten' },
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/CSRF/);
  });

  it('sends security headers', async () => {
    const res = await app.request('/api/v1/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('a new password ends open sessions', async () => {
    const { createUser, setPassword } = await import('../../services/users');
    await createUser({
      db: database.db,
      email: 'wechsel@example.de',
      role: 'viewer',
      regionKeys: [],
      password: 'erstes-passwort-1',
    });
    const client = await signIn(app, 'wechsel@example.de', 'erstes-passwort-1');
    await setPassword({ db: database.db, email: 'wechsel@example.de', password: 'zweites-passwort-2' });
    expect((await client.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await login('wechsel@example.de', 'zweites-passwort-2')).status).toBe(200);
  });
});
