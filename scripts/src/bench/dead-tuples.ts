import { loadavg } from 'node:os';
import { createApp } from '@ozg/api';
import { createDb, type Database, migrateDb, queryRows } from '@ozg/db';
import { DEMO_USERS, seedDemo } from '@ozg/db/demo';
import { sql } from 'drizzle-orm';
import pg from 'pg';

/**
 * Dead rows of the tables every status write updates in place, with and
 * without the storage parameters of migration 0018 (decision 005), on a
 * PostgreSQL server: `tsx scripts/src/bench/dead-tuples.ts [writes]` (default
 * 1000). Seeds the demo into a fresh database, then per variant a copy of it:
 * `defaults` (the parameters reset, as before 0018) and `0018`; each rewritten
 * by VACUUM FULL (a fresh install fills these tables after the migration),
 * then the same sequence of writes in process (`app.request`, PATCH as the
 * demo officer of one Gemeinde, alternating Reifegrad 2 and 3), then the
 * table statistics and the buffers of reading Hessen's totals. Drops its
 * databases at the end.
 */
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WRITES = Number(process.argv[2] ?? 1000);
const TABLES = [
  'region_totals',
  'region_rollups',
  'region_model_totals',
  'region_model_rollups',
  'progress_snapshots',
  'instance_state',
];
const urlOf = (name: string) => {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
};
async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const base = `ozg_dead_${process.pid}`;
await admin((c) => c.query(`create database ${base}`));
const names = [base];
try {
  const seeded = await createDb({ kind: 'postgres', url: urlOf(base) });
  await migrateDb(seeded);
  await seedDemo({ database: seeded });
  await seeded.close();
  const results: Record<string, unknown>[] = [];
  for (const variant of ['defaults', '0018'] as const) {
    const name = `${base}_${variant === 'defaults' ? 'def' : 'new'}`;
    names.push(name);
    await admin((c) => c.query(`create database ${name} template ${base}`));
    const database = await createDb({ kind: 'postgres', url: urlOf(name) });
    for (const table of TABLES) {
      if (variant === 'defaults')
        await database.exec(
          `alter table ${table} reset (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_analyze_scale_factor)`,
        );
      await database.exec(`vacuum full analyze ${table}`);
    }
    await database.exec('select pg_stat_reset()');
    results.push({ variant, ...(await writeAndMeasure(database)) });
    await database.close();
  }
  console.log(
    JSON.stringify({ writes: WRITES, loadavg: loadavg().map((v) => v.toFixed(2)), results }, null, 2),
  );
} finally {
  await admin(async (c) => {
    for (const name of names.reverse()) await c.query(`drop database if exists ${name} with (force)`);
  });
}

async function writeAndMeasure(database: Database) {
  const app = createApp(database, {});
  const officer = DEMO_USERS.find((user) => user.email === 'kommune@demo.example');
  if (!officer) throw new Error('Demo-Sachbearbeiterin fehlt');
  const login = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: officer.email, password: officer.password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const token = cookie.slice(cookie.indexOf('=') + 1);
  const statuses = await queryRows<{ id: number; version: number }>(
    database.db,
    sql`select st.id, st.version from service_statuses st
        join region_versions v on v.region_id = st.region_id and v.valid_to is null
        where v.ags = '06435901' and st.maturity_level < 3 order by st.id limit 20`,
  );
  const started = Date.now();
  let failed = 0;
  for (let i = 0; i < WRITES; i++) {
    const status = statuses[i % statuses.length] as { id: number; version: number };
    const online = Math.floor(i / statuses.length) % 2 === 0;
    const res = await app.request(`/api/v1/statuses/${status.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        version: status.version,
        ...(online
          ? { maturityLevel: 3, onlineSince: '2024-05-02', workflowState: 'online' }
          : { maturityLevel: 2, onlineSince: null, workflowState: 'in_progress' }),
      }),
    });
    const body = (await res.json()) as { version?: number };
    if (res.status === 200 && body.version) status.version = body.version;
    else failed++;
  }
  const seconds = (Date.now() - started) / 1000;
  // The statistics reach the views within a second of a transaction's end.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const tables = await queryRows<Record<string, unknown>>(
    database.db,
    sql`select relname as table, n_live_tup::int as live, n_dead_tup::int as dead, n_tup_upd::int as updates,
          n_tup_hot_upd::int as hot, pg_relation_size(relid)::int / 8192 as pages,
          autovacuum_count::int as autovacuums
        from pg_stat_user_tables where relname = any(${`{${TABLES.join(',')}}`}::text[]) order by relname`,
  );
  const buffers = async (query: string) => {
    const rows = await queryRows<{ 'QUERY PLAN': unknown }>(
      database.db,
      sql.raw(`explain (analyze, buffers, format json) ${query}`),
    );
    const plan = (rows[0]?.['QUERY PLAN'] as [{ Plan: Record<string, number> }] | undefined)?.[0].Plan ?? {};
    return { shared: (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0) };
  };
  const land = `(select region_id from region_versions where ags = '06' and valid_to is null)`;
  return {
    seconds: Number(seconds.toFixed(1)),
    failed,
    tables,
    readLandTotalsBuffers: await buffers(`select * from region_totals where region_id = any(array(${land}))`),
    readAllTotalsBuffers: await buffers('select count(*), sum(level3) from region_totals'),
    readLandRollupsBuffers: await buffers(
      `select * from region_rollups where region_id = any(array(${land}))`,
    ),
  };
}
