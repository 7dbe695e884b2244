import type { Database } from '@ozg/db';
import { DEMO_USERS } from '@ozg/db/demo';
import { createDemoTestDatabase, DEMO_TODAY } from '@ozg/db/testing';
import { type AppOptions, createApp } from './app';

export type TestApp = ReturnType<typeof createApp>;

/** A signed-in client for in-process requests: keeps the session cookie and sends the CSRF token on writes. */
export type TestClient = {
  csrfToken: string;
  /** The session token itself, for requests as a machine client (`Authorization: Bearer`, source `api`). */
  sessionToken: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
};

export async function signIn(app: TestApp, email: string, password: string): Promise<TestClient> {
  const res = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200)
    throw new Error(`Anmeldung ${email} fehlgeschlagen: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    csrfToken,
    sessionToken: cookie.split('=')[1] ?? '',
    request: async (method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ||
          typeof body === 'string' ||
          body instanceof FormData ||
          body instanceof Uint8Array
            ? {}
            : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined
          ? {}
          : {
              // Bytes are sent as they are: uploads must be tested in the encodings spreadsheets write.
              body:
                typeof body === 'string' || body instanceof FormData || body instanceof Uint8Array
                  ? body
                  : JSON.stringify(body),
            }),
      }),
  };
}

export type DemoRole = 'admin' | 'officer' | 'kreisOfficer' | 'consultant' | 'viewer';

const DEMO_EMAIL: Record<DemoRole, string> = {
  admin: 'admin@demo.example',
  officer: 'kommune@demo.example',
  kreisOfficer: 'kreis@demo.example',
  consultant: 'beratung@demo.example',
  viewer: 'lesen@demo.example',
};

export async function signInAs(app: TestApp, role: DemoRole): Promise<TestClient> {
  const user = DEMO_USERS.find((candidate) => candidate.email === DEMO_EMAIL[role]);
  if (!user) throw new Error(`kein Demo-Benutzer für ${role}`);
  return signIn(app, user.email, user.password);
}

export function testApp(database: Database, options: AppOptions = {}): TestApp {
  return createApp(database, options);
}

export { DEMO_TODAY };

/** A fresh database holding the demo (a copy of the run's seeded template), and the app over it. The caller closes the database. */
export async function demoTestApp(options: AppOptions = {}): Promise<{ database: Database; app: TestApp }> {
  const database = await createDemoTestDatabase();
  return { database, app: testApp(database, options) };
}
