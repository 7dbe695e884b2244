import type { Database } from '@ozg/db';
import {
  type DatahubFile,
  ImportFileError,
  ImportRefusedError,
  importBoundaries,
  importCatalog,
  importDatahub,
  importGv100,
  importSuccessors,
  importUsage,
  type ProgressReporter,
} from '@ozg/db/importers';
import { type ImportProblem, type ImportResult, REGION_LEVEL_LABELS, type RegionLevel } from '@ozg/shared';
import { AppError } from '../lib/errors';

const number = (value: number) => value.toLocaleString('de-DE');

/**
 * Runs an importer for an uploaded file and turns its outcome into what the
 * admin page shows: a summary in German, or a 422 whose details say where the
 * file is wrong. The importers are all or nothing, so a failure changed nothing.
 */
async function runImport(kind: ImportResult['kind'], run: () => Promise<string[]>): Promise<ImportResult> {
  try {
    return { kind, summary: await run() };
  } catch (error) {
    if (error instanceof ImportFileError) {
      const problem: ImportProblem = {
        file: error.file,
        ...(error.sheet ? { sheet: error.sheet } : {}),
        line: error.line,
        column: error.column ?? null,
        problem: error.problem,
      };
      throw new AppError('unprocessable', `Die Datei wurde nicht übernommen: ${error.message}`, problem);
    }
    if (error instanceof ImportRefusedError) {
      throw new AppError('unprocessable', `Der Import wurde abgelehnt: ${error.message}`);
    }
    throw error;
  }
}

export function uploadGv100(input: {
  database: Database;
  text: string;
  fileName: string;
  land?: string;
  replaceDemo: boolean;
  dryRun?: boolean;
  progress?: ProgressReporter;
}): Promise<ImportResult> {
  return runImport('gv100', async () => {
    const summary = await importGv100({
      database: input.database,
      text: input.text,
      fileName: input.fileName,
      replaceDemo: input.replaceDemo,
      dryRun: input.dryRun ?? false,
      ...(input.progress ? { progress: input.progress } : {}),
      ...(input.land ? { land: input.land } : {}),
    });
    const c = summary.changes;
    const how = {
      name: 'gleicher Name',
      'gemeinde-part': 'gleicher Gemeindeteil und Name',
      list: 'Nachfolgerliste',
    };
    return [
      `Gemeindeverzeichnis mit Gebietsstand ${summary.referenceDate.split('-').reverse().join('.')} ${input.dryRun ? 'geprüft (Probelauf, nichts gespeichert)' : 'übernommen'}.`,
      Object.entries(summary.perLevel)
        .map(([level, count]) => `${REGION_LEVEL_LABELS[level as RegionLevel]}: ${number(count)}`)
        .join(' · '),
      `Bevölkerung: ${number(summary.population)}`,
      `Änderungen: ${number(c.created)} neu, ${number(c.updated)} aktualisiert, ${number(c.territoryChanged)} Gebietsänderungen, ${number(c.closed)} geschlossen, ${number(c.unchanged)} unverändert`,
      `Übersprungen: ${number(summary.skipped.unincorporated)} gemeindefreie Gebiete, ${number(summary.skipped.otherLaender)} Sätze anderer Länder`,
      ...summary.successions.map(
        (succession) =>
          `Nachfolger: ${succession.name} ${succession.oldAgs} → ${succession.newAgs} (${how[succession.matchedBy]}; Status und Historie bleiben)`,
      ),
      ...summary.mergers.map(
        (merger) =>
          `Nachfolger von ${merger.oldAgs.join(', ')}: ${merger.newAgs} (${number(merger.statusesTakenOver)} Status übernommen, höchster Reifegrad je Leistung)`,
      ),
    ];
  });
}

export function uploadCatalog(input: {
  database: Database;
  ozg: { text: string; fileName: string };
  leika: { text: string; fileName: string };
  replaceDemo: boolean;
  progress?: ProgressReporter;
}): Promise<ImportResult> {
  return runImport('catalog', async () => {
    const summary = await importCatalog(input);
    return [
      `Katalog übernommen: ${number(summary.services)} OZG-Leistungen (davon kommunal relevant: ${number(summary.municipallyRelevant)}), ${number(summary.leikaServices)} LeiKa-Leistungen.`,
      ...(summary.deactivated ? [`Nicht mehr im Katalog (deaktiviert): ${number(summary.deactivated)}`] : []),
      `Zielmengen: ${number(summary.statusesCreated)} Status angelegt, ${number(summary.statusesChanged)} geändert.`,
    ];
  });
}

export function uploadSuccessors(input: {
  database: Database;
  text: string;
  fileName: string;
}): Promise<ImportResult> {
  return runImport('successors', async () => {
    const summary = await importSuccessors(input);
    return [
      `Nachfolgerliste übernommen: ${number(summary.entries)} Einträge (${number(summary.perKind.key_change)} Schlüsseländerungen, ${number(summary.perKind.merger)} Zusammenschlüsse, ${number(summary.perKind.split)} Aufteilungen).`,
      'Der nächste Import des Gemeindeverzeichnisses wendet sie an.',
    ];
  });
}

export function uploadBoundaries(input: {
  database: Database;
  text: string;
  fileName: string;
  progress?: ProgressReporter;
}): Promise<ImportResult> {
  return runImport('boundaries', async () => {
    const summary = await importBoundaries(input);
    return [
      `Kreisgrenzen übernommen: ${number(summary.imported)} Kreise (Land ${summary.laender.join(', ')}).`,
      ...(summary.skippedOtherLaender
        ? [`Übersprungen: ${number(summary.skippedOtherLaender)} Kreise anderer Länder.`]
        : []),
      ...(summary.missing.length
        ? [
            `Ohne Grenze (auf der Karte leer): ${summary.missing.map((kreis) => `${kreis.name} (${kreis.ags})`).join(', ')}.`,
          ]
        : []),
    ];
  });
}

/** Usage figures (decision 022): recorded with the uploading user; the same months again replace theirs. */
export function uploadUsage(input: {
  database: Database;
  actor: { id: number };
  text: string;
  fileName: string;
  progress?: ProgressReporter;
}): Promise<ImportResult> {
  return runImport('usage', async () => {
    const summary = await importUsage({
      database: input.database,
      text: input.text,
      fileName: input.fileName,
      userId: input.actor.id,
      source: 'api',
      ...(input.progress ? { progress: input.progress } : {}),
    });
    return [
      `Nutzungszahlen übernommen: ${number(summary.rows)} Zeilen, ${number(summary.regions)} Gebiete, ${number(summary.services)} Leistungen, Monate ${summary.firstMonth} bis ${summary.lastMonth}.`,
      ...(summary.replaced ? [`Ersetzt (schon geladene Monate): ${number(summary.replaced)}`] : []),
    ];
  });
}

/** The federal Data Hub export (decision 021): stored beside the statuses for the reconciliation. */
export function uploadDatahub(input: {
  database: Database;
  files: DatahubFile[];
  actorUserId: number;
  progress?: ProgressReporter;
}): Promise<ImportResult> {
  return runImport('datahub', async () => {
    const summary = await importDatahub(input);
    const arsCount = summary.unknownArs.reduce((sum, entry) => sum + entry.records, 0);
    return [
      summary.unchanged
        ? `Data Hub: ${number(summary.records)} Datensätze geprüft, unverändert seit dem letzten Import (nichts gespeichert).`
        : `Data Hub übernommen: ${number(summary.records)} Datensätze, davon ${number(summary.matched)} zugeordnet (${number(summary.regions)} Gebiete).`,
      `Nicht zugeordnet: ${number(arsCount)} mit unbekanntem ARS, ${number(summary.records - summary.matched - arsCount)} mit unbekannter OZG-ID/LeiKa-Schlüssel.`,
      ...summary.unknownArs.map(
        (entry) =>
          `Unbekannter ARS ${entry.ars}${entry.name ? ` (${entry.name})` : ''}: ${number(entry.records)} Datensätze`,
      ),
      ...summary.unknownService.map(
        (entry) =>
          `Unbekannte Leistung ${entry.place}: OZG-ID ${entry.ozgId ?? '–'}, LeiKa ${entry.leikaKey ?? '–'}${entry.name ? ` (${entry.name})` : ''}`,
      ),
    ];
  });
}
