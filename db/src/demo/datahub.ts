import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { type Db, queryRowsAs } from '../client';
import { refreshDatahubCounts } from '../datahub';

/*
 * A Data Hub export that fits the demo (decision 021), derived from the demo
 * statuses by rank, so it is deterministic and every Gemeinde with enough
 * online services shows each kind of difference: among its online services
 * (by OZG-ID) the 1st of every 12 is missing at the Bund, the 2nd has another
 * URL, the 3rd is "nicht ok"; the 1st of every 10 services that are not online
 * in the record is listed as a working online service. The demo users'
 * administrations (Gemeinde 06435901, Kreis 06435) are where the journeys and
 * a first look begin, so they get a handful of each kind: every 5th and every
 * 3rd instead.
 */

/**
 * The Bund's files arrive per Land or ARS at different times, so the demo
 * spreads its export over imports of different age (by Kreis): the ministry's
 * table then shows differences open for a few days next to those open for weeks.
 */
const DEMO_IMPORT_AGES = [12, 3, 41] as const;

/** The demo users' administrations (seed.ts, DEMO_USERS). */
const DEMO_FOCUS = ['06435901', '06435'] as const;
const focus = sql`v.ags in (${sql.join(
  DEMO_FOCUS.map((ags) => sql`${ags}`),
  sql`, `,
)})`;

const generatedRecords = sql`
  with ranked as (
    select st.region_id, st.ozg_id, st.url, st.online_since, v.ars, v.name as ars_name, s.name as service_name,
      row_number() over (partition by st.region_id, st.online_since is not null order by st.ozg_id) as rank,
      case when ${focus} then 5 else 12 end as online_every,
      case when ${focus} then 3 else 10 end as offline_every
    from service_statuses st
    join region_versions v on v.region_id = st.region_id and v.valid_to is null
    join ozg_services s on s.ozg_id = st.ozg_id
    join regions r on r.id = st.region_id and r.level in ('gemeinde', 'kreis')
    where st.in_target
  )
  select region_id, ozg_id, rpad(ars, 12, '0') as ars, ars_name, service_name,
    case
      when online_since is null then 'https://dienste.demo.example/' || ars || '/' || ozg_id
      when rank % online_every = 2 then 'https://portal.demo.example/leistung/' || ozg_id
      else coalesce(url, 'https://dienste.demo.example/' || ars || '/' || ozg_id)
    end as url,
    case when online_since is not null and rank % online_every = 3 then 'nicht ok' else 'ok' end as online_status,
    'in mind. einer Kommune verfügbar' as coverage,
    left(ars, 5)::int % ${DEMO_IMPORT_AGES.length} as import_group
  from ranked
  where (online_since is not null and rank % online_every <> 1) or (online_since is null and rank % offline_every = 1)`;

const RecordRow = z.object({
  region_id: z.number(),
  ozg_id: z.number(),
  ars: z.string(),
  ars_name: z.string(),
  service_name: z.string(),
  url: z.string(),
  online_status: z.enum(['ok', 'nicht ok']),
  coverage: z.string(),
});

/** Stores the generated export as the demo's Data Hub imports, set-based (one statement each). */
export async function insertDemoDatahub(db: Db, today: string): Promise<void> {
  for (const [group, age] of DEMO_IMPORT_AGES.entries()) {
    const importedAt = sql`((${today}::date - ${age}::int) + time '07:30') at time zone 'Europe/Berlin'`;
    // Two statements: the main query of a statement does not see the rows its WITH clauses insert,
    // so an update of the new import in the same statement would change nothing.
    const [created] = await queryRowsAs(
      db,
      z.object({ id: z.number() }),
      sql`insert into datahub_imports (file_names, checksum, records, matched, unmatched, imported_at)
          values (${JSON.stringify([`demo-datahub-${group + 1}.json`])}::jsonb, 'demo', 0, 0,
            '{"unknownArs": [], "unknownService": [], "counts": {"ars": 0, "service": 0}}'::jsonb, ${importedAt})
          returning id`,
    );
    const id = (created as { id: number }).id;
    await db.execute(sql`
      with inserted as (
        insert into datahub_records (import_id, region_id, ozg_id, ars, url, online_status, coverage, imported_at)
        select ${id}, g.region_id, g.ozg_id, g.ars, g.url, g.online_status, g.coverage, ${importedAt}
        from (${generatedRecords}) g
        where g.import_group = ${group}
        returning 1
      )
      update datahub_imports set records = (select count(*) from inserted), matched = (select count(*) from inserted)
      where id = ${id}`);
  }
  await refreshDatahubCounts(db, 'all');
}

/** The generated export as JSON pages of GET /v1/data (pageSize records each), for files and tests. */
export async function demoDatahubPages(db: Db, pageSize = 1000): Promise<string[]> {
  const rows = await queryRowsAs(db, RecordRow, sql`${generatedRecords} order by ars, ozg_id`);
  const records = rows.map((row) => ({
    leika_key: null,
    leika_name: row.service_name,
    leika_bezeichnung: null,
    ars: row.ars,
    ars_name: row.ars_name,
    ars_federal_state: row.ars.slice(0, 2),
    bundesland: 'Hessen',
    ozgid: row.ozg_id,
    ozg_bezeichnung: row.service_name,
    url: row.url,
    online_status: row.online_status,
    aktiv: 'ja',
    art_flaechendeckung: row.coverage,
  }));
  const totalPages = Math.max(1, Math.ceil(records.length / pageSize));
  return Array.from({ length: totalPages }, (_, number) => {
    const content = records.slice(number * pageSize, (number + 1) * pageSize);
    return JSON.stringify({
      content,
      totalPages,
      totalElements: records.length,
      number,
      size: pageSize,
      numberOfElements: content.length,
      first: number === 0,
      last: number === totalPages - 1,
      empty: content.length === 0,
      pageable: { pageNumber: number, pageSize },
      sort: { sorted: false },
    });
  });
}

export const DATAHUB_CSV_COLUMNS = [
  'leika_key',
  'leika_name',
  'ars',
  'ars_name',
  'ozgid',
  'ozg_bezeichnung',
  'url',
  'online_status',
  'aktiv',
  'art_flaechendeckung',
] as const;

/** The generated records of one ARS as the cells of the Bund's file per ARS (DATAHUB_CSV_COLUMNS). */
async function demoDatahubRows(db: Db, ars: string): Promise<(string | number)[][]> {
  const rows = await queryRowsAs(
    db,
    RecordRow,
    sql`select * from (${generatedRecords}) g where g.ars = ${ars} order by ozg_id`,
  );
  return rows.map((row) => [
    '',
    row.service_name,
    row.ars,
    row.ars_name,
    row.ozg_id,
    row.service_name,
    row.url,
    row.online_status,
    'ja',
    row.coverage,
  ]);
}

/** The generated export of one ARS as the Bund's CSV (semicolon, as German Excel writes it). */
export async function demoDatahubCsv(db: Db, ars: string): Promise<string> {
  const quote = (value: string) => (/[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = (await demoDatahubRows(db, ars)).map((row) =>
    row.map((value) => quote(String(value))).join(';'),
  );
  return `${[DATAHUB_CSV_COLUMNS.join(';'), ...lines].join('\r\n')}\r\n`;
}

/**
 * The same records as the Bund's XLSX: one worksheet, the ARS as text (as the
 * Bund writes it, so the leading zero stays), the OZG-ID as a number.
 */
export async function demoDatahubXlsx(db: Db, ars: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Daten');
  sheet.addRow([...DATAHUB_CSV_COLUMNS]);
  for (const row of await demoDatahubRows(db, ars)) sheet.addRow(row);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
