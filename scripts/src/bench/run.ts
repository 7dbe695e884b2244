import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type Database, hashPassword, migrateDb, queryRows } from '@ozg/db';
import { todayInGermany } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { datahubBench, loadDatahubBenchDatabase } from './datahub';
import { generate } from './generate';
import { type HttpMeasure, loadMixed, loadUrl, type Request, type Server, spawnServer } from './http';

/**
 * `pnpm bench`: loads a synthetic Germany (real GV100AD, official catalogue,
 * generated history) and Hessen alone into two fresh PostgreSQL databases
 * (`--scale hessen`: Hessen alone) and measures over real HTTP: the server as
 * `pnpm start` builds it, in a process of its own, loaded with autocannon at
 * 1, 16 and 64 connections beside a bare hello-world (the machine's ceiling),
 * then status writes by several officers and a mixed load of 200 connections.
 * Writes bench/results/<date>.json; bench/README.md holds the table.
 */
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (line: string) => console.log(line);
const STATEMENT_TIMEOUT = '60s';
const RESULTS = new URL('../../../bench/results/', import.meta.url);

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

/**
 * The machine and the PostgreSQL server a result is measured on, read before
 * anything is loaded. Each setting by an aliased `current_setting` and checked:
 * `show shared_buffers` read as column `v` gave "" in results/2026-11-25.json.
 */
async function machineInfo() {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ version: string; shared_buffers: string }>(
      `select version() as version, current_setting('shared_buffers') as shared_buffers`,
    );
    const server = rows[0];
    if (!server?.version || !server.shared_buffers)
      throw new Error('Version oder shared_buffers des PostgreSQL-Servers nicht gelesen.');
    return {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unbekannt',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: server.version,
      sharedBuffers: server.shared_buffers,
    };
  } finally {
    await admin.end();
  }
}

/** Applies to the measurements only (set after loading): no request may take the machine for minutes. */
async function limitStatements(name: string) {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`alter database ${name} set statement_timeout = '${STATEMENT_TIMEOUT}'`);
  await admin.end();
}

/** Officers of one Land for the writes: each edits its own Gemeinde, each connection its own statuses. */
const OFFICERS = 8;
const STATUSES_PER_OFFICER = 25;
const PASSWORD = 'benchmark-passwort-2026';

type Writer = { token: string; statuses: { id: number; version: number }[] };

/** The admin (for the laggards, which name municipalities) and the officers, signed in over HTTP. */
async function signIn(database: Database, server: Server, land: string) {
  const hash = await hashPassword(PASSWORD);
  const user = async (email: string, role: 'admin' | 'officer') => {
    const [row] = await queryRows<{ id: number }>(
      database.db,
      sql`insert into users (email, display_name, role, password_hash)
          values (${email}, ${email}, ${role}, ${hash})
          on conflict ((lower(email))) do update set password_hash = excluded.password_hash, role = excluded.role
          returning id`,
    );
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`Anmeldung für die Messung fehlgeschlagen: ${login.status}`);
    await login.arrayBuffer();
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { id: row?.id as number, token: cookie.slice(cookie.indexOf('=') + 1) };
  };
  const admin = await user('bench@example.de', 'admin');
  // The Gemeinden with the most statuses below Reifegrad 3, one per officer.
  const gemeinden = await queryRows<{ region_id: number }>(
    database.db,
    sql`select st.region_id from service_statuses st
        join region_versions v on v.region_id = st.region_id and v.valid_to is null
        where v.ags like ${`${land}%`} and st.maturity_level < 3
        group by st.region_id having count(*) >= ${STATUSES_PER_OFFICER} order by st.region_id limit ${OFFICERS}`,
  );
  const writers: Writer[] = [];
  for (const [index, gemeinde] of gemeinden.entries()) {
    const officer = await user(`bench-officer-${index + 1}@example.de`, 'officer');
    await database.db.execute(
      sql`insert into user_regions (user_id, region_id) values (${officer.id}, ${gemeinde.region_id}) on conflict do nothing`,
    );
    const statuses = await queryRows<{ id: number; version: number }>(
      database.db,
      sql`select id, version from service_statuses where region_id = ${gemeinde.region_id} and maturity_level < 3
          order by id limit ${STATUSES_PER_OFFICER}`,
    );
    writers.push({ token: officer.token, statuses });
  }
  return { admin: admin.token, writers };
}

/**
 * A status write over HTTP, as an officer's browser sends it: each moves its
 * status between Reifegrad 2 and 3 (online after the deadline), the full path
 * with event, rollup, the totals of Gemeinde, Kreis, Bezirk and Land, their
 * histograms and snapshots. The version comes from the last answer (a 409
 * carries the current one).
 */
function writeRequest(writers: Writer[], kind = 'write'): Request {
  let next = 0;
  /**
   * What each status holds now, kept beside autocannon's contexts: autocannon resets a connection's
   * context after each pass through its request list (after every request of a write-only load), so
   * a version or an on/off turn kept there was lost, every later write sent a stale version (409),
   * and one that was not stale set the state it already had (no change, no write).
   */
  const state = new Map<number, { version: number; online: boolean }>();
  for (const writer of writers)
    for (const status of writer.statuses) state.set(status.id, { version: status.version, online: false });
  return {
    kind,
    method: 'PATCH',
    setup: (context) => {
      // A status per request, in turn over all writers' statuses, so no two connections write one at once.
      const slot = next++;
      const writer = writers[slot % writers.length] as Writer;
      const { id } = writer.statuses[Math.floor(slot / writers.length) % writer.statuses.length] as {
        id: number;
      };
      const current = state.get(id) as { version: number; online: boolean };
      context.statusId = id;
      return {
        path: `/api/v1/statuses/${id}`,
        body: JSON.stringify({
          version: current.version,
          ...(current.online
            ? { maturityLevel: 2, onlineSince: null, workflowState: 'in_progress' }
            : { maturityLevel: 3, onlineSince: '2024-05-02', workflowState: 'online' }),
        }),
        headers: { authorization: `Bearer ${writer.token}` },
      };
    },
    headers: { 'content-type': 'application/json' },
    onResponse: (status, body, context) => {
      const current = state.get(context.statusId as number);
      if (!current) return;
      try {
        const parsed = JSON.parse(body);
        if (status === 200) {
          current.version = parsed.version;
          current.online = parsed.maturityLevel >= 3;
        } else if (status === 409) current.version = parsed.error.details.current[0].version;
      } catch {
        // An answer without a body (a cut connection) leaves the version; the next 409 brings it.
      }
    },
  };
}

/** conditional: sent with the ETag of the warm-up in If-None-Match, so the answers are 304 (counted, not failures). */
type Endpoint = {
  name: string;
  path: string;
  signedIn?: boolean;
  conditional?: boolean;
  /** Each request asks for another day (`asOf=` appended, cycling back from yesterday): no answer is cached. */
  everyDayNew?: boolean;
};

/** Days back from yesterday, one per request of an `everyDayNew` load, to 1 January 2021. */
function daysBack(count: number): string[] {
  const days: string[] = [];
  const day = new Date(`${todayInGermany()}T00:00:00Z`);
  for (let index = 0; index < count && day.toISOString() > '2021-01-01'; index++) {
    day.setUTCDate(day.getUTCDate() - 1);
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

function endpoints(land: string, kreis: string, ozgId: number): Endpoint[] {
  return [
    { name: 'Betriebszustand /health', path: '/api/v1/health' },
    { name: `Land-Fortschritt (${land})`, path: `/api/v1/regions/${land}/progress` },
    {
      name: `Land-Fortschritt bedingt (${land}, If-None-Match → 304)`,
      path: `/api/v1/regions/${land}/progress`,
      conditional: true,
    },
    {
      name: `Land-Fortschritt zum Stichtag (${land}, asOf)`,
      path: `/api/v1/regions/${land}/progress?asOf=2024-06-30`,
    },
    { name: `Untergeordnete Gebiete (${land})`, path: `/api/v1/regions/${land}/children/progress` },
    { name: `Zeitreihe eines Kreises (${kreis})`, path: `/api/v1/regions/${kreis}/progress/series` },
    { name: `Zeitreihe des Landes (${land})`, path: `/api/v1/regions/${land}/progress/series` },
    {
      name: `Verbreitung einer Leistung (${land})`,
      path: `/api/v1/services/${ozgId}/coverage?region=${land}`,
    },
    { name: 'Suche „Bau“', path: '/api/v1/search?q=Bau' },
    { name: `Nachzügler (${land}, angemeldet)`, path: `/api/v1/regions/${land}/laggards`, signedIn: true },
    // The same figures by Reifegradmodell 2.0 (issue #14): totals, snapshots and the live count of a service.
    { name: `Land-Fortschritt nach 2.0 (${land})`, path: `/api/v1/regions/${land}/progress?model=2.0` },
    {
      name: `Land-Fortschritt nach 2.0 zum Stichtag (${land}, asOf)`,
      path: `/api/v1/regions/${land}/progress?model=2.0&asOf=2026-03-31`,
    },
    {
      name: `Land-Fortschritt zum Stichtag, jeder Tag neu (${land}, asOf, erste Abfrage)`,
      path: `/api/v1/regions/${land}/progress`,
      everyDayNew: true,
    },
    {
      name: `Untergeordnete Gebiete nach 2.0 (${land})`,
      path: `/api/v1/regions/${land}/children/progress?model=2.0`,
    },
    {
      name: `Zeitreihe des Landes nach 2.0 (${land})`,
      path: `/api/v1/regions/${land}/progress/series?model=2.0`,
    },
    {
      name: `Verbreitung einer Leistung nach 2.0 (${land})`,
      path: `/api/v1/services/${ozgId}/coverage?region=${land}&model=2.0`,
    },
    {
      name: `Nachzügler nach 2.0 (${land}, angemeldet)`,
      path: `/api/v1/regions/${land}/laggards?model=2.0`,
      signedIn: true,
    },
  ];
}

export type Flags = {
  seconds: number;
  mixedSeconds: number;
  connections: number[];
  poolSize?: number;
  /** Only the reads whose name contains one of these (`--only health,Nachzügler`); no writes, no mixed load. */
  only?: string[];
  /** `--writes-only`: no reads, only the writes by the officers and the mixed load. */
  writesOnly?: boolean;
};

/**
 * A first read of a Stichtag: every request names a day that no request to this server named before
 * (`unasked`, one list per server: from yesterday back to 2021), so the response cache never answers.
 * Once the list is used up the requests repeat 2021-01-01, and `requests` beyond the list are cached.
 */
async function loadEveryDayNew(
  url: string,
  endpoint: Endpoint,
  unasked: string[],
  connections: number,
  seconds: number,
): Promise<HttpMeasure> {
  let asked = 0;
  const separator = endpoint.path.includes('?') ? '&' : '?';
  const result = await loadMixed({
    url,
    connections,
    // A first read of a large Land can take seconds: long enough that a connection gets answers.
    seconds: Math.max(seconds, 20),
    requests: [
      {
        kind: 'read',
        setup: () => ({ path: `${endpoint.path}${separator}asOf=${unasked.shift() ?? '2021-01-01'}` }),
        onResponse: () => {
          asked++;
        },
      },
    ],
  });
  const read = result.byKind.read;
  return {
    name: endpoint.name,
    connections,
    seconds: Math.round(result.seconds),
    requests: asked,
    perSecond: read?.perSecond ?? 0,
    p50: read?.p50 ?? Number.NaN,
    p95: read?.p95 ?? Number.NaN,
    p99: read?.p99 ?? Number.NaN,
    errors: result.errors,
    non2xx: read?.failed ?? 0,
  };
}

async function suite(
  dbName: string,
  land: string,
  kreis: string,
  label: string,
  hello: Map<number, number>,
  flags: Flags,
) {
  const database = await createDb({ kind: 'postgres', url: databaseUrl(dbName), poolSize: 2 });
  const server = await spawnServer('app', {
    BENCH_DATABASE_URL: databaseUrl(dbName),
    ...(flags.poolSize ? { BENCH_POOL_SIZE: String(flags.poolSize) } : {}),
  });
  try {
    const [service] = await queryRows<{ ozg_id: number }>(
      database.db,
      sql`select ozg_id from ozg_services where municipally_relevant order by ozg_id limit 1`,
    );
    const { admin, writers } = await signIn(database, server, land);
    const signedIn = { authorization: `Bearer ${admin}` };
    log(`${label}:`);
    const reads: HttpMeasure[] = [];
    const unasked = daysBack(3_000);
    const selected = endpoints(land, kreis, service?.ozg_id as number).filter(
      (endpoint) => !flags.only || flags.only.some((part) => endpoint.name.includes(part)),
    );
    for (const endpoint of flags.writesOnly ? [] : selected) {
      // Warm up: plans, caches, the JIT.
      const warm = await fetch(`${server.url}${endpoint.path}`, {
        headers: endpoint.signedIn ? signedIn : {},
      });
      if (!warm.ok)
        throw new Error(`${endpoint.path}: HTTP ${warm.status} ${(await warm.text()).slice(0, 200)}`);
      await warm.arrayBuffer();
      const etag = warm.headers.get('etag');
      const headers = {
        ...(endpoint.signedIn ? signedIn : {}),
        ...(endpoint.conditional && etag ? { 'if-none-match': etag } : {}),
      };
      for (const connections of flags.connections) {
        const measured = endpoint.everyDayNew
          ? await loadEveryDayNew(server.url, endpoint, unasked, connections, flags.seconds)
          : await loadUrl({
              name: endpoint.name,
              url: `${server.url}${endpoint.path}`,
              connections,
              seconds: flags.seconds,
              headers,
            });
        if (endpoint.conditional) measured.non2xx = 0;
        const base = hello.get(connections);
        if (base) measured.ratio = Math.round((measured.perSecond / base) * 1000) / 1000;
        reads.push(measured);
        logMeasure(measured);
      }
    }
    if (flags.only)
      return {
        reads,
        writes: { seconds: 0, errors: 0, byKind: {} },
        mixed: { seconds: 0, errors: 0, byKind: {} },
      };
    // One writer state for both loads: the mixed load goes on from the versions the writes left.
    const writes = writeRequest(writers);
    const written = await loadMixed({
      url: server.url,
      connections: writers.length,
      seconds: flags.seconds,
      requests: [writes],
    });
    log(`  Schreiben, ${writers.length} Sachbearbeiter eines Landes: ${JSON.stringify(written.byKind)}`);
    const readPaths = endpoints(land, kreis, service?.ozg_id as number).filter(
      // The same nine reads as before the first-read measure existed, so that runs stay comparable.
      (e) => !e.signedIn && !e.conditional && !e.everyDayNew,
    );
    const mixedRequests: Request[] = [];
    for (let index = 0; index < 9; index++) {
      const endpoint = readPaths[index % readPaths.length] as Endpoint;
      mixedRequests.push({ kind: 'read', path: endpoint.path });
    }
    mixedRequests.push(writes);
    const mixed = await loadMixed({
      url: server.url,
      connections: 200,
      seconds: flags.mixedSeconds,
      requests: mixedRequests,
    });
    log(`  Gemischt, 200 Verbindungen, 10 % Schreiben: ${JSON.stringify(mixed)}`);
    return { reads, writes: written, mixed };
  } finally {
    await server.stop();
    await database.close();
  }
}

function logMeasure(m: HttpMeasure) {
  log(
    `  ${m.name.padEnd(46)} c=${String(m.connections).padStart(2)} ${String(m.perSecond).padStart(6)}/s` +
      `${m.ratio !== undefined ? ` (${m.ratio}x)` : ''}  p50 ${m.p50}  p95 ${m.p95}  p99 ${m.p99} ms` +
      `${m.errors || m.non2xx ? `  Fehler ${m.errors}, nicht 2xx ${m.non2xx}` : ''}`,
  );
}

type SuiteResult = Awaited<ReturnType<typeof suite>>;

/** The table for bench/README.md: req/s (ratio to hello-world) and p50/p95/p99 per number of connections. */
function markdownTable(result: SuiteResult, connections: number[]): string {
  const lines = [
    `| Messung | ${connections.map((c) => `${c} Verb.: req/s (x Hello) · p50/p95/p99 ms`).join(' | ')} |`,
    `| --- | ${connections.map(() => '---').join(' | ')} |`,
  ];
  const names = [...new Set(result.reads.map((m) => m.name))];
  for (const name of names) {
    const cells = connections.map((c) => {
      const m = result.reads.find((r) => r.name === name && r.connections === c);
      if (!m) return '';
      const failures = m.errors || m.non2xx ? ` (Fehler ${m.errors + m.non2xx})` : '';
      return `${m.perSecond} (${m.ratio ?? '–'}x) · ${m.p50} / ${m.p95} / ${m.p99}${failures}`;
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  const w = result.writes.byKind.write;
  if (w)
    lines.push(
      `| Schreiben, ${OFFICERS} Sachbearbeiter | ${w.perSecond}/s · ${w.p50} / ${w.p95} / ${w.p99} (abgelehnt ${w.failed}) | | |`,
    );
  for (const [kind, k] of Object.entries(result.mixed.byKind))
    lines.push(
      `| Gemischt 200 Verb., ${kind === 'write' ? 'Schreiben' : 'Lesen'} | ${k.perSecond}/s · ${k.p50} / ${k.p95} / ${k.p99} (Fehler ${k.failed}, Verbindungsfehler ${result.mixed.errors}) | | |`,
    );
  return lines.join('\n');
}

/**
 * `pnpm bench --reuse` measures again on the databases of the last run (loading
 * Germany takes about half an hour); the results file then keeps that run's
 * load figures. `--scale hessen` loads and measures Hessen alone (50 s),
 * without the national database.
 */
async function load(scale: Scale): Promise<{ germany?: unknown; hessen: unknown; reusedFrom?: string }> {
  if (process.argv.includes('--reuse')) {
    // The newest run over HTTP at this scale by its own date (not by file name: a tag sorts after the
    // date, and the Data Hub and dead-tuple files are other benchmarks), and the load it did or reused.
    const runs = readdirSync(RESULTS)
      .filter((name) => name.endsWith('.json'))
      .map((name) => ({ name, run: JSON.parse(readFileSync(new URL(name, RESULTS), 'utf8')) }))
      .filter(({ run }) => run.transport === 'http' && run.scale === scale && run.load)
      .sort((a, b) => String(a.run.date).localeCompare(String(b.run.date)));
    const previous = runs.at(-1);
    log(`Datenbanken des letzten Laufs (${previous?.name ?? 'unbekannt'}) werden wiederverwendet.`);
    return previous
      ? { reusedFrom: previous.run.load.reusedFrom ?? previous.name, ...previous.run.load }
      : { hessen: 'wiederverwendet, Ladezeit unbekannt' };
  }
  let germanyLoad: unknown;
  if (scale === 'germany') {
    log('Deutschland (alle Länder) laden …');
    const germany = await freshDatabase('ozg_bench_de');
    germanyLoad = await generate(germany, { log });
    await germany.close();
    await limitStatements('ozg_bench_de');
  }
  log('Hessen allein laden …');
  const hessen = await freshDatabase('ozg_bench_he');
  const hessenLoad = await generate(hessen, { land: '06', log });
  // New connections pick up the limit; the servers open their own pools for the measurements.
  await hessen.close();
  await limitStatements('ozg_bench_he');
  return { ...(germanyLoad ? { germany: germanyLoad } : {}), hessen: hessenLoad };
}

type Scale = 'germany' | 'hessen';

/**
 * Writes a run's results as `<base>[-<tag>].json` in bench/results, in Biome's format (the file is
 * committed), and never over an earlier run's file: a second run of the day gets `-2`, `-3`, ….
 * `--tag` names a run of a series (before/after).
 */
function writeResults(base: string, results: unknown): string {
  mkdirSync(RESULTS, { recursive: true });
  const tag = flag('tag');
  const stem = `${base}${tag ? `-${tag}` : ''}`;
  let path = fileURLToPath(new URL(`${stem}.json`, RESULTS));
  for (let run = 2; existsSync(path); run++) path = fileURLToPath(new URL(`${stem}-${run}.json`, RESULTS));
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  // From the repository root: Biome reads its configuration and the git ignore file there.
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  execFileSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', path], { cwd: root });
  return path;
}

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function databaseUrl(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

const round1 = (value: number) => Math.round(value * 100) / 100;

async function main() {
  const startedAt = new Date();
  const scale = (flag('scale') ?? 'germany') as Scale;
  if (scale !== 'germany' && scale !== 'hessen') throw new Error('--scale: germany oder hessen');
  if (process.argv.includes('--datahub')) return datahubMain(startedAt, scale);
  const poolSize = flag('pool');
  const only = flag('only');
  const flags: Flags = {
    seconds: Number(flag('seconds') ?? 10),
    mixedSeconds: Number(flag('mixed-seconds') ?? 60),
    connections: (flag('connections') ?? '1,16,64').split(',').map(Number),
    ...(poolSize ? { poolSize: Number(poolSize) } : {}),
    ...(only ? { only: only.split(',') } : {}),
    ...(process.argv.includes('--writes-only') ? { writesOnly: true } : {}),
  };
  const loadBefore = loadavg().map(round1);
  const machine = await machineInfo();
  const loaded = await load(scale);
  // The ceiling: a bare Hono hello-world on @hono/node-server, in a process of its own like the app.
  const helloServer = await spawnServer('hello');
  const hello = new Map<number, number>();
  const helloMeasures: HttpMeasure[] = [];
  log('Hello World (Obergrenze dieser Maschine):');
  for (const connections of flags.connections) {
    const measured = await loadUrl({
      name: 'Hello World',
      url: `${helloServer.url}/`,
      connections,
      seconds: flags.seconds,
    });
    hello.set(connections, measured.perSecond);
    helloMeasures.push(measured);
    logMeasure(measured);
  }
  await helloServer.stop();
  const results = {
    date: startedAt.toISOString(),
    transport: 'http',
    scale,
    flags,
    statementTimeout: STATEMENT_TIMEOUT,
    machine: { ...machine, loadAverageBefore: loadBefore },
    load: loaded,
    hello: helloMeasures,
    ...(scale === 'germany'
      ? {
          germany: await suite(
            'ozg_bench_de',
            '09',
            '09184',
            'Deutschland, gemessen an Bayern (größtes Land)',
            hello,
            flags,
          ),
          germanyHessen: await suite(
            'ozg_bench_de',
            '06',
            '06435',
            'Deutschland, gemessen an Hessen',
            hello,
            flags,
          ),
        }
      : {}),
    hessenAlone: await suite('ozg_bench_he', '06', '06435', 'Nur Hessen geladen', hello, flags),
    loadAverageAfter: loadavg().map(round1),
  };
  const file = writeResults(
    `${startedAt.toISOString().slice(0, 10)}${scale === 'hessen' ? '-hessen' : ''}`,
    results,
  );
  log(`Ergebnisse: ${file}`);
  log('');
  log(`Last (1/5/15 min) vorher ${loadBefore.join(' / ')}, nachher ${results.loadAverageAfter.join(' / ')}`);
  log(markdownTable(results.hessenAlone, flags.connections));
}

/**
 * `--datahub`: the reconciliation with the Data Hub (datahub.ts) on a database
 * of its own (`ozg_bench_dh_de`, `ozg_bench_dh_he`), kept for `--reuse`.
 */
async function datahubMain(startedAt: Date, scale: Scale) {
  const name = scale === 'hessen' ? 'ozg_bench_dh_he' : 'ozg_bench_dh_de';
  const loadBefore = loadavg().map(round1);
  const machine = await machineInfo();
  let loaded: unknown = 'wiederverwendet';
  let database: Database;
  if (process.argv.includes('--reuse')) {
    database = await createDb({ kind: 'postgres', url: databaseUrl(name), poolSize: 4 });
    await migrateDb(database);
    try {
      loaded = JSON.parse(readFileSync(join(tmpdir(), `${name}-load.json`), 'utf8'));
    } catch {
      // Loaded before --load-only wrote its figures: unknown.
    }
    await database.db.execute(sql`delete from datahub_imports`);
    await database.db.execute(sql`delete from datahub_region_counts`);
    log(`Datenbank ${name} wird wiederverwendet (Data-Hub-Importe geleert).`);
  } else {
    log(`${scale === 'hessen' ? 'Hessen' : 'Deutschland'} laden (Gebiete, Katalog, Endstand) …`);
    database = await freshDatabase(name);
    loaded = await loadDatahubBenchDatabase(database, scale === 'hessen' ? '06' : undefined, log);
    // --load-only: the national load takes a while; measure later with --reuse.
    if (process.argv.includes('--load-only')) {
      writeFileSync(join(tmpdir(), `${name}-load.json`), `${JSON.stringify(loaded)}\n`);
      await database.close();
      return;
    }
  }
  const [counts] = await queryRows<{ gemeinden: number; statuses: number }>(
    database.db,
    sql`select (select count(*) from regions where level = 'gemeinde')::int as gemeinden,
               (select count(*) from service_statuses)::int as statuses`,
  );
  log(`Data Hub (${counts?.gemeinden} Gemeinden, ${counts?.statuses} Status):`);
  let result: unknown;
  try {
    result = await datahubBench({
      database,
      databaseUrl: databaseUrl(name),
      gemeinde: '06435014',
      skipUnchanged: process.argv.includes('--skip-unchanged'),
      log,
    });
  } finally {
    await database.close();
  }
  const results = {
    date: startedAt.toISOString(),
    scale,
    machine: { ...machine, loadAverageBefore: loadBefore },
    database: { name, ...counts, load: loaded },
    datahub: result,
    loadAverageAfter: loadavg().map(round1),
  };
  const file = writeResults(
    `${startedAt.toISOString().slice(0, 10)}-datahub-${scale === 'hessen' ? 'hessen' : 'national'}`,
    results,
  );
  log(`Ergebnisse: ${file}`);
  log(`Last (1/5/15 min) vorher ${loadBefore.join(' / ')}, nachher ${results.loadAverageAfter.join(' / ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
