import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { backupDatabase, createDb, type Database, queryRows, restoreDatabase } from '@ozg/db';
import { createDemoTestDatabase } from '@ozg/db/testing';
import type { RegionProgress } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { signInAs, type TestApp } from './testing';

/**
 * A private primary and a streaming standby made with pg_basebackup, on ports
 * of their own in a temporary folder, so the shared server stays untouched.
 * PostgreSQL refuses to run as root: as root the servers run as `postgres`.
 */
const PG_ROOT = '/usr/lib/postgresql';
const bin = (() => {
  const versions = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).filter((v) => /^\d+$/.test(v)) : [];
  const version = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  const folder = version ? join(PG_ROOT, version, 'bin') : '';
  if (!folder || !existsSync(join(folder, 'pg_basebackup')))
    throw new Error(
      `PostgreSQL-Programme (initdb, pg_ctl, pg_basebackup) fehlen unter ${PG_ROOT}: ` +
        'der Replikat-Test braucht sie (Debian: apt-get install postgresql; .ci/run installiert es).',
    );
  return (name: string) => join(folder, name);
})();
const asRoot = userInfo().uid === 0;
const run = (program: string, args: string[]) =>
  execFileSync(
    asRoot ? 'runuser' : bin(program),
    asRoot ? ['-u', 'postgres', '--', bin(program), ...args] : args,
    {
      stdio: 'pipe',
    },
  );

let folder: string;
const port = 56_000 + Math.floor(Math.random() * 2_000);
const primaryUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
const standbyUrl = `postgres://postgres@127.0.0.1:${port + 1}/postgres`;
let database: Database;
let app: TestApp;

const startServer = (dir: string, serverPort: number) =>
  run('pg_ctl', [
    '-D',
    join(folder, dir),
    '-l',
    join(folder, `${dir}.log`),
    '-w',
    '-o',
    `-p ${serverPort} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c wal_level=replica`,
    'start',
  ]);

async function waitForReplay(): Promise<void> {
  const [primary] = await queryRows<{ lsn: string }>(
    database.db,
    sql`select pg_current_wal_lsn()::text as lsn`,
  );
  for (let i = 0; i < 600; i++) {
    const [row] = await queryRows<{ ok: boolean }>(
      database.replica?.db ?? database.db,
      sql`select pg_last_wal_replay_lsn() >= ${primary?.lsn}::pg_lsn as ok`,
    );
    if (row?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Das Replikat holt nicht auf.');
}

const onStandby = (query: string) => database.replica?.pool.query(query);

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'ozg-replica-'));
  chmodSync(folder, 0o755);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(folder, uid, gid);
  }
  run('initdb', ['-D', join(folder, 'primary'), '-U', 'postgres', '--auth=trust']);
  startServer('primary', port);
  run('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'postgres',
    '-D',
    join(folder, 'standby'),
    '-R',
    '-X',
    'stream',
  ]);
  startServer('standby', port + 1);
  // The demo, brought onto the primary with the backup and restore of this project.
  const demo = await createDemoTestDatabase();
  const file = join(folder, 'demo.backup');
  try {
    await backupDatabase({ database: demo, file });
  } finally {
    await demo.close();
  }
  await restoreDatabase({ target: { kind: 'postgres', url: primaryUrl }, file });
  database = await createDb({ kind: 'postgres', url: primaryUrl, readUrl: standbyUrl, poolSize: 4 });
  app = createApp(database);
  await waitForReplay();
}, 300_000);
afterAll(async () => {
  await database?.close();
  for (const dir of ['standby', 'primary']) {
    try {
      run('pg_ctl', ['-D', join(folder, dir), '-m', 'immediate', 'stop']);
    } catch {
      // Not started: nothing to stop.
    }
  }
  rmSync(folder, { recursive: true, force: true });
});

const conformant = async (cookie?: string) =>
  (
    (await (
      await app.request('/api/v1/regions/06435901/progress', cookie ? { headers: { cookie } } : {})
    ).json()) as RegionProgress
  ).figures.conformant;

describe('read replica (DATABASE_READ_URL)', { timeout: 300_000 }, () => {
  it('sends public analytics to the replica, and a writer reads its own write from the primary until the replica has it', async () => {
    const before = await conformant();
    // Replay paused: the replica stands still, so a read from it shows the old figures.
    await onStandby('select pg_wal_replay_pause()');
    const officer = await signInAs(app, 'officer');
    const list = (await (
      await officer.request('GET', '/api/v1/regions/06435901/statuses?overdue=true&pageSize=1')
    ).json()) as { items: { id: number; version: number }[] };
    const status = list.items[0] as { id: number; version: number };
    const patched = await officer.request('PATCH', `/api/v1/statuses/${status.id}`, {
      version: status.version,
      maturityLevel: 3,
      onlineSince: '2022-05-02',
    });
    expect(patched.status).toBe(200);
    const mark = (patched.headers.get('set-cookie') ?? '').match(/ozg_write_lsn=[^;]+/)?.[0];
    expect(mark).toBeTruthy();

    expect(await conformant()).toBe(before);
    expect(await conformant(mark)).toBe(before + 1);

    await onStandby('select pg_wal_replay_resume()');
    await waitForReplay();
    expect(await conformant()).toBe(before + 1);
  });

  it('reads from the replica again once it has replayed the write, while a newer writer reads from the primary', async () => {
    const officer = await signInAs(app, 'officer');
    const admin = await signInAs(app, 'admin');
    const edit = async (client: typeof officer) => {
      const list = (await (
        await client.request('GET', '/api/v1/regions/06435901/statuses?overdue=true&pageSize=1')
      ).json()) as { items: { id: number; version: number }[] };
      const status = list.items[0] as { id: number; version: number };
      const res = await client.request('PATCH', `/api/v1/statuses/${status.id}`, {
        version: status.version,
        maturityLevel: 3,
        onlineSince: '2022-05-02',
      });
      expect(res.status).toBe(200);
      return (res.headers.get('set-cookie') ?? '').match(/ozg_write_lsn=[^;]+/)?.[0] ?? '';
    };
    const officerMark = await edit(officer);
    await waitForReplay();
    const current = await conformant(officerMark);
    await onStandby('select pg_wal_replay_pause()');
    const adminMark = await edit(admin);
    // The officer's write is replayed: the officer reads the replica, which lacks the admin's newer edit.
    expect(await conformant(officerMark)).toBe(current);
    expect(await conformant(adminMark)).toBe(current + 1);
    await onStandby('select pg_wal_replay_resume()');
  });
});
