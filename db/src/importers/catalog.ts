import {
  isLeikaKey,
  isMunicipalLeikaType,
  isOzgId,
  isThemenfeld,
  LEIKA_KEY_MISSING,
  parseLeikaTypes,
  THEMENFELDER,
  type Themenfeld,
} from '@ozg/shared';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { applyDefaultExecutingLevels, syncTargetSets, type TargetSetSync } from '../applicability';
import type { Database, Db } from '../client';
import { prepareForOfficialImport } from '../instance';
import { leikaServices, ozgServices } from '../schema/index';
import { ImportFileError, type ProgressReporter, silentProgress } from './errors';
import { chunks } from './gv100';
import { readSpreadsheetCsv } from './spreadsheet-csv';

type CsvRow = { line: number; values: Record<string, string> };

/** Reads an RFC 4180 CSV file with a header; checks that the expected columns are there. */
export function readCsv(text: string, fileName: string, expectedColumns: readonly string[]): CsvRow[] {
  // csv-parse's default separator: the official catalogues are RFC 4180 files with commas.
  const { header, rows } = readSpreadsheetCsv(text, fileName, { delimiter: ',' });
  const columns = header.record.map((column) => column.trim());
  for (const expected of expectedColumns) {
    if (!columns.includes(expected)) {
      throw new ImportFileError(
        fileName,
        header.line,
        `Spalte "${expected}" fehlt (erwartet: ${expectedColumns.join(',')}; gefunden: ${columns.join(',')})`,
      );
    }
  }
  return rows.map(({ record, line }) => {
    if (record.length !== columns.length) {
      throw new ImportFileError(
        fileName,
        line,
        `${record.length} Felder statt ${columns.length} (${columns.join(',')})`,
      );
    }
    const values: Record<string, string> = {};
    columns.forEach((column, index) => {
      values[column] = (record[index] ?? '').trim();
    });
    return { line: line, values };
  });
}

export type OzgServiceRecord = { ozgId: number; name: string; lebenslage: string; themenfeld: Themenfeld };
export type LeikaRecord = {
  leikaKey: string | null;
  name: string;
  leikaTyp: string;
  municipal: boolean;
  ozgId: number | null;
};
export type CatalogFiles = { services: OzgServiceRecord[]; leika: LeikaRecord[] };

/** Parses and cross-checks the two catalogue files; throws at the first malformed line. */
export function parseCatalog(files: {
  ozg: { text: string; fileName: string };
  leika: { text: string; fileName: string };
}): CatalogFiles {
  const services = readCsv(files.ozg.text, files.ozg.fileName, [
    'ozg_id',
    'name',
    'lebenslage',
    'themenfeld',
  ]).map(({ line, values }) => {
    const fail = (column: string, problem: string): never => {
      throw new ImportFileError(files.ozg.fileName, line, problem, column);
    };
    const ozgId = values.ozg_id ?? '';
    if (!isOzgId(ozgId)) fail('ozg_id', `"${ozgId}" ist keine fünfstellige OZG-ID`);
    const name = values.name ?? '';
    if (!name) fail('name', 'Name fehlt');
    const lebenslage = values.lebenslage ?? '';
    if (!lebenslage) fail('lebenslage', 'Lebenslage fehlt');
    const themenfeld = values.themenfeld ?? '';
    if (!isThemenfeld(themenfeld)) {
      fail(
        'themenfeld',
        `unbekanntes Themenfeld "${themenfeld}" (erwartet eines von: ${THEMENFELDER.join(', ')})`,
      );
    }
    return { line, ozgId: Number(ozgId), name, lebenslage, themenfeld: themenfeld as Themenfeld };
  });
  // An empty file would deactivate the whole catalogue and move every status out of its target set.
  if (services.length === 0)
    throw new ImportFileError(files.ozg.fileName, 2, 'die Datei enthält keine OZG-Leistungen');
  const serviceLine = new Map<number, number>();
  for (const service of services) {
    const earlier = serviceLine.get(service.ozgId);
    if (earlier !== undefined) {
      throw new ImportFileError(
        files.ozg.fileName,
        service.line,
        `OZG-ID ${service.ozgId} steht schon in Zeile ${earlier}`,
        'ozg_id',
      );
    }
    serviceLine.set(service.ozgId, service.line);
  }

  const keyLine = new Map<string, number>();
  const leika = readCsv(files.leika.text, files.leika.fileName, [
    'leika_key',
    'name',
    'leika_typ',
    'ozg_id',
  ]).map(({ line, values }) => {
    const fail = (column: string, problem: string): never => {
      throw new ImportFileError(files.leika.fileName, line, problem, column);
    };
    const rawKey = values.leika_key ?? '';
    if (rawKey !== LEIKA_KEY_MISSING && !isLeikaKey(rawKey)) {
      fail(
        'leika_key',
        `"${rawKey}" ist kein LeiKa-Schlüssel (bis zu 14 Ziffern oder "${LEIKA_KEY_MISSING}")`,
      );
    }
    const leikaKey = rawKey === LEIKA_KEY_MISSING ? null : rawKey;
    if (leikaKey) {
      const earlier = keyLine.get(leikaKey);
      if (earlier !== undefined)
        fail('leika_key', `LeiKa-Schlüssel ${leikaKey} steht schon in Zeile ${earlier}`);
      keyLine.set(leikaKey, line);
    }
    const name = values.name ?? '';
    if (!name) fail('name', 'Name fehlt');
    const leikaTyp = values.leika_typ ?? '';
    const types = parseLeikaTypes(leikaTyp);
    if (!types) fail('leika_typ', `"${leikaTyp}" ist kein LeiKa-Typ (z. B. "1", "2/3", "4" oder "1, 2/3")`);
    const rawOzgId = values.ozg_id ?? '';
    let ozgId: number | null = null;
    // An empty OZG-ID is published for LeiKa services that belong to no OZG-Leistung.
    if (rawOzgId !== '') {
      if (!isOzgId(rawOzgId)) fail('ozg_id', `"${rawOzgId}" ist keine fünfstellige OZG-ID`);
      ozgId = Number(rawOzgId);
      if (!serviceLine.has(ozgId)) fail('ozg_id', `OZG-ID ${ozgId} steht nicht in ${files.ozg.fileName}`);
    }
    return { leikaKey, name, leikaTyp, municipal: isMunicipalLeikaType(types ?? []), ozgId };
  });
  return { services: services.map(({ line: _line, ...service }) => service), leika };
}

export type CatalogImportSummary = {
  services: number;
  leikaServices: number;
  municipallyRelevant: number;
  perThemenfeld: Record<string, number>;
  deactivated: number;
  /** Services that had no executing level and got the default (see applyDefaultExecutingLevels). */
  executingLevelDefaults: number;
  /** Statuses created or moved in or out of a target set by this import. */
  statusesCreated: number;
  statusesChanged: number;
};

/**
 * Imports the OZG catalogue and the LeiKa services, all or nothing. OZG-Leistungen
 * are updated in place by OZG-ID; ones no longer listed are deactivated (statuses
 * refer to them). LeiKa services are replaced as a whole: nothing refers to them,
 * and hundreds of them have no key to match on ("nicht im LeiKa").
 */
export async function importCatalog(input: {
  database: Database;
  ozg: { text: string; fileName: string };
  leika: { text: string; fileName: string };
  replaceDemo?: boolean;
  progress?: ProgressReporter;
}): Promise<CatalogImportSummary> {
  const progress = input.progress ?? silentProgress;
  const catalog = parseCatalog(input);
  const relevant = new Set(
    catalog.leika.filter((entry) => entry.municipal && entry.ozgId).map((entry) => entry.ozgId),
  );
  const total = catalog.services.length + catalog.leika.length;
  let deactivated = 0;
  let defaultsApplied = 0;
  let targets: TargetSetSync = { created: 0, changed: 0, regionIds: [] };

  await input.database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await prepareForOfficialImport(db, { replaceDemo: input.replaceDemo ?? false });
    let done = 0;
    for (const batch of chunks(catalog.services, 500)) {
      await db
        .insert(ozgServices)
        .values(
          batch.map((service) => ({
            ...service,
            municipallyRelevant: relevant.has(service.ozgId),
            active: true,
          })),
        )
        .onConflictDoUpdate({
          target: ozgServices.ozgId,
          set: {
            name: sql`excluded.name`,
            lebenslage: sql`excluded.lebenslage`,
            themenfeld: sql`excluded.themenfeld`,
            municipallyRelevant: sql`excluded.municipally_relevant`,
            active: true,
            updatedAt: sql`now()`,
          },
        });
      done += batch.length;
      progress(done, total, 'Katalog');
    }
    const gone = await db
      .update(ozgServices)
      .set({ active: false, updatedAt: sql`now()` })
      .where(
        and(
          eq(ozgServices.active, true),
          notInArray(
            ozgServices.ozgId,
            catalog.services.map((service) => service.ozgId),
          ),
        ),
      )
      .returning({ ozgId: ozgServices.ozgId });
    deactivated = gone.length;
    await db.delete(leikaServices);
    for (const batch of chunks(catalog.leika, 1000)) {
      await db.insert(leikaServices).values(batch);
      done += batch.length;
      progress(done, total, 'Katalog');
    }
    defaultsApplied = await applyDefaultExecutingLevels(db);
    // A service may have moved to another Themenfeld: every rollup is rebuilt, not only the synced ones.
    targets = await syncTargetSets(db, { source: 'import', rebuildAllRollups: true, dataset: 'official' });
  });

  const perThemenfeld: Record<string, number> = {};
  for (const service of catalog.services)
    perThemenfeld[service.themenfeld] = (perThemenfeld[service.themenfeld] ?? 0) + 1;
  return {
    services: catalog.services.length,
    leikaServices: catalog.leika.length,
    municipallyRelevant: relevant.size,
    perThemenfeld,
    deactivated,
    executingLevelDefaults: defaultsApplied,
    statusesCreated: targets.created,
    statusesChanged: targets.changed,
  };
}
