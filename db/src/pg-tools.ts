import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readDbEnv } from './env';

const run = promisify(execFile);

/** Where Debian and the PostgreSQL packages put the client programs of each major version. */
const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * The path of a PostgreSQL client program (pg_dump, pg_restore, psql) that
 * can talk to a server of `serverVersion`: pg_dump refuses servers newer than
 * itself, so the same major version is preferred, else the nearest newer one.
 * OZG_PG_BIN_DIR names the folder explicitly.
 */
export async function findPgTool(name: string, serverVersion: string): Promise<string> {
  const wanted = Number.parseInt(serverVersion, 10);
  const { OZG_PG_BIN_DIR } = readDbEnv();
  const folders = [
    ...(OZG_PG_BIN_DIR ? [OZG_PG_BIN_DIR] : []),
    ...(existsSync(DEBIAN_ROOT)
      ? readdirSync(DEBIAN_ROOT)
          .filter((entry) => /^\d+$/.test(entry))
          .sort((a, b) => Number(a) - Number(b))
          .map((entry) => join(DEBIAN_ROOT, entry, 'bin'))
      : []),
    ...(process.env.PATH ?? '').split(':').filter(Boolean),
  ];
  const found: { path: string; major: number }[] = [];
  for (const folder of folders) {
    const path = join(folder, name);
    if (!existsSync(path)) continue;
    try {
      const { stdout } = await run(path, ['--version']);
      const major = Number.parseInt(/(\d+)(\.\d+)?/.exec(stdout)?.[1] ?? '', 10);
      if (Number.isFinite(major)) found.push({ path, major });
    } catch {
      // Not runnable: try the next one.
    }
  }
  const fitting =
    found.find((tool) => tool.major === wanted) ??
    found.filter((tool) => tool.major > wanted).sort((a, b) => a.major - b.major)[0];
  if (!fitting) {
    throw new Error(
      `${name} für PostgreSQL ${wanted} nicht gefunden (gefunden: ${found.map((tool) => `${tool.path} (${tool.major})`).join(', ') || 'keines'}). ` +
        'Bitte die PostgreSQL-Client-Programme installieren (Debian: apt-get install postgresql-client) oder OZG_PG_BIN_DIR setzen.',
    );
  }
  return fitting.path;
}
