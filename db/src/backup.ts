import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isDatabaseEmpty } from './checksums';
import { createDb, type Database, queryRows } from './client';
import { RENEW_LINEAGE_SQL } from './instance';
import { readJournal, readMigrationState } from './migrate';
import { findPgTool } from './pg-tools';

/**
 * A backup file: one line `OZG-BACKUP 1`, one line of JSON (what it holds),
 * then the dump itself: PGlite's own tarball of its data directory (gzip), or
 * pg_dump's custom format. The header lets a restore refuse a backup of a
 * newer program before touching anything (docs/decisions/015-operations.md).
 */
const MAGIC = 'OZG-BACKUP 1';
const gunzipAsync = promisify(gunzip);

const BackupHeaderSchema = z.object({
  kind: z.enum(['pglite', 'postgres']),
  createdAt: z.string(),
  serverVersion: z.string(),
  migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

/** A refusal with a German message for the person at the terminal; nothing was changed. */
export class BackupError extends Error {
  override name = 'BackupError';
}

async function serverVersion(database: Database): Promise<string> {
  const [row] = await queryRows<{ server_version: string }>(database.db, sql`show server_version`);
  return row?.server_version ?? 'unbekannt';
}

/** Writes a consistent backup of the database to `file` (first to a temporary name, so a failure leaves no half file). */
export async function backupDatabase({
  database,
  file,
}: {
  database: Database;
  file: string;
}): Promise<BackupHeader> {
  const state = await readMigrationState(database);
  const header: BackupHeader = {
    kind: database.kind,
    createdAt: new Date().toISOString(),
    serverVersion: await serverVersion(database),
    migrations: { applied: state.applied, latest: state.latest },
  };
  const target = resolve(file);
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  const head = `${MAGIC}\n${JSON.stringify(header)}\n`;
  try {
    if (database.driver.kind === 'pglite') {
      // PGlite's own dump runs on its single connection, between queries: a consistent copy.
      const dump = await database.driver.client.dumpDataDir('gzip');
      await writeFile(temporary, Buffer.concat([Buffer.from(head), Buffer.from(await dump.arrayBuffer())]));
    } else {
      const pgDump = await findPgTool('pg_dump', header.serverVersion);
      await writeFile(temporary, head);
      const out = createWriteStream(temporary, { flags: 'a' });
      // Only the application's schemas: other tools' schemas on the same database (a job queue) are theirs.
      const child = spawn(
        pgDump,
        ['--format=custom', '--schema=public', '--schema=drizzle', `--dbname=${database.driver.url}`],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const stderr = collect(child.stderr);
      const exited = exitCode(child);
      await pipeline(child.stdout, out);
      const code = await exited;
      if (code !== 0) throw new BackupError(`pg_dump ist fehlgeschlagen (${code}): ${(await stderr).trim()}`);
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return header;
}

/** Reads and checks the header of a backup file; the dump starts at `offset`. */
export async function readBackupHeader(file: string): Promise<{ header: BackupHeader; offset: number }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new BackupError(
      `Sicherung ${file} kann nicht gelesen werden: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('latin1');
    const first = text.indexOf('\n');
    const second = text.indexOf('\n', first + 1);
    if (first < 0 || second < 0 || text.slice(0, first) !== MAGIC)
      throw new BackupError(`${file} ist keine Sicherung des OZG-Dashboards.`);
    const parsed = BackupHeaderSchema.safeParse(
      safeJson(buffer.subarray(first + 1, second).toString('utf8')),
    );
    if (!parsed.success) throw new BackupError(`${file}: Kopf der Sicherung ist beschädigt.`);
    return { header: parsed.data, offset: second + 1 };
  } finally {
    await handle.close();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Refuses a backup that this program's migrations cannot continue from. */
export function checkBackupVersion(header: BackupHeader): void {
  const journal = readJournal();
  const { applied, latest } = header.migrations;
  const known = latest === null ? applied === 0 : journal[applied - 1]?.tag === latest;
  if (applied > journal.length || !known) {
    throw new BackupError(
      `Die Sicherung stammt von einer neueren Programmversion (Migrationsstand ${latest ?? '–'}, ${applied} Migrationen; ` +
        `dieses Programm kennt ${journal.length}). Bitte zuerst das Programm aktualisieren.`,
    );
  }
}

export type RestoreTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

/**
 * Restores a backup into the configured database, all or nothing: the
 * embedded data directory is rebuilt beside the old one and swapped in only
 * when it opens; on a server, the old schemas are dropped and the dump
 * replayed in one transaction (psql --single-transaction), so a failure rolls
 * back to the previous data. The application must not run meanwhile on the
 * embedded database (PGlite is one process). Migrations newer than the
 * backup are applied by the caller afterwards (migrateDb). The restored data
 * starts a new lineage: its versions count again from the backup's, and no
 * answer cached before the restore may match them (decision 023).
 */
export async function restoreDatabase({
  target,
  file,
  force = false,
}: {
  target: RestoreTarget;
  file: string;
  force?: boolean;
}): Promise<BackupHeader> {
  const { header, offset } = await readBackupHeader(file);
  checkBackupVersion(header);
  if (header.kind !== target.kind) {
    throw new BackupError(
      header.kind === 'pglite'
        ? 'Die Sicherung stammt von der eingebetteten Datenbank, konfiguriert ist ein PostgreSQL-Server. ' +
            'Zum Umzug: die Sicherung in die eingebettete Datenbank zurückspielen, dann pnpm ozg migrate-to <postgres-url>.'
        : 'Die Sicherung stammt von einem PostgreSQL-Server, konfiguriert ist die eingebettete Datenbank (DATABASE_URL fehlt).',
    );
  }
  if (!force) await refuseNonEmpty(target);
  if (target.kind === 'pglite') await restorePglite(target.dataDir, file, offset);
  else await restorePostgres(target.url, file, offset, header);
  return header;
}

async function refuseNonEmpty(target: RestoreTarget): Promise<void> {
  if (target.kind === 'pglite' && !existsSync(join(target.dataDir, 'PG_VERSION'))) return;
  const database = await createDb(target);
  try {
    const migrated = await queryRows<{ exists: boolean }>(
      database.db,
      sql`select to_regclass('public.instance_state') is not null as exists`,
    );
    if (migrated[0]?.exists && !(await isDatabaseEmpty(database.db))) {
      throw new BackupError(
        'Die Datenbank enthält bereits Daten. Mit --force werden sie durch die Sicherung ersetzt.',
      );
    }
  } finally {
    await database.close();
  }
}

async function restorePglite(dataDir: string, file: string, offset: number): Promise<void> {
  const target = resolve(dataDir);
  const suffix = randomBytes(4).toString('hex');
  const fresh = `${target}.restore-${suffix}`;
  const previous = `${target}.previous-${suffix}`;
  try {
    // Unpacked here, not by PGlite: a cut-off file then fails as a plain error before anything is written.
    const dump = await gunzipAsync((await readFile(file)).subarray(offset));
    await mkdir(fresh, { recursive: true });
    const client = await PGlite.create(fresh, { loadDataDir: new Blob([dump]) });
    try {
      // Opening and reading proves the dump is whole before anything is swapped.
      await client.query('select count(*) from drizzle.__drizzle_migrations');
      await client.exec(RENEW_LINEAGE_SQL);
    } finally {
      await client.close();
    }
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw new BackupError(
      `Die Sicherung ${file} lässt sich nicht laden (${(error as Error).message}); die Datenbank ist unverändert.`,
    );
  }
  const hadData = existsSync(target);
  if (hadData) renameSync(target, previous);
  try {
    renameSync(fresh, target);
  } catch (error) {
    if (hadData) renameSync(previous, target);
    throw error;
  }
  if (hadData) rmSync(previous, { recursive: true, force: true });
}

async function restorePostgres(url: string, file: string, offset: number, header: BackupHeader) {
  const database = await createDb({ kind: 'postgres', url, poolSize: 1 });
  const version = await serverVersion(database).finally(() => database.close());
  const pgRestore = await findPgTool('pg_restore', version);
  const psql = await findPgTool('psql', version);
  // pg_restore turns the dump into SQL; psql replays it after dropping the old schemas, all in one
  // transaction: dropping the tables also lifts the append-only trigger on status events, and a
  // failure anywhere leaves the old schemas as they were.
  const restore = spawn(pgRestore, ['--no-owner', '--no-privileges', '--file=-'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const replay = spawn(
    psql,
    ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${url}`],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  const restoreErr = collect(restore.stderr);
  const replayErr = collect(replay.stderr);
  const restoreExit = exitCode(restore);
  const replayExit = exitCode(replay);
  replay.stdin.on('error', () => {});
  restore.stdin.on('error', () => {});
  replay.stdin.write('drop schema if exists drizzle cascade;\ndrop schema if exists public cascade;\n');
  const feed = pipeline(createReadStream(file, { start: offset }), restore.stdin).catch(() => {});
  // The new lineage is the replay's last statement, inside its transaction.
  const relay = pipeline(
    restore.stdout,
    async function* (dump: AsyncIterable<Buffer>) {
      yield* dump;
      yield RENEW_LINEAGE_SQL;
    },
    replay.stdin,
  ).catch(() => {});
  const [restoreCode, replayCode] = await Promise.all([restoreExit, replayExit, feed, relay]);
  if (restoreCode !== 0 || replayCode !== 0) {
    throw new BackupError(
      `Die Sicherung vom ${header.createdAt} ließ sich nicht zurückspielen; die Datenbank ist unverändert. ` +
        `${(await restoreErr).trim()} ${(await replayErr).trim()}`.trim(),
    );
  }
}

function collect(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((done) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    stream.on('end', () => done(text));
    stream.on('error', () => done(text));
  });
}

function exitCode(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((done) => {
    child.on('error', () => done(-1));
    child.on('close', (code) => done(code ?? -1));
  });
}

// ---------------------------------------------------------------------------
// Nightly backups: configuration and the job body. The schedule itself is the
// job runner's (one runner for all jobs); it calls runScheduledBackup.

const ScheduledBackupEnvSchema = z.object({
  /** Folder of the nightly backups; unset means no nightly backup. */
  OZG_BACKUP_DIR: z.string().optional(),
  /** How many nightly backups to keep; older ones are deleted after a successful backup. */
  OZG_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  /** When the job runner starts it (cron, German time like every schedule, decision 016). */
  OZG_BACKUP_CRON: z.string().min(9).default('30 2 * * *'),
});

export type ScheduledBackupConfig = { dir: string; keep: number; cron: string };

/** The nightly backup's configuration, or null when it is switched off (no OZG_BACKUP_DIR). */
export function readScheduledBackupConfig(
  env: NodeJS.ProcessEnv = process.env,
): ScheduledBackupConfig | null {
  const parsed = ScheduledBackupEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Ungültige Konfiguration der Sicherungen: ${problems.join('; ')}`);
  }
  const { OZG_BACKUP_DIR, OZG_BACKUP_KEEP, OZG_BACKUP_CRON } = parsed.data;
  if (!OZG_BACKUP_DIR) return null;
  return { dir: OZG_BACKUP_DIR, keep: OZG_BACKUP_KEEP, cron: OZG_BACKUP_CRON };
}

const SCHEDULED_NAME = /^ozg-\d{8}T\d{6}Z\.backup$/;

/**
 * One nightly backup into config.dir, then deletes the oldest of the nightly
 * files beyond config.keep. Only files this function names are ever deleted.
 */
export async function runScheduledBackup({
  database,
  config,
  now = new Date(),
}: {
  database: Database;
  config: Pick<ScheduledBackupConfig, 'dir' | 'keep'>;
  now?: Date;
}): Promise<{ file: string; deleted: string[] }> {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const file = join(resolve(config.dir), `ozg-${stamp}.backup`);
  await backupDatabase({ database, file });
  const nightly = readdirSync(dirname(file))
    .filter((name) => SCHEDULED_NAME.test(name))
    .sort();
  const deleted = nightly.slice(0, Math.max(0, nightly.length - config.keep));
  for (const name of deleted) await unlink(join(dirname(file), name));
  return { file, deleted: deleted.map((name) => join(dirname(file), name)) };
}
