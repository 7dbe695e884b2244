import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openAsBlob,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { createDb } from '../client';
import { seedDemo } from '../demo/seed';
import { migrateDb } from '../migrate';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Templates of other code versions are removed after this long, so a developer's disk and server stay tidy. */
const STALE_AFTER_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * A hash of everything a test template is made from: the migrations, the db
 * and shared sources (schema, demo generator, rollups, domain rules) and the
 * lockfile (the PGlite version). Tests are excluded: editing a test must not
 * rebuild the templates. `extra` adds what is not in a file (the demo's day).
 */
export function templateKey(...extra: string[]): string {
  const hash = createHash('sha256');
  const files = [
    ...sourceFiles('db/migrations'),
    ...sourceFiles('db/src'),
    ...sourceFiles('shared/src'),
    'pnpm-lock.yaml',
  ];
  for (const file of files) {
    hash.update(file);
    hash.update('\0');
    hash.update(readFileSync(join(repoRoot, file)));
    hash.update('\0');
  }
  for (const part of extra) hash.update(`${part}\0`);
  return hash.digest('hex').slice(0, 16);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !/\.test(-d)?\.tsx?$/.test(entry.name))
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Outside the checkout, so that a fresh clone on the same machine (CI runs on
 * the developer's machine) finds what an earlier run built; the key says
 * whether it fits.
 */
const cacheRoot = join(
  process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
  'ozg-dashboard',
  'test-templates',
);

/**
 * The file `name` of the template with this key, built by `build` only when
 * no earlier run left it. Written under a temporary name and renamed, so a
 * parallel run (another Vitest project) never reads half a file.
 */
export async function cachedTemplateFile(
  key: string,
  name: string,
  build: () => Promise<Uint8Array>,
): Promise<string> {
  const folder = join(cacheRoot, key);
  const path = join(folder, name);
  if (existsSync(path)) return path;
  mkdirSync(folder, { recursive: true });
  const partial = `${path}.${randomBytes(4).toString('hex')}.partial`;
  writeFileSync(partial, await build());
  renameSync(partial, path);
  pruneStaleFolders(key);
  return path;
}

function pruneStaleFolders(currentKey: string) {
  for (const entry of readdirSync(cacheRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === currentKey) continue;
    const folder = join(cacheRoot, entry.name);
    if (Date.now() - statSync(folder).mtimeMs > STALE_AFTER_MS)
      rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * A template database on the server named for its key, built by `build` into
 * a temporary database (empty, or a copy of `copyOf`) and renamed when complete: a name that exists always
 * holds a finished template, and of two runs building it at once one wins
 * and the other drops its copy.
 */
export async function cachedTemplateDatabase(
  admin: pg.Client,
  name: string,
  build: (database: string) => Promise<void>,
  copyOf?: string,
): Promise<void> {
  if (await databaseExists(admin, name)) return;
  const building = `ozg_tplbuild_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${building}${copyOf ? ` template ${copyOf}` : ''}`);
  try {
    await build(building);
    await admin.query(`comment on database ${building} is '${new Date().toISOString()}'`);
    await admin.query(`alter database ${building} rename to ${name}`);
  } catch (error) {
    await admin.query(`drop database if exists ${building} with (force)`);
    // Another run finished the same template first: use theirs.
    if ((error as { code?: string }).code === '42P04') return;
    throw error;
  }
}

async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  return (rowCount ?? 0) > 0;
}

/** Drops the cached templates (prefix ozg_tplc_) of other code versions built more than two days ago. */
export async function pruneStaleTemplateDatabases(admin: pg.Client, keep: readonly string[]) {
  const { rows } = await admin.query<{ datname: string; built: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as built
       from pg_database where datname like 'ozg\\_tplc\\_%'`,
  );
  for (const { datname, built } of rows) {
    if (keep.includes(datname)) continue;
    // Only finished templates carry their build time; one without is still being renamed.
    if (built && Date.now() - Date.parse(built) > STALE_AFTER_MS)
      await admin.query(`drop database if exists ${datname} with (force)`);
  }
}

/**
 * The data directory of `client` as a tarball that copies start from. PGlite's dumpDataDir takes the
 * files as they lie, without a checkpoint: every copy would first replay all the WAL written since the
 * last one (64 MB after the demo's seed, about 1 s of CPU per copy) and then recycle the spent
 * segments. A checkpoint with recycling off leaves nothing to replay and only the current segment in
 * the tarball (decision 027). `wal_recycle` is a session setting, reset at once: PGlite has a single
 * session, and this one may be the app's.
 */
export async function dumpForCopies(client: PGlite): Promise<Blob> {
  await client.exec('set wal_recycle = off; checkpoint; reset wal_recycle');
  return client.dumpDataDir('none');
}

/** A template tarball as a file-backed Blob: PGlite reads it once, without a copy in memory first. */
export const templateBlob = (path: string): Promise<Blob> => openAsBlob(path);

/**
 * Fills `dataDir` with the demo of `today`, migrated and seeded as `pnpm start`
 * does on a first start, from the cached dump of it (built when missing).
 */
export async function restoreCachedDemoDataDir(today: string, dataDir: string): Promise<void> {
  const dump = await cachedTemplateFile(templateKey('demo-data-dir', today), 'seeded-demo.tar', async () => {
    const client = await PGlite.create();
    try {
      const database = await createDb({ kind: 'pglite', client });
      await migrateDb(database);
      await seedDemo({ database, today });
      return new Uint8Array(await (await dumpForCopies(client)).arrayBuffer());
    } finally {
      await client.close();
    }
  });
  const client = await PGlite.create({ dataDir, loadDataDir: await templateBlob(dump) });
  await client.close();
}
