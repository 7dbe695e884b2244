import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Database, type Db, queryRowsAs } from '../client';
import { markDataChanged } from '../instance';
import { kreisBoundaries } from '../schema/index';
import { parseBoundaries } from './boundaries-parse';
import { ImportFileError, type ProgressReporter, silentProgress } from './errors';
import { chunks } from './gv100';

export type BoundariesImportSummary = {
  /** Kreise whose outline was stored. */
  imported: number;
  /** Länder (2-digit keys) whose outlines were replaced. */
  laender: string[];
  /** Features of Länder that have no Kreise in the database (e.g. all of Germany into a Hessen installation). */
  skippedOtherLaender: number;
  /** Current Kreise of those Länder that the file has no outline for: the map leaves them blank. */
  missing: { ags: string; name: string }[];
};

/**
 * Imports Kreis outlines for the map, all or nothing. Each feature must be a
 * current Kreis of the database; the outlines of every Land in the file are
 * replaced as a whole, other Länder keep theirs. Outlines are geodata, not
 * statuses: they may be loaded beside the demo, whose Kreise carry the official keys.
 */
export async function importBoundaries(input: {
  database: Database;
  text: string;
  fileName: string;
  progress?: ProgressReporter;
}): Promise<BoundariesImportSummary> {
  const progress = input.progress ?? silentProgress;
  const boundaries = parseBoundaries(input.text, input.fileName);
  let summary: BoundariesImportSummary = { imported: 0, laender: [], skippedOtherLaender: 0, missing: [] };

  await input.database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const kreise = await queryRowsAs(
      db,
      z.object({ ags: z.string(), name: z.string() }),
      sql`select ags, name from region_versions v join regions r on r.id = v.region_id
          where r.level = 'kreis' and v.valid_to is null order by ags`,
    );
    if (kreise.length === 0) {
      throw new ImportFileError(
        input.fileName,
        null,
        'die Datenbank enthält noch keine Kreise; zuerst das Gemeindeverzeichnis importieren (pnpm ozg import gv100)',
      );
    }
    const kreisNames = new Map(kreise.map((kreis) => [kreis.ags, kreis.name]));
    const loadedLaender = new Set(kreise.map((kreis) => kreis.ags.slice(0, 2)));
    const toStore = boundaries.filter((boundary) => loadedLaender.has(boundary.ags.slice(0, 2)));
    if (toStore.length === 0) {
      throw new ImportFileError(
        input.fileName,
        null,
        `kein Kreis der Datei gehört zu einem Land der Datenbank (Länder der Datenbank: ${[...loadedLaender].join(', ')})`,
      );
    }
    const unknown = toStore.filter((boundary) => !kreisNames.has(boundary.ags));
    if (unknown.length > 0) {
      const list = unknown
        .slice(0, 5)
        .map((boundary) => `${boundary.ags} (${boundary.name})`)
        .join(', ');
      throw new ImportFileError(
        input.fileName,
        null,
        `${unknown.length === 1 ? 'der Kreis' : `${unknown.length} Kreise`} ${list}${unknown.length > 5 ? ' …' : ''} ` +
          `${unknown.length === 1 ? 'steht' : 'stehen'} nicht im Gemeindeverzeichnis der Datenbank; ` +
          'passen Grenzen und Gebietsstand zusammen?',
      );
    }
    const laender = [...new Set(toStore.map((boundary) => boundary.ags.slice(0, 2)))].sort();
    for (const land of laender) {
      await db.execute(sql`delete from kreis_boundaries where ags like ${`${land}%`}`);
    }
    let done = 0;
    for (const batch of chunks(toStore, 50)) {
      await db.insert(kreisBoundaries).values(
        batch.map((boundary) => ({
          ags: boundary.ags,
          name: boundary.name,
          geometry: boundary.geometry,
          sourceFile: input.fileName.slice(0, 300),
        })),
      );
      done += batch.length;
      progress(done, toStore.length, 'Kreisgrenzen');
    }
    await markDataChanged(db);
    const stored = new Set(toStore.map((boundary) => boundary.ags));
    summary = {
      imported: toStore.length,
      laender,
      skippedOtherLaender: boundaries.length - toStore.length,
      missing: kreise.filter((kreis) => laender.includes(kreis.ags.slice(0, 2)) && !stored.has(kreis.ags)),
    };
  });
  return summary;
}
