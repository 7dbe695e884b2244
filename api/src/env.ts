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
