import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createApp, updateStatuses } from '@ozg/api';
import { createDb, type Database, hashPassword, migrateDb, queryRows } from '@ozg/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { generate } from './generate';

/**
 * `pnpm bench`: loads a synthetic Germany (real GV100AD, official catalogue,
 * generated history) and Hessen alone into two fresh PostgreSQL databases and
 * measures the read endpoints and status writes in process, beside the naive
 * baseline of a GROUP BY over all statuses per request. Writes
 * bench/results/<date>.json; bench/README.md holds the table.
 */
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (line: string) => console.log(line);
const STATEMENT_TIMEOUT = '60s';
const RESULTS = new URL('../../../bench/results/', import.meta.url);

type Measure = {
  name: string;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  note?: string;
};

async function measure(
  name: string,
  run: () => Promise<unknown>,
  options: { iterations: number; budgetMs: number },
): Promise<Measure> {
  try {
    await run(); // warm up: plans, caches
  } catch (error) {
    // The bench databases cancel statements after STATEMENT_TIMEOUT: a request that slow is a finding, not a crash.
    const note = `abgebrochen: ${(error as Error).message.slice(0, 160)}`;
    log(`  ${name.padEnd(48)} ${note}`);
    return { name, samples: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, perSecond: 0, note };
  }
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < options.iterations && performance.now() - started < options.budgetMs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 10) / 10;
  const total = times.reduce((a, b) => a + b, 0);
  const result = {
    name,
    samples: times.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    perSecond: Math.round((times.length / total) * 10000) / 10,
  };
  log(
    `  ${name.padEnd(48)} n=${String(result.samples).padStart(4)}  p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms`,
  );
  return result;
}

async function freshDatabase(name: string): Promise<Database> {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const database = await createDb({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  await migrateDb(database);
  return database;
}

/** Applies to the measurements only (set after loading): no request may take the machine for minutes. */
async function limitStatements(name: string) {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`alter database ${name} set statement_timeout = '${STATEMENT_TIMEOUT}'`);
  await admin.end();
}

async function ok(res: Response) {
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
  await res.arrayBuffer();
}

async function suite(database: Database, land: string, kreis: string, label: string): Promise<Measure[]> {
  const app = createApp(database);
  const get = (path: string) => async () => ok(await app.request(path));
  const [service] = await queryRows<{ ozg_id: number }>(
    database.db,
    sql`select ozg_id from ozg_services where municipally_relevant order by ozg_id limit 1`,
  );
  const [status] = await queryRows<{ id: number }>(
    database.db,
    sql`select st.id from service_statuses st join region_versions v on v.region_id = st.region_id and v.valid_to is null
        where v.ags like ${`${land}%`} and st.maturity_level < 3 limit 1`,
  );
  const password = 'benchmark-passwort-2026';
  await database.db.execute(
    sql`insert into users (email, display_name, role, password_hash)
        values ('bench@example.de', 'Benchmark', 'admin', ${await hashPassword(password)})
        on conflict ((lower(email))) do update set password_hash = excluded.password_hash`,
  );
  // The laggards name municipalities: they are for signed-in users, so the benchmark signs in once.
  const login = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.de', password }),
  });
  if (!login.ok) throw new Error(`Anmeldung für die Messung fehlgeschlagen: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const getSignedIn = (path: string) => async () => ok(await app.request(path, { headers: { cookie } }));
  const [admin] = await queryRows<{ id: number }>(
    database.db,
    sql`select id from users where email = 'bench@example.de'`,
  );
  const actor = {
    id: admin?.id as number,
    email: '',
    displayName: 'Benchmark',
    role: 'admin' as const,
    regions: [],
    editableRegionIds: [],
  };
  // Each write moves the status between Reifegrad 2 and 3 (online after the deadline): the full path with
  // the rollup, the totals of the Gemeinde, Kreis, Regierungsbezirk and Land, their histograms and snapshots.
  let round = 0;
  const write = async () => {
    const [current] = await queryRows<{ version: number }>(
      database.db,
      sql`select version from service_statuses where id = ${status?.id}`,
    );
    round++;
    const online = round % 2 === 1;
    await updateStatuses({
      db: database.db,
      actor,
      updates: [
        {
          id: status?.id as number,
          version: current?.version as number,
          changes: online
            ? { maturityLevel: 3, onlineSince: '2024-05-02', workflowState: 'online' }
            : { maturityLevel: 2, onlineSince: null, workflowState: 'in_progress' },
        },
      ],
      source: 'api',
    });
  };
  const naive = async () =>
    queryRows(
      database.db,
      sql`select count(*) filter (where st.in_target) as target, count(*) filter (where st.in_target and st.maturity_level >= 3) as konform
          from service_statuses st join region_versions v on v.region_id = st.region_id and v.valid_to is null
          where v.ags like ${`${land}%`}`,
    );
  const fast = { iterations: 200, budgetMs: 30_000 };
  log(`${label}:`);
  return [
    await measure(`Land-Fortschritt (${land})`, get(`/api/v1/regions/${land}/progress`), fast),
    await measure(`Naive Basis: GROUP BY über alle Status (${land})`, naive, fast),
    await measure(
      `Untergeordnete Gebiete im Vergleich (${land})`,
      get(`/api/v1/regions/${land}/children/progress`),
      fast,
    ),
    await measure(
      `Verbreitung einer Leistung (${land})`,
      get(`/api/v1/services/${service?.ozg_id}/coverage?region=${land}`),
      fast,
    ),
    await measure(
      `Zeitreihe eines Kreises (${kreis})`,
      get(`/api/v1/regions/${kreis}/progress/series`),
      fast,
    ),
    await measure(`Zeitreihe des Landes (${land})`, get(`/api/v1/regions/${land}/progress/series`), fast),
    await measure(
      `Nachzügler gegenüber Vergleichsgruppen (${land})`,
      getSignedIn(`/api/v1/regions/${land}/laggards`),
      fast,
    ),
    await measure('Status ändern (Reifegrad 2 ↔ 3: Ereignis, Rollup, Summen, Tagesstand)', write, fast),
  ];
}

/** The table for bench/README.md. */
function markdownTable(results: {
  germany: Measure[];
  germanyHessen: Measure[];
  hessenAlone: Measure[];
}): string {
  const cell = (m: Measure | undefined) =>
    m ? (m.samples ? `${m.p50} / ${m.p95} / ${m.p99}` : `– (${m.note ?? ''})`) : '';
  const lines = [
    '| Messung | Deutschland (Bayern) p50/p95/p99 ms | Deutschland (Hessen) p50/p95/p99 ms | nur Hessen p50/p95/p99 ms |',
    '| --- | --- | --- | --- |',
  ];
  results.germany.forEach((measureDe, index) => {
    lines.push(
      `| ${measureDe.name.replace(/ \(\d+\)$/, '')} | ${cell(measureDe)} | ${cell(results.germanyHessen[index])} | ${cell(results.hessenAlone[index])} |`,
    );
  });
  return lines.join('\n');
}

/**
 * `pnpm bench --reuse` measures again on the databases of the last run (loading
 * Germany takes about half an hour); the results file then keeps that run's
 * load figures.
 */
async function load(): Promise<{ germany: unknown; hessen: unknown }> {
  if (process.argv.includes('--reuse')) {
    const previous = readdirSync(RESULTS)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .at(-1);
    if (!previous)
      throw new Error('--reuse: noch kein Ergebnis in bench/results, also keine geladenen Datenbanken.');
    log(`Datenbanken des letzten Laufs (${previous}) werden wiederverwendet.`);
    return JSON.parse(readFileSync(new URL(previous, RESULTS), 'utf8')).load;
  }
  log('Deutschland (alle Länder) laden …');
  const germany = await freshDatabase('ozg_bench_de');
  const germanyLoad = await generate(germany, { log });
  log('Hessen allein laden …');
  const hessen = await freshDatabase('ozg_bench_he');
  const hessenLoad = await generate(hessen, { land: '06', log });
  // New connections pick up the limit; the pools are reopened for the measurements.
  await germany.close();
  await hessen.close();
  await limitStatements('ozg_bench_de');
  await limitStatements('ozg_bench_he');
  return { germany: germanyLoad, hessen: hessenLoad };
}

async function main() {
  const startedAt = new Date();
  const loaded = await load();
  const reopen = (name: string) => {
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    return createDb({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  };
  const germanyDb = await reopen('ozg_bench_de');
  const hessenDb = await reopen('ozg_bench_he');
  const results = {
    date: startedAt.toISOString(),
    statementTimeout: STATEMENT_TIMEOUT,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unbekannt',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: (await queryRows<{ v: string }>(germanyDb.db, sql`select version() as v`))[0]?.v ?? '',
      sharedBuffers: (await queryRows<{ v: string }>(germanyDb.db, sql`show shared_buffers`))[0]?.v ?? '',
    },
    load: loaded,
    germany: await suite(germanyDb, '09', '09184', 'Deutschland, gemessen an Bayern (größtes Land)'),
    germanyHessen: await suite(germanyDb, '06', '06435', 'Deutschland, gemessen an Hessen'),
    hessenAlone: await suite(hessenDb, '06', '06435', 'Nur Hessen geladen'),
  };
  await germanyDb.close();
  await hessenDb.close();
  mkdirSync(RESULTS, { recursive: true });
  const file = new URL(`${startedAt.toISOString().slice(0, 10)}.json`, RESULTS);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`Ergebnisse: ${file.pathname}`);
  log('');
  log(markdownTable(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
