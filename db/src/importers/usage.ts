import { isLeikaKey, isOzgId, todayInGermany } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Db } from '../client';
import { queryRowsAs } from '../client';
import { usageFigures, usageImports } from '../schema/index';
import { ImportFileError, type ProgressReporter, silentProgress } from './errors';
import { chunks } from './gv100';
import { readSpreadsheetCsv } from './spreadsheet-csv';

/*
 * Usage figures (decision 022): monthly case counts per region and service as
 * a statistics component or a form system exports them. One line per region,
 * service and month; columns by name, German variants accepted, separator ";"
 * or ",". All or nothing; a month loaded again replaces the earlier figure.
 */

type Field = 'region' | 'service' | 'month' | 'applications' | 'completed' | 'abandoned';

/** Header names after lower-casing and dropping spaces, dashes, dots and underscores. */
const HEADERS: Record<string, Field> = {
  ars: 'region',
  ags: 'region',
  regionalschlüssel: 'region',
  regionalschluessel: 'region',
  gemeindeschlüssel: 'region',
  gemeindeschluessel: 'region',
  ozgid: 'service',
  leikaschlüssel: 'service',
  leikaschluessel: 'service',
  leika: 'service',
  leikakey: 'service',
  monat: 'month',
  month: 'month',
  berichtsmonat: 'month',
  anträge: 'applications',
  antraege: 'applications',
  antrag: 'applications',
  antragszahl: 'applications',
  applications: 'applications',
  abgeschlossen: 'completed',
  completed: 'completed',
  abgebrochen: 'abandoned',
  abandoned: 'abandoned',
};

export const USAGE_CSV_COLUMNS =
  'ARS oder AGS; OZG-ID oder LeiKa-Schlüssel; Monat; Anträge[; Abgeschlossen; Abgebrochen]';

/** Counts per line stay within a PostgreSQL integer; no Gemeinde has that many cases in a month. */
export const MAX_USAGE_COUNT = 2_147_483_647;
/** Earliest month accepted: the OZG dates from 2017, and no form system reports earlier. */
export const EARLIEST_USAGE_MONTH = '2015-01';

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s._-]+/g, '');

export type UsageRow = {
  line: number;
  key: string;
  keyKind: 'ars' | 'ags';
  service: string;
  serviceKind: 'ozg' | 'leika';
  /** YYYY-MM-01 */
  month: string;
  applications: number;
  completed: number | null;
  abandoned: number | null;
  /** The file's own header names, for messages about this line. */
  regionColumn: string;
  serviceColumn: string;
};

/** "1.234" or "1234" (a German spreadsheet's thousands separator); anything else is not a count. */
function parseCount(value: string): number | string {
  const plain = value.replace(/\s/g, '');
  if (/^-/.test(plain)) return `"${value}" ist negativ`;
  if (!/^(\d{1,3}(\.\d{3})+|\d+)$/.test(plain)) return `"${value}" ist keine ganze Zahl`;
  const count = Number(plain.replace(/\./g, ''));
  if (count > MAX_USAGE_COUNT)
    return `${value} ist unplausibel groß (höchstens ${MAX_USAGE_COUNT.toLocaleString('de-DE')} je Zeile)`;
  return count;
}

/** Parses a usage CSV; throws at the first problem with file, line and column. */
export function parseUsageCsv(text: string, fileName: string, options: { today?: string } = {}): UsageRow[] {
  const content = text.replace(/^\uFEFF/, '');
  const { header, rows } = readSpreadsheetCsv(content, fileName);
  const names = header.record.map((name) => name.trim());
  const index = new Map<Field, number>();
  names.forEach((name, position) => {
    const field = HEADERS[normalise(name)];
    if (field && !index.has(field)) index.set(field, position);
  });
  for (const [field, label] of [
    ['region', 'ARS oder AGS'],
    ['service', 'OZG-ID oder LeiKa-Schlüssel'],
    ['month', 'Monat'],
    ['applications', 'Anträge'],
  ] as const) {
    if (!index.has(field))
      throw new ImportFileError(
        fileName,
        header.line,
        `Spalte „${label}“ fehlt (erwartet: ${USAGE_CSV_COLUMNS}; gefunden: ${names.join(', ')})`,
      );
  }
  const serviceHeader = normalise(names[index.get('service') as number] ?? '');
  const lastMonth = (options.today ?? todayInGermany()).slice(0, 7);
  if (rows.length === 0) throw new ImportFileError(fileName, header.line, 'die Datei enthält keine Zahlen');
  const seen = new Map<string, number>();
  return rows.map(({ record, line }): UsageRow => {
    const get = (field: Field) => {
      const position = index.get(field);
      return position === undefined ? '' : (record[position] ?? '').trim();
    };
    const fail = (field: Field, problem: string): never => {
      throw new ImportFileError(fileName, line, problem, names[index.get(field) as number]);
    };
    const key = get('region');
    let keyKind: 'ars' | 'ags' = 'ags';
    if (/^\d{12}$/.test(key)) keyKind = 'ars';
    else if (!/^\d{8}$/.test(key))
      fail('region', `"${key}" ist weder ein zwölfstelliger ARS noch ein achtstelliger AGS`);
    const service = get('service');
    // The header decides: a short LeiKa-like number under OZG-ID is a wrong OZG-ID, not a LeiKa key.
    const leika = serviceHeader.startsWith('leika');
    if (leika ? !isLeikaKey(service) : !isOzgId(service))
      fail('service', `"${service}" ist ${leika ? 'kein LeiKa-Schlüssel' : 'keine fünfstellige OZG-ID'}`);
    const monthText = get('month');
    const month = /^(\d{4})-(\d{2})$/.exec(monthText);
    if (!month) fail('month', `"${monthText}" ist kein Monat (JJJJ-MM, z. B. 2026-03)`);
    const monthNumber = Number(month?.[2]);
    if (monthNumber < 1 || monthNumber > 12)
      fail('month', `"${monthText}": Monat ${month?.[2]} gibt es nicht`);
    if (monthText < EARLIEST_USAGE_MONTH) fail('month', `"${monthText}" liegt vor ${EARLIEST_USAGE_MONTH}`);
    if (monthText > lastMonth) fail('month', `"${monthText}" liegt in der Zukunft`);
    const count = (field: Field, optional: boolean): number | null => {
      const value = get(field);
      if (value === '') {
        if (optional) return null;
        fail(field, 'Zahl fehlt');
      }
      const parsed = parseCount(value);
      if (typeof parsed === 'string') fail(field, parsed);
      return parsed as number;
    };
    const applications = count('applications', false) as number;
    const completed = count('completed', true);
    const abandoned = count('abandoned', true);
    const identity = `${key}|${service}|${monthText}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined)
      fail('month', `${key}, ${service}, ${monthText} steht schon in Zeile ${earlier}`);
    seen.set(identity, line);
    return {
      line,
      key,
      keyKind,
      service,
      serviceKind: leika ? 'leika' : 'ozg',
      month: `${monthText}-01`,
      applications,
      completed,
      abandoned,
      regionColumn: names[index.get('region') as number] ?? 'AGS',
      serviceColumn: names[index.get('service') as number] ?? 'OZG-ID',
    };
  });
}

export type UsageImportSummary = {
  importId: number;
  rows: number;
  regions: number;
  services: number;
  firstMonth: string;
  lastMonth: string;
  /** Region×service×month figures that an earlier import had and this one replaced. */
  replaced: number;
};

/**
 * Imports a usage CSV, all or nothing: every key must name a region of today's
 * territory and every service one of the catalogue (a LeiKa key one that
 * belongs to an OZG-Leistung). The import is recorded (who, when, file, rows).
 */
export async function importUsage(input: {
  database: Database;
  text: string;
  fileName: string;
  userId?: number | null;
  source?: 'api' | 'cli' | 'demo';
  today?: string;
  progress?: ProgressReporter;
}): Promise<UsageImportSummary> {
  const progress = input.progress ?? silentProgress;
  const rows = parseUsageCsv(input.text, input.fileName, input.today ? { today: input.today } : {});
  const db0 = input.database.db;
  const regionsByKey = new Map<string, number>();
  for (const row of await queryRowsAs(
    db0,
    z.object({ ags: z.string(), ars: z.string(), region_id: z.number().int() }),
    sql`select ags, ars, region_id from region_versions where valid_to is null`,
  )) {
    regionsByKey.set(`ags:${row.ags}`, row.region_id);
    regionsByKey.set(`ars:${row.ars}`, row.region_id);
  }
  const services = new Set(
    (
      await queryRowsAs(db0, z.object({ ozg_id: z.number().int() }), sql`select ozg_id from ozg_services`)
    ).map((s) => s.ozg_id),
  );
  const leika = new Map<string, number | null>();
  for (const entry of await queryRowsAs(
    db0,
    z.object({ leika_key: z.string(), ozg_id: z.number().int().nullable() }),
    sql`select leika_key, ozg_id from leika_services where leika_key is not null`,
  ))
    leika.set(entry.leika_key, entry.ozg_id);

  const resolved = rows.map((row) => {
    const fail = (column: string, problem: string): never => {
      throw new ImportFileError(input.fileName, row.line, problem, column);
    };
    const regionId = regionsByKey.get(`${row.keyKind}:${row.key}`);
    if (regionId === undefined)
      fail(
        row.keyKind.toUpperCase(),
        `${row.keyKind.toUpperCase()} ${row.key} ist keine Region des heutigen Gebietsstands`,
      );
    let ozgId = Number(row.service);
    if (row.serviceKind === 'leika') {
      if (!leika.has(row.service)) fail(row.serviceColumn, `LeiKa-Schlüssel ${row.service} ist unbekannt`);
      const mapped = leika.get(row.service);
      if (mapped == null)
        fail(row.serviceColumn, `LeiKa-Schlüssel ${row.service} gehört zu keiner OZG-Leistung`);
      ozgId = mapped as number;
    } else if (!services.has(ozgId)) fail(row.serviceColumn, `OZG-ID ${row.service} steht nicht im Katalog`);
    return { ...row, regionId: regionId as number, ozgId };
  });
  // Two LeiKa keys of one OZG-Leistung add up; the same key twice was refused above.
  const merged = new Map<string, (typeof resolved)[number]>();
  for (const row of resolved) {
    const id = `${row.regionId}|${row.ozgId}|${row.month}`;
    const earlier = merged.get(id);
    if (!earlier) merged.set(id, { ...row });
    else {
      earlier.applications += row.applications;
      earlier.completed =
        earlier.completed === null && row.completed === null
          ? null
          : (earlier.completed ?? 0) + (row.completed ?? 0);
      earlier.abandoned =
        earlier.abandoned === null && row.abandoned === null
          ? null
          : (earlier.abandoned ?? 0) + (row.abandoned ?? 0);
      if (earlier.applications > MAX_USAGE_COUNT)
        throw new ImportFileError(input.fileName, row.line, 'Summe unplausibel groß', 'Anträge');
    }
  }
  const figures = [...merged.values()];
  const months = figures.map((row) => row.month).sort();
  const firstMonth = months[0] as string;
  const lastMonth = months[months.length - 1] as string;
  let importId = 0;
  let replaced = 0;
  await db0.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [recorded] = await db
      .insert(usageImports)
      .values({
        fileName: input.fileName.slice(-300),
        importedBy: input.userId ?? null,
        source: input.source ?? 'api',
        rows: rows.length,
        firstMonth,
        lastMonth,
      })
      .returning({ id: usageImports.id });
    importId = (recorded as { id: number }).id;
    let done = 0;
    for (const batch of chunks(figures, 1000)) {
      const written = await db
        .insert(usageFigures)
        .values(
          batch.map((row) => ({
            regionId: row.regionId,
            ozgId: row.ozgId,
            month: row.month,
            applications: row.applications,
            completed: row.completed,
            abandoned: row.abandoned,
            importId,
          })),
        )
        .onConflictDoUpdate({
          target: [usageFigures.regionId, usageFigures.ozgId, usageFigures.month],
          set: {
            applications: sql`excluded.applications`,
            completed: sql`excluded.completed`,
            abandoned: sql`excluded.abandoned`,
            importId: sql`excluded.import_id`,
          },
        })
        // xmax <> 0 marks a row that existed and was updated (PostgreSQL's upsert idiom).
        .returning({ updated: sql<boolean>`(xmax <> 0)` });
      replaced += written.filter((row) => row.updated).length;
      done += batch.length;
      progress(done, figures.length, 'Nutzungszahlen');
    }
  });
  return {
    importId,
    rows: rows.length,
    regions: new Set(figures.map((row) => row.regionId)).size,
    services: new Set(figures.map((row) => row.ozgId)).size,
    firstMonth: firstMonth.slice(0, 7),
    lastMonth: lastMonth.slice(0, 7),
    replaced,
  };
}
