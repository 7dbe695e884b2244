import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, hashPassword, queryRows } from '@ozg/db';
import { importCatalog, importDatahub, importGv100 } from '@ozg/db/importers';
import { sql } from 'drizzle-orm';
import { OFFICIAL_DATA } from './generate';
import { type Server, spawnServer } from './http';

/*
 * `pnpm bench --datahub [--scale hessen] [--reuse]`: the reconciliation with the
 * federal Data Hub (decision 021) at national scale. The database holds the
 * real GV100AD and the official catalogue (a status per Gemeinde and
 * municipally relevant service) with a final state per status, no history
 * (the reconciliation reads the current statuses only). The Data Hub export is
 * generated at bench time into a temporary directory, as JSON pages of GET
 * /v1/data (10,000 records each), one record per status except the online
 * ones missing at the Bund, so every kind of difference occurs; it is removed
 * afterwards and never committed. Measured: the import (parse, match, store)
 * as `pnpm ozg import datahub` runs it, a second import of the same pages
 * (unchanged, nothing stored), and over HTTP the ministry's per-Kreis view,
 * the differences of one Gemeinde and a decision commit (accepting one
 * Gemeinde's URL differences in bulk).
 */

const PAGE_SIZE = 10_000;
const REPEATS = 5;

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
const ms = (since: number) => Math.round((performance.now() - since) * 10) / 10;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * A deterministic final state per status (hash of the id, not random(), so
 * that runs compare): 65 % online (Reifegrad 3 or 4, with a URL), the rest at
 * Reifegrad 0 to 2. The derived tables keep the catalogue import's state: the
 * write path moves them by deltas, which costs the same either way.
 */
async function finalState(database: Database) {
  await database.db.execute(sql`
    update service_statuses st set
      maturity_level = case when h.v < 65 then 3 + (h.v % 3 = 0)::int else h.v % 3 end,
      online_since = case when h.v < 65 then date '2023-01-01' + (h.v * 7) end,
      url = case when h.v < 65 then 'https://dienste.bench.example/' || st.region_id || '/' || st.ozg_id end,
      workflow_state = case when h.v < 65 then 'online'::workflow_state else 'in_progress'::workflow_state end,
      version = st.version + 1
    from (select id, abs(hashtext(id::text)) % 100 as v from service_statuses) h
    where h.id = st.id`);
  await database.db.execute(sql`analyze`);
}

export async function loadDatahubBenchDatabase(
  database: Database,
  land: string | undefined,
  log: (line: string) => void,
) {
  const started = performance.now();
  const read = (name: string) => ({
    text: readFileSync(new URL(name, OFFICIAL_DATA), 'utf8'),
    fileName: name,
  });
  await importGv100({ database, ...read('GV100AD_301123.txt'), ...(land ? { land } : {}) });
  log(`  Gebiete importiert (${seconds(started)} s)`);
  await importCatalog({ database, ozg: read('ozg-leistungen.csv'), leika: read('leika-leistungen.csv') });
  log(`  Katalog importiert, Status angelegt (${seconds(started)} s)`);
  await finalState(database);
  log(`  Endstand gesetzt (${seconds(started)} s)`);
  return { seconds: seconds(started) };
}

/**
 * Writes the export as JSON pages, Land by Land (one query each, so that the
 * whole export is never in memory). Among a Gemeinde's online services (by
 * OZG-ID) the 1st of every 12 is missing, the 2nd has another URL, the 3rd is
 * "nicht ok"; a service not online is listed working for 1 in 4 (the officer
 * has not recorded it) and "nicht ok" otherwise. Plus one record with an
 * unknown ARS and one with an unknown OZG-ID, which the import counts.
 */
async function writeExport(database: Database, directory: string) {
  const lands = await queryRows<{ ags: string }>(
    database.db,
    sql`select ags from region_versions v join regions r on r.id = v.region_id
        where r.level = 'land' and v.valid_to is null order by ags`,
  );
  const pages: string[] = [];
  let buffer: unknown[] = [];
  let total = 0;
  const flush = (last: boolean) => {
    while (buffer.length >= PAGE_SIZE || (last && buffer.length > 0)) {
      const content = buffer.slice(0, PAGE_SIZE);
      buffer = buffer.slice(PAGE_SIZE);
      const number = pages.length;
      const path = join(directory, `datahub-seite-${number}.json`);
      writeFileSync(
        path,
        JSON.stringify({
          content,
          totalPages: null,
          number,
          size: PAGE_SIZE,
          numberOfElements: content.length,
          first: number === 0,
          empty: false,
        }),
      );
      pages.push(path);
    }
  };
  const record = (row: {
    ars: string;
    ars_name: string;
    ozg_id: number;
    service_name: string;
    url: string;
    online_status: string;
  }) => ({
    leika_key: null,
    leika_name: row.service_name,
    leika_bezeichnung: null,
    ars: row.ars,
    ars_name: row.ars_name,
    ars_federal_state: row.ars.slice(0, 2),
    bundesland: null,
    ozgid: row.ozg_id,
    ozg_bezeichnung: row.service_name,
    url: row.url,
    online_status: row.online_status,
    aktiv: 'ja',
    art_flaechendeckung: 'in mind. einer Kommune verfügbar',
  });
  for (const { ags } of lands) {
    const rows = await queryRows<{
      ars: string;
      ars_name: string;
      ozg_id: number;
      service_name: string;
      url: string;
      online_status: string;
    }>(
      database.db,
      sql`with ranked as (
            select st.ozg_id, st.url, st.online_since, v.ars, v.name as ars_name, s.name as service_name,
              row_number() over (partition by st.region_id, st.online_since is not null order by st.ozg_id) as rank
            from service_statuses st
            join region_versions v on v.region_id = st.region_id and v.valid_to is null
            join ozg_services s on s.ozg_id = st.ozg_id
            where st.in_target and v.ags like ${`${ags}%`}
          )
          select rpad(ars, 12, '0') as ars, ars_name, ozg_id, service_name,
            case when online_since is not null and rank % 12 = 2 then 'https://portal.bench.example/' || ozg_id
              else coalesce(url, 'https://dienste.bench.example/' || ars || '/' || ozg_id) end as url,
            case when online_since is not null then (case when rank % 12 = 3 then 'nicht ok' else 'ok' end)
              when rank % 4 = 1 then 'ok' else 'nicht ok' end as online_status
          from ranked
          where online_since is null or rank % 12 <> 1
          order by ars, ozg_id`,
    );
    for (const row of rows) buffer.push(record(row));
    total += rows.length;
    flush(false);
  }
  const [sample] =
    buffer.length > 0
      ? buffer
      : [
          record({
            ars: '099990000000',
            ars_name: 'x',
            ozg_id: 1,
            service_name: 'x',
            url: 'https://x.example',
            online_status: 'ok',
          }),
        ];
  buffer.push({ ...(sample as object), ars: '099990000000', ars_name: 'Unbekannt' });
  buffer.push({ ...(sample as object), ozgid: 99_999_999, ozg_bezeichnung: 'Unbekannte Leistung' });
  total += 2;
  flush(true);
  return { pages, records: total };
}

async function adminToken(database: Database, server: Server): Promise<string> {
  const password = 'benchmark-passwort-2026';
  await database.db.execute(sql`
    insert into users (email, display_name, role, password_hash)
    values ('bench@example.de', 'bench@example.de', 'admin', ${await hashPassword(password)})
    on conflict ((lower(email))) do update set password_hash = excluded.password_hash, role = excluded.role`);
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.de', password }),
  });
  if (!login.ok) throw new Error(`Anmeldung für die Messung fehlgeschlagen: ${login.status}`);
  await login.arrayBuffer();
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return cookie.slice(cookie.indexOf('=') + 1);
}

export async function datahubBench(input: {
  database: Database;
  databaseUrl: string;
  gemeinde: string;
  skipUnchanged?: boolean;
  log: (line: string) => void;
}) {
  const { database, log } = input;
  const directory = mkdtempSync(join(tmpdir(), 'ozg-datahub-bench-'));
  try {
    let started = performance.now();
    const generated = await writeExport(database, directory);
    const generateSeconds = seconds(started);
    log(
      `  Export erzeugt: ${generated.records.toLocaleString('de-DE')} Datensätze in ${generated.pages.length} Seiten (${generateSeconds} s)`,
    );
    const files = readdirSync(directory)
      .sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')))
      .map((name) => ({ path: join(directory, name), fileName: name }));

    const load = loadavg();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 200);
    started = performance.now();
    const stages: Record<string, number> = {};
    let stage = '';
    let stageStart = started;
    const summary = await importDatahub({
      database,
      files,
      progress: (_done, _total, name) => {
        if (name === stage) return;
        if (stage) stages[stage] = seconds(stageStart);
        stage = name;
        stageStart = performance.now();
      },
    });
    if (stage) stages[stage] = seconds(stageStart);
    const importSeconds = seconds(started);
    clearInterval(sampler);
    log(
      `  Import: ${importSeconds} s (${JSON.stringify(stages)}), ${summary.matched.toLocaleString('de-DE')} zugeordnet, ` +
        `${summary.regions} Gebiete, Spitze ${Math.round(peakRss / 2 ** 20)} MB RSS`,
    );
    // The same pages again (nothing stored); --skip-unchanged leaves it out at national scale, where
    // it parses everything once more and the whole run should stay within half an hour.
    let unchangedSeconds: number | null = null;
    if (!input.skipUnchanged) {
      started = performance.now();
      const again = await importDatahub({ database, files });
      unchangedSeconds = seconds(started);
      if (!again.unchanged)
        throw new Error('Zweiter Import derselben Seiten wurde nicht als unverändert erkannt.');
      log(`  Zweiter Import derselben Seiten (unverändert): ${unchangedSeconds} s`);
    }

    const server = await spawnServer('app', { BENCH_DATABASE_URL: input.databaseUrl });
    try {
      const token = await adminToken(database, server);
      const get = async (path: string) => {
        const begin = performance.now();
        const response = await fetch(`${server.url}/api/v1${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = await response.json();
        if (!response.ok)
          throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
        return { ms: ms(begin), body };
      };
      const kreise: number[] = [];
      let kreisCount = 0;
      let openTotal = 0;
      for (let i = 0; i < REPEATS; i++) {
        const { ms: took, body } = await get('/datahub/kreise');
        kreise.push(took);
        kreisCount = body.items.length;
        openTotal = body.items.reduce((sum: number, item: { open: number }) => sum + item.open, 0);
      }
      log(
        `  GET /datahub/kreise: Median ${median(kreise)} ms (${kreise.join(', ')}), ${kreisCount} Kreise, ${openTotal.toLocaleString('de-DE')} offene Abweichungen`,
      );
      const differences: number[] = [];
      let items: { statusId: number; version: number; kind: string }[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const { ms: took, body } = await get(`/datahub/differences/${input.gemeinde}`);
        differences.push(took);
        items = body.items;
      }
      log(
        `  GET /datahub/differences/${input.gemeinde}: Median ${median(differences)} ms (${differences.join(', ')}), ${items.length} Abweichungen`,
      );

      const accept = items.filter((item) => item.kind === 'url_differs');
      const reject = items.find((item) => item.kind === 'not_listed');
      const decide = async (mode: 'dry-run' | 'commit') => {
        const begin = performance.now();
        const response = await fetch(`${server.url}/api/v1/datahub/decisions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            mode,
            items: [
              ...accept.map((item) => ({
                statusId: item.statusId,
                version: item.version,
                kind: item.kind,
                decision: 'accept',
              })),
              ...(reject
                ? [
                    {
                      statusId: reject.statusId,
                      version: reject.version,
                      kind: reject.kind,
                      decision: 'reject',
                      reason: 'Messung',
                    },
                  ]
                : []),
            ],
          }),
        });
        const body = await response.json();
        if (!response.ok)
          throw new Error(`decisions ${mode}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
        return ms(begin);
      };
      const preview = await decide('dry-run');
      const commit = await decide('commit');
      log(
        `  POST /datahub/decisions (${accept.length} übernehmen, ${reject ? 1 : 0} ablehnen): Vorschau ${preview} ms, Übernahme ${commit} ms`,
      );
      const after = await get('/datahub/kreise');
      log(`  GET /datahub/kreise nach der Entscheidung: ${after.ms} ms`);
      return {
        loadAverageAtImport: load.map((value) => Math.round(value * 100) / 100),
        export: {
          records: generated.records,
          pages: generated.pages.length,
          pageSize: PAGE_SIZE,
          seconds: generateSeconds,
        },
        import: {
          seconds: importSeconds,
          stages,
          matched: summary.matched,
          regions: summary.regions,
          peakRssMiB: Math.round(peakRss / 2 ** 20),
        },
        unchangedImportSeconds: unchangedSeconds,
        kreise: {
          ms: kreise,
          median: median(kreise),
          kreise: kreisCount,
          open: openTotal,
          afterDecisionMs: after.ms,
        },
        differences: {
          gemeinde: input.gemeinde,
          ms: differences,
          median: median(differences),
          items: items.length,
        },
        decision: { accepted: accept.length, rejected: reject ? 1 : 0, previewMs: preview, commitMs: commit },
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
