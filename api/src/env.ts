import { z } from 'zod';
import { assertCronExpression } from './jobs/runner';
import { DEFAULT_EMBEDDED_LIMITS, DEFAULT_SERVER_QUEUED } from './lib/load-gate';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback)
    .transform((value) => value === 'true' || value === '1');

/** A cron expression (5 fields, German time) or "off"; unset keeps the job's default. */
const schedule = z
  .string()
  .trim()
  .optional()
  .superRefine((value, ctx) => {
    if (!value || value === 'off') return;
    try {
      assertCronExpression(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

const ApiEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** Only this machine by default; set HOST=0.0.0.0 to serve the network (behind TLS). */
  HOST: z.string().default('127.0.0.1'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Set when a TLS-terminating proxy is in front: cookies get the Secure flag. */
  OZG_BEHIND_TLS: flag('false'),
  /** Set when a reverse proxy is in front: the client address comes from X-Forwarded-For. */
  OZG_TRUST_PROXY: flag('false'),
  /** Housekeeping (expired sessions, old sign-in attempts): when it runs. */
  OZG_HOUSEKEEPING_SCHEDULE: schedule,
  /** Expired sessions are kept this many days after their end. */
  OZG_SESSION_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  /** Sign-in attempts are kept this many days; the known-address exemption looks 30 days back (decision 003). */
  OZG_LOGIN_ATTEMPT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Link checks: when they run; default nightly on a PostgreSQL server, off on the embedded database. */
  OZG_LINK_CHECK_SCHEDULE: schedule,
  OZG_LINK_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  OZG_LINK_CHECK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  /** No new check starts after this many minutes of a run; the rest come first the next run. */
  OZG_LINK_CHECK_BUDGET_MINUTES: z.coerce.number().int().min(1).max(600).default(10),
  /** true only for tests and closed networks: check URLs that resolve to loopback or private networks (SSRF). */
  OZG_LINK_CHECK_ALLOW_PRIVATE: flag('false'),
  /** pino level; tests are silent unless asked (vitest sets VITEST). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  VITEST: z.string().optional(),
  /** Bearer token for GET /metrics on the main port; without it /metrics is not served there. */
  OZG_METRICS_TOKEN: z.string().min(16, 'OZG_METRICS_TOKEN braucht mindestens 16 Zeichen').optional(),
  /** A separate listener for /metrics only (no token), e.g. for a scraper on an internal network. */
  OZG_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  OZG_METRICS_HOST: z.string().default('127.0.0.1'),
  /** How long a shutdown waits for running requests and imports before it cuts them off. */
  OZG_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** Embedded database only (decision 028): requests that work at once, and how many more may wait before 503. */
  OZG_EMBEDDED_MAX_ACTIVE: z.coerce.number().int().min(1).max(64).default(DEFAULT_EMBEDDED_LIMITS.maxActive),
  OZG_EMBEDDED_MAX_QUEUED: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(DEFAULT_EMBEDDED_LIMITS.maxQueued),
  /** PostgreSQL server only (decision 028): unset, as many requests work at once as the pool has connections. */
  OZG_SERVER_MAX_ACTIVE: z.coerce.number().int().min(1).max(1_000).optional(),
  OZG_SERVER_MAX_QUEUED: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_SERVER_QUEUED),
});

export type ApiEnv = z.infer<typeof ApiEnvSchema>;

export function readApiEnv(env: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = ApiEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Ungültige Konfiguration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** The log level: LOG_LEVEL, else silent under tests, else info. */
export function logLevel(env: ApiEnv): NonNullable<ApiEnv['LOG_LEVEL']> {
  return env.LOG_LEVEL ?? (env.NODE_ENV === 'test' || env.VITEST ? 'silent' : 'info');
}
