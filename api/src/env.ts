import { z } from 'zod';

const ApiEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** Only this machine by default; set HOST=0.0.0.0 to serve the network (behind TLS). */
  HOST: z.string().default('127.0.0.1'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Set when a TLS-terminating proxy is in front: cookies get the Secure flag. */
  OZG_BEHIND_TLS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  /** Set when a reverse proxy is in front: the client address comes from X-Forwarded-For. */
  OZG_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
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
