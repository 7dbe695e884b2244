import { sql } from 'drizzle-orm';
import { BackupError } from './backup';
import { type Checksums, isDatabaseEmpty, listTables, quoteTable, tableChecksums } from './checksums';
import { createDb, type Database, type Db, queryRows } from './client';
import { migrateDb, readMigrationState } from './migrate';

/** Rows per statement: one jsonb parameter each (see decision 001 on binding many values). */
const BATCH_ROWS = 5_000;

export type MigrateToResult = { tables: Checksums; rows: number };

/**
 * Copies every row of the embedded database into a PostgreSQL server
 * (decision 015): the target is migrated to the same version, then filled in
 * one transaction, table by table in the order of their foreign keys, with
 * identity values and sequences as they were; before it commits, every table's
 * row count and checksum must equal the source's, else nothing is kept.
 * A target with data is refused unless `force` (then it is emptied in the same
 * transaction).
 */
export async function migrateToServer({
  source,
  targetUrl,
  force = false,
  progress,
}: {
  source: Database;
  targetUrl: string;
  force?: boolean;
  progress?: (table: string, rows: number) => void;
}): Promise<MigrateToResult> {
  if (source.kind !== 'pglite')
    throw new BackupError('migrate-to kopiert die eingebettete Datenbank; konfiguriert ist ein Server.');
  const target = await createDb({ kind: 'postgres', url: targetUrl, poolSize: 2 });
  try {
    await migrateDb(source);
    await migrateDb(target);
    const [from, to] = [await readMigrationState(source), await readMigrationState(target)];
    if (from.applied !== to.applied)
      throw new BackupError(
        `Migrationsstand verschieden: Quelle ${from.latest}, Ziel ${to.latest}. Bitte das Programm aktualisieren.`,
      );
    if (!force && !(await isDatabaseEmpty(target.db)))
      throw new BackupError('Die Zieldatenbank enthält bereits Daten. Mit --force werden sie ersetzt.');

    const tables = await copyOrder(source.db);
    const expected = await tableChecksums(source.db, ['public']);
    let copied = 0;
    await target.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      await db.execute(sql`set local timezone = 'UTC'`);
      // Truncating events needs their append-only trigger lifted; ALTER TABLE is transactional.
      await db.execute(sql`alter table status_events disable trigger user`);
      await db.execute(sql.raw(`truncate ${tables.map(quoteTable).join(', ')} restart identity cascade`));
      await db.execute(sql`alter table status_events enable trigger user`);
      for (const table of tables) {
        const rows = await copyTable(source.db, db, table);
        copied += rows;
        progress?.(table, rows);
      }
      await copySequences(source.db, db);
      const actual = await tableChecksums(db, ['public']);
      const differing = Object.keys(expected).filter(
        (table) =>
          actual[table]?.rows !== expected[table]?.rows || actual[table]?.md5 !== expected[table]?.md5,
      );
      if (differing.length > 0 || Object.keys(actual).length !== Object.keys(expected).length) {
        throw new BackupError(
          `Prüfsummen verschieden in ${differing.join(', ') || 'der Tabellenliste'}; auf dem Server wurde nichts gespeichert.`,
        );
      }
    });
    return { tables: expected, rows: copied };
  } finally {
    await target.close();
  }
}

/** The public tables, each after the tables it references (a table may reference itself). */
async function copyOrder(db: Db): Promise<string[]> {
  const tables = await listTables(db, ['public']);
  const edges = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select 'public.' || c.relname as child, 'public.' || p.relname as parent
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_class p on p.oid = k.confrelid
        where k.contype = 'f' and c.relnamespace = 'public'::regnamespace and c.oid <> p.oid`,
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    if (visiting.has(table)) throw new Error(`Zyklische Fremdschlüssel bei ${table}`);
    visiting.add(table);
    for (const edge of edges) if (edge.child === table) visit(edge.parent);
    visiting.delete(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

/**
 * Copies one table in batches of rows as JSON. A table that references
 * itself (undone change sets) goes in one statement, because foreign keys are
 * checked at the end of each statement and a batch could name a later row.
 */
async function copyTable(source: Db, target: Db, table: string): Promise<number> {
  const columns = (
    await queryRows<{ name: string }>(
      source,
      sql`select attname as name from pg_attribute
          where attrelid = ${table}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
          order by attnum`,
    )
  ).map((column) => `"${column.name}"`);
  const [selfReference] = await queryRows<{ any: boolean }>(
    source,
    sql`select exists (select 1 from pg_constraint where contype = 'f' and conrelid = ${table}::regclass
        and confrelid = conrelid) as any`,
  );
  const batch = selfReference?.any ? Number.MAX_SAFE_INTEGER : BATCH_ROWS;
  const list = columns.join(', ');
  let copied = 0;
  // A cursor reads the table once, each row as JSON text from the server itself (no round trip
  // through JavaScript types); PGlite runs on one connection, so nothing writes meanwhile.
  await source.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await db.execute(sql`set local timezone = 'UTC'`);
    await db.execute(
      sql.raw(
        `declare copy_rows no scroll cursor for select row_to_json(t)::text as row from (select ${list} from ${quoteTable(table)}) t`,
      ),
    );
    for (;;) {
      const rows = await queryRows<{ row: string }>(
        db,
        sql.raw(`fetch ${batch === Number.MAX_SAFE_INTEGER ? 'all' : batch} from copy_rows`),
      );
      if (rows.length === 0) break;
      const payload = `[${rows.map((row) => row.row).join(',')}]`;
      await target.execute(
        sql`insert into ${sql.raw(`${quoteTable(table)} (${list})`)} overriding system value
            select ${sql.raw(list)} from json_populate_recordset(null::${sql.raw(quoteTable(table))}, ${payload}::json)`,
      );
      copied += rows.length;
      if (rows.length < batch) break;
    }
    await db.execute(sql`close copy_rows`);
  });
  return copied;
}

/** Sets every sequence of the target to the source's position, so new ids continue where they were. */
async function copySequences(source: Db, target: Db): Promise<void> {
  const sequences = await queryRows<{ name: string }>(
    source,
    sql`select 'public.' || relname as name from pg_class where relkind = 'S' and relnamespace = 'public'::regnamespace`,
  );
  for (const { name } of sequences) {
    const [state] = await queryRows<{ last_value: string; is_called: boolean }>(
      source,
      sql.raw(`select last_value::text, is_called from ${quoteTable(name)}`),
    );
    if (!state) continue;
    await target.execute(
      sql`select setval(${quoteTable(name)}::regclass, ${state.last_value}::bigint, ${state.is_called})`,
    );
  }
}
