import type { Database } from '@ozg/db';
import { hashPassword, queryRows, schema } from '@ozg/db';
import type { Status } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS, signInDelaySeconds, login as signInService } from '../../services/auth';
import { demoTestApp, readBody, signIn, signInAs, type TestApp, testApp } from '../../testing';
import { listStatusesRoute, patchStatusRoute, statusEventsRoute } from '../statuses/statuses.routes';
import { loginRoute, meRoute, sessionRoute } from './auth.routes';

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
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ozg_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await readBody(res, loginRoute, 200);
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
    expect((await readBody(wrong, loginRoute, 401)).error.message).toBe(
      (await readBody(unknown, loginRoute, 401)).error.message,
    );
  });

  it('slows down failed attempts per account and address: after the fourth failure the right password waits 2 s (429 with Retry-After)', async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.freePerAccountAndAddress; attempt++)
      expect((await login('beratung@demo.example', 'falsch')).status).toBe(401);
    const limited = await login('beratung@demo.example', 'demo-beratung-2026');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    const body = await readBody(limited, loginRoute, 429);
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/Bitte in [12] Sekunden? erneut versuchen/);
  });

  it('GET /api/v1/me needs a session; logout ends it', async () => {
    expect((await app.request('/api/v1/me')).status).toBe(401);
    const client = await signInAs(app, 'viewer');
    const me = await client.request('GET', '/api/v1/me');
    expect((await readBody(me, meRoute, 200)).role).toBe('viewer');
    expect((await client.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await client.request('GET', '/api/v1/me')).status).toBe(401);
  });

  it('GET /api/v1/auth/session answers 200 with null when signed out and with the user and CSRF token when signed in', async () => {
    const signedOut = await app.request('/api/v1/auth/session');
    expect(signedOut.status).toBe(200);
    expect(await signedOut.json()).toEqual({ user: null });
    const client = await signInAs(app, 'officer');
    const signedIn = await readBody(await client.request('GET', '/api/v1/auth/session'), sessionRoute, 200);
    expect(signedIn.user).toMatchObject({ role: 'officer', regions: [{ ags: '06435901' }] });
    expect(signedIn.user?.csrfToken).toBe(client.csrfToken);
    await client.request('POST', '/api/v1/auth/logout');
    expect(await (await client.request('GET', '/api/v1/auth/session')).json()).toEqual({ user: null });
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const officer = await signInAs(app, 'officer');
    const page = await readBody(
      await officer.request('GET', '/api/v1/regions/06435901/statuses?pageSize=1'),
      listStatusesRoute,
      200,
    );
    const status = page.items[0] as Status;
    const res = await officer.request(
      'PATCH',
      `/api/v1/statuses/${status.id}`,
      { version: status.version, note: 'x' },
      { 'x-csrf-token': 'geraten' },
    );
    expect((await readBody(res, patchStatusRoute, 403)).error.message).toMatch(/CSRF/);
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

describe('sign-in limits', () => {
  let sequence = 0;
  /** A fresh account of its own (the limits count per account and address), with one shared hash to stay fast. */
  async function account(): Promise<string> {
    sequence++;
    const email = `grenze-${sequence}@example.de`;
    await database.db.insert(schema.users).values({
      email,
      displayName: `Grenze ${sequence}`,
      role: 'viewer',
      passwordHash: await passwordHash,
    });
    return email;
  }
  const passwordHash = hashPassword('richtiges-passwort');
  const at = (base: number, seconds: number) => new Date(base + seconds * 1000);
  const attempt = (email: string, password: string, now: Date, clientAddress = '198.51.100.7') =>
    signInService({ db: database.db, email, password, clientAddress, now }).then(
      () => 'ok' as const,
      (error: { code?: string }) => error.code ?? 'error',
    );

  it('the wait doubles with each failure and is capped at 60 s', () => {
    const free = SIGN_IN_LIMITS.freePerAccountAndAddress;
    expect(signInDelaySeconds(free - 1, free)).toBe(0);
    expect(signInDelaySeconds(free, free)).toBe(2);
    expect(signInDelaySeconds(free + 1, free)).toBe(4);
    expect(signInDelaySeconds(free + 50, free)).toBe(SIGN_IN_LIMITS.maxDelaySeconds);
  });

  it('a refused attempt with the right password does not extend the wait: the right password wins once it is over', async () => {
    const email = await account();
    const t0 = Date.now();
    for (let n = 0; n < SIGN_IN_LIMITS.freePerAccountAndAddress; n++)
      expect(await attempt(email, 'falsch', at(t0, n * 0.1))).toBe('unauthenticated');
    const last = t0 + (SIGN_IN_LIMITS.freePerAccountAndAddress - 1) * 100;
    // Refused again and again during the 2 s wait, with the right password ...
    expect(await attempt(email, 'richtiges-passwort', at(last, 0.5))).toBe('rate_limited');
    expect(await attempt(email, 'richtiges-passwort', at(last, 1.5))).toBe('rate_limited');
    expect(await attempt(email, 'richtiges-passwort', at(last, 1.9))).toBe('rate_limited');
    // ... it still ends 2 s after the last failure.
    expect(await attempt(email, 'richtiges-passwort', at(last, 2.05))).toBe('ok');
  });

  it('however many failures, the right password wins 60 s after the last one (no lock-out for good)', async () => {
    const email = await account();
    const t0 = Date.now();
    let now = t0;
    for (let n = 0; n < 12; n++) {
      // Each guess as soon as the wait allows: the attacker goes on as fast as possible.
      const wait = signInDelaySeconds(n, SIGN_IN_LIMITS.freePerAccountAndAddress);
      now += wait * 1000 + 10;
      expect(await attempt(email, 'falsch', new Date(now))).toBe('unauthenticated');
    }
    expect(await attempt(email, 'richtiges-passwort', at(now, 59))).toBe('rate_limited');
    expect(await attempt(email, 'richtiges-passwort', at(now, 60.05))).toBe('ok');
  });

  it('failures from one address do not slow the account down at another address', async () => {
    const email = await account();
    const t0 = Date.now();
    for (let n = 0; n < 6; n++)
      expect(await attempt(email, 'falsch', at(t0, n * 10))).toBe('unauthenticated');
    expect(await attempt(email, 'richtiges-passwort', at(t0, 51))).toBe('rate_limited');
    expect(await attempt(email, 'richtiges-passwort', at(t0, 51), '192.0.2.44')).toBe('ok');
  });

  it('guesses spread over many addresses slow the account down, except at an address it signed in from before', async () => {
    const email = await account();
    const t0 = Date.now();
    expect(await attempt(email, 'richtiges-passwort', at(t0, 0), '192.0.2.10')).toBe('ok');
    for (let n = 0; n < SIGN_IN_LIMITS.freePerAccount; n++)
      expect(await attempt(email, 'falsch', at(t0, 1 + n * 0.01), `203.0.113.${n + 1}`)).toBe(
        'unauthenticated',
      );
    expect(await attempt(email, 'richtiges-passwort', at(t0, 2), '192.0.2.99')).toBe('rate_limited');
    expect(await attempt(email, 'richtiges-passwort', at(t0, 2), '192.0.2.10')).toBe('ok');
  });

  it('an address that fails very often over many accounts is slowed down, others are not', async () => {
    const email = await account();
    const now = new Date();
    // Failures of many accounts from one address, recorded directly (a hundred password checks would only cost time).
    await database.db.execute(sql`
      insert into login_attempts (email_lower, client_address, succeeded, attempted_at)
      select 'sprueher-' || n || '@example.de', '198.51.100.200', false, ${now.toISOString()}::timestamptz - interval '1 second'
      from generate_series(1, ${SIGN_IN_LIMITS.freePerAddress + 1}) n`);
    expect(await attempt(email, 'richtiges-passwort', now, '198.51.100.200')).toBe('rate_limited');
    expect(await attempt(email, 'richtiges-passwort', now, '198.51.100.201')).toBe('ok');
  });

  it('a check still running is no failure, but too many at once for one account and address are refused', async () => {
    const email = await account();
    const now = new Date();
    const pending = (count: number) =>
      database.db.execute(sql`
        insert into login_attempts (email_lower, client_address, succeeded, attempted_at)
        select ${email}, '198.51.100.9', null, ${now.toISOString()}::timestamptz from generate_series(1, ${count})`);
    await pending(SIGN_IN_LIMITS.maxPendingPerAccountAndAddress - 1);
    expect(await attempt(email, 'richtiges-passwort', now, '198.51.100.9')).toBe('ok');
    await pending(SIGN_IN_LIMITS.maxPendingPerAccountAndAddress);
    expect(await attempt(email, 'richtiges-passwort', now, '198.51.100.9')).toBe('rate_limited');
  });

  it('32 officers of one town hall behind one address all sign in at once with the right password', async () => {
    const proxied = testApp(database, { trustProxy: true });
    const emails = await Promise.all(Array.from({ length: 32 }, () => account()));
    const responses = await Promise.all(
      emails.map((email) =>
        proxied.request('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.32' },
          body: JSON.stringify({ email, password: 'richtiges-passwort' }),
        }),
      ),
    );
    expect(responses.map((res) => res.status)).toEqual(emails.map(() => 200));
    const [row] = await queryRows<{ pending: number; failed: number }>(
      database.db,
      sql`select (count(*) filter (where succeeded is null))::int as pending,
            (count(*) filter (where not succeeded))::int as failed
          from login_attempts where client_address = '198.51.100.32'`,
    );
    expect(row).toEqual({ pending: 0, failed: 0 });
  });
});

describe('sessions and the audit source', () => {
  const loginWith = (email: string, password: string, headers: Record<string, string>) =>
    app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    });
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  it('a new sign-in in the same browser ends the session that browser still holds', async () => {
    const first = await login('kommune@demo.example', 'demo-kommune-2026');
    const oldCookie = cookieOf(first);
    expect((await app.request('/api/v1/me', { headers: { cookie: oldCookie } })).status).toBe(200);
    // The browser sends its old cookie (and no CSRF token) with the new sign-in.
    const second = await loginWith('lesen@demo.example', 'demo-lesen-2026', { cookie: oldCookie });
    expect(second.status).toBe(200);
    expect((await app.request('/api/v1/me', { headers: { cookie: oldCookie } })).status).toBe(401);
    const me = await app.request('/api/v1/me', { headers: { cookie: cookieOf(second) } });
    expect((await readBody(me, meRoute, 200)).email).toBe('lesen@demo.example');
  });

  async function patchNote(headers: Record<string, string>, note: string) {
    const page = await readBody(
      await app.request('/api/v1/regions/06435901/statuses?pageSize=1', { headers }),
      listStatusesRoute,
      200,
    );
    const status = page.items[0] as Status;
    const res = await app.request(`/api/v1/statuses/${status.id}`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ version: status.version, note }),
    });
    await readBody(res, patchStatusRoute, 200);
    const events = await readBody(
      await app.request(`/api/v1/statuses/${status.id}/events`, { headers }),
      statusEventsRoute,
      200,
    );
    return events.items[0]?.source;
  }

  it('the audit source follows how the request was signed in, not a header the client sends', async () => {
    const res = await login('kommune@demo.example', 'demo-kommune-2026');
    const token = cookieOf(res).replace(/^ozg_session=/, '');
    const { csrfToken } = await readBody(res, loginRoute, 200);
    // The browser's cookie with its CSRF token is the web app, whatever the headers claim.
    const viaCookie = { cookie: `ozg_session=${token}`, 'x-csrf-token': csrfToken };
    expect(await patchNote({ ...viaCookie, 'x-ozg-client': 'api' }, 'Cookie')).toBe('ui');
    // The same session as a bearer token is another client, even when it claims to be the web app.
    const viaBearer = { authorization: `Bearer ${token}` };
    expect(await patchNote({ ...viaBearer, 'x-ozg-client': 'web' }, 'Bearer')).toBe('api');
  });

  it('a bearer token needs no CSRF token, a cookie does', async () => {
    const res = await login('kommune@demo.example', 'demo-kommune-2026');
    const token = cookieOf(res).replace(/^ozg_session=/, '');
    const viaBearer = await app.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaBearer.status).toBe(204);
    expect((await app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
  });
});
