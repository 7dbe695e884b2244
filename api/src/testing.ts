import type { RouteConfig } from '@hono/zod-openapi';
import type { Database } from '@ozg/db';
import { DEMO_USERS } from '@ozg/db/demo';
import { createDemoTestDatabase, DEMO_TODAY } from '@ozg/db/testing';
import type { CriterionChange, MaturityModelVersion } from '@ozg/shared';
import { z } from 'zod';
import { type AppOptions, createApp } from './app';
import { loginRoute } from './routes/auth/auth.routes';

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
  const { csrfToken } = await readBody(res, loginRoute, 200);
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

/** The zod schema a route documents for the JSON body of one status (never when it documents none). */
type JsonSchemaOf<R extends RouteConfig, S extends keyof R['responses']> = R['responses'][S] extends {
  content: { 'application/json': { schema: infer Schema extends z.ZodType } };
}
  ? Schema
  : never;

/**
 * The JSON body of a response, checked against the route's own schema for the
 * expected status instead of cast: a test fails when the status differs or a
 * field is missing, renamed or of another type, with what was answered.
 */
export async function readBody<R extends RouteConfig, const S extends keyof R['responses'] & number>(
  res: Response,
  route: R,
  status: S,
): Promise<z.output<JsonSchemaOf<R, S>>> {
  const name = `${route.method.toUpperCase()} ${route.path}`;
  const text = await res.text();
  if (res.status !== status)
    throw new Error(`${name}: Status ${res.status} statt ${status}: ${text.slice(0, 2000)}`);
  const schema = (route.responses[status] as { content?: Record<string, { schema?: unknown }> } | undefined)
    ?.content?.['application/json']?.schema;
  if (!(schema instanceof z.ZodType))
    throw new Error(`${name}: für Status ${status} ist kein JSON-Schema dokumentiert.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${name}: Antwort ${status} ist kein JSON: ${text.slice(0, 2000)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${name}: Antwort ${status} passt nicht zum Schema der Route:\n${z.prettifyError(parsed.error)}\n${text.slice(0, 2000)}`,
    );
  return parsed.data as z.output<JsonSchemaOf<R, S>>;
}

/**
 * Every criterion of a stored maturity model answered: the given level per criterion key, the top option
 * for the rest (a complete assessment; all at the top is the model's highest level).
 */
export function completeAnswers(
  model: MaturityModelVersion,
  levels: Record<string, number> = {},
): CriterionChange[] {
  return model.definition.criteria.map((criterion) => ({
    modelId: model.id,
    criterion: criterion.key,
    answer: { level: levels[criterion.key] ?? Math.max(...criterion.levels.map((option) => option.level)) },
  }));
}
