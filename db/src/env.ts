import { z } from 'zod';

const DbEnvSchema = z.object({
  /** postgres://… selects a PostgreSQL server; unset means the embedded PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL muss mit postgres:// beginnen')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** A streaming replica of DATABASE_URL for the public analytics reads (decision 015). */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_READ_URL muss mit postgres:// beginnen')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Folder of pg_dump, pg_restore and psql, when they are not found by themselves (backups on a server). */
  OZG_PG_BIN_DIR: z.string().optional(),
  /** Data directory of the embedded database. */
  OZG_DATA_DIR: z.string().min(1).default('./data/pglite'),
});

export type DbEnv = z.infer<typeof DbEnvSchema>;

export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = DbEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Ungültige Datenbank-Konfiguration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
