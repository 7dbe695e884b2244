import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BackupError,
  backupDatabase,
  type RestoreTarget,
  readBackupHeader,
  readScheduledBackupConfig,
  restoreDatabase,
  runScheduledBackup,
} from './backup';
import { type Checksums, tableChecksums } from './checksums';
import { createDb, type Database, type Db, queryRows } from './client';
import { readJournal } from './migrate';
import { createDemoTestDatabase, createTestDatabase } from './testing/index';

let folder: string;
let source: Database;
/** An empty migrated database to restore into (PostgreSQL); PGlite restores into a data directory. */
let empty: Database | null = null;
let target: RestoreTarget;
let atBackup: State;
let backupFile: string;

const open = () => createDb(target.kind === 'pglite' ? { kind: 'pglite', dataDir: target.dataDir } : target);

/**
 * Every table's checksum, and the lineage apart: a restore brings back every row as it was at the
 * backup but gives the instance a new lineage (decision 023), so instance_state is checked without it.
 */
type State = { tables: Checksums; lineage: string };

async function stateOf(db: Db): Promise<State> {
  let state: State = { tables: {}, lineage: '' };
  // instance_state's checksum without its lineage: blanked in a transaction that is then rolled back.
  await db
    .transaction(async (tx) => {
      const [instance] = await queryRows<{ lineage: string }>(
        tx as unknown as Db,
        sql`select lineage from instance_state`,
      );
      await tx.execute(sql`update instance_state set lineage = ''`);
      state = { tables: await tableChecksums(tx as unknown as Db), lineage: instance?.lineage ?? '' };
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  return state;
}

async function stateOfTarget(): Promise<State> {
  const database = await open();
  try {
    return await stateOf(database.db);
  } finally {
    await database.close();
  }
}

/** A change a restore must undo: an edited status and one more event (the append-only table). */
async function changeTarget(): Promise<void> {
  const database = await open();
  try {
    await database.db.execute(
      sql`update service_statuses set note = 'nach der Sicherung' where id = (select min(id) from service_statuses)`,
    );
    const columns = (
      await queryRows<{ name: string }>(
        database.db,
        sql`select column_name as name from information_schema.columns
            where table_schema = 'public' and table_name = 'status_events' and column_name <> 'id'`,
      )
    ).map((column) => `"${column.name}"`);
    await database.db.execute(
      sql.raw(
        `insert into status_events (${columns}) select ${columns} from status_events order by id limit 1`,
      ),
    );
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'ozg-backup-'));
  source = await createDemoTestDatabase();
  if (source.kind === 'pglite') {
    target = { kind: 'pglite', dataDir: join(folder, 'pglite') };
  } else {
    empty = await createTestDatabase();
    if (empty.driver.kind !== 'postgres') throw new Error('unerwartet');
    target = { kind: 'postgres', url: empty.driver.url };
  }
  atBackup = await stateOf(source.db);
  backupFile = join(folder, 'stand.backup');
  await backupDatabase({ database: source, file: backupFile });
}, 300_000);
afterAll(async () => {
  await source.close();
  await empty?.close();
  rmSync(folder, { recursive: true, force: true });
});

// Each step copies the whole demo database: seconds, and minutes on a machine shared by many.
describe('backup and restore', { timeout: 300_000 }, () => {
  it('writes a backup that names its database kind and migration state', async () => {
    const { header } = await readBackupHeader(backupFile);
    const journal = readJournal();
    expect(header.kind).toBe(source.kind);
    expect(header.migrations).toEqual({ applied: journal.length, latest: journal.at(-1)?.tag });
    expect(atBackup.tables['public.status_events']?.rows).toBeGreaterThan(1000);
  });

  it('restores into an empty database without --force, every table equal to the state at the backup', async () => {
    await restoreDatabase({ target, file: backupFile });
    const restored = await stateOfTarget();
    expect(restored.tables).toEqual(atBackup.tables);
    // The same data versions as at the backup, on a new line of history: no ETag of before matches them.
    expect(restored.lineage).toMatch(/^[0-9a-f]{32}$/);
    expect(restored.lineage).not.toBe(atBackup.lineage);
  });

  it('refuses to restore into a database with data unless forced, and with --force brings back every row, events included', async () => {
    await changeTarget();
    const changed = await stateOfTarget();
    expect(changed.tables['public.status_events']?.rows).toBe(
      (atBackup.tables['public.status_events']?.rows ?? 0) + 1,
    );
    expect(changed.tables['public.service_statuses']?.md5).not.toBe(
      atBackup.tables['public.service_statuses']?.md5,
    );
    await expect(restoreDatabase({ target, file: backupFile })).rejects.toThrow(/--force/);
    expect(await stateOfTarget()).toEqual(changed);
    await restoreDatabase({ target, file: backupFile, force: true });
    const restored = await stateOfTarget();
    expect(restored.tables).toEqual(atBackup.tables);
    // A second restore of the same backup is a line of its own too: its versions grow apart from the first's.
    expect([atBackup.lineage, changed.lineage]).not.toContain(restored.lineage);
  });

  it('refuses a backup of a newer program and leaves the database as it was', async () => {
    const { header, offset } = await readBackupHeader(backupFile);
    const newer = join(folder, 'neuer.backup');
    const bytes = readFileSync(backupFile);
    const future = {
      ...header,
      migrations: { applied: header.migrations.applied + 1, latest: '9999_future' },
    };
    writeFileSync(
      newer,
      Buffer.concat([Buffer.from(`OZG-BACKUP 1\n${JSON.stringify(future)}\n`), bytes.subarray(offset)]),
    );
    await expect(restoreDatabase({ target, file: newer, force: true })).rejects.toThrow(
      /neueren Programmversion/,
    );
    expect((await stateOfTarget()).tables).toEqual(atBackup.tables);
  });

  it('leaves the previous database intact when the dump cannot be restored', async () => {
    await changeTarget();
    const changed = await stateOfTarget();
    const { offset } = await readBackupHeader(backupFile);
    const bytes = readFileSync(backupFile);
    const broken = join(folder, 'kaputt.backup');
    // The header and the first half of the dump: a file cut off while being copied.
    writeFileSync(broken, bytes.subarray(0, offset + Math.floor((bytes.length - offset) / 2)));
    await expect(restoreDatabase({ target, file: broken, force: true })).rejects.toBeInstanceOf(BackupError);
    expect(await stateOfTarget()).toEqual(changed);
  });

  it('refuses a file that is no backup', async () => {
    const other = join(folder, 'keine.backup');
    writeFileSync(other, 'hallo\nwelt\n');
    await expect(restoreDatabase({ target, file: other, force: true })).rejects.toThrow(
      /keine Sicherung des OZG-Dashboards/,
    );
  });
});

describe('nightly backup', { timeout: 300_000 }, () => {
  it('is off without OZG_BACKUP_DIR and keeps 7 backups by default', () => {
    expect(readScheduledBackupConfig({})).toBeNull();
    expect(readScheduledBackupConfig({ OZG_BACKUP_DIR: '/var/backups/ozg' })).toEqual({
      dir: '/var/backups/ozg',
      keep: 7,
      cron: '30 2 * * *',
    });
    expect(() => readScheduledBackupConfig({ OZG_BACKUP_DIR: '/x', OZG_BACKUP_KEEP: '0' })).toThrow(
      /OZG_BACKUP_KEEP/,
    );
  });

  it('keeps the newest backups up to the retention count and deletes only its own files', async () => {
    // Retention and naming do not depend on what is backed up: four backups of a migrated, empty
    // database instead of the demo (what a backup holds is checked by the restore tests above).
    const database = await createTestDatabase();
    const dir = join(folder, 'nightly');
    const config = { dir, keep: 2 };
    const nights = ['2026-11-01T02:30:00Z', '2026-11-02T02:30:00Z', '2026-11-03T02:30:00Z'];
    let last = '';
    let result: Awaited<ReturnType<typeof runScheduledBackup>>;
    try {
      for (const night of nights)
        last = (await runScheduledBackup({ database, config, now: new Date(night) })).file;
      writeFileSync(join(dir, 'notiz.txt'), 'nicht löschen');
      result = await runScheduledBackup({ database, config, now: new Date('2026-11-04T02:30:00Z') });
    } finally {
      await database.close();
    }
    expect(readdirSync(dir).sort()).toEqual([
      'notiz.txt',
      'ozg-20261103T023000Z.backup',
      'ozg-20261104T023000Z.backup',
    ]);
    expect(result.deleted.map((file) => file.split('/').at(-1))).toEqual(['ozg-20261102T023000Z.backup']);
    expect((await readBackupHeader(last)).header.kind).toBe(database.kind);
  });
});
