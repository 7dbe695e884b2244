import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError, createUser, setPassword } from '@ozg/api';
import {
  BackupError,
  backupDatabase,
  createDb,
  type Database,
  type Db,
  dbConfigFromEnv,
  migrateDb,
  migrateToServer,
  rebuildDerivedTables,
  restoreDatabase,
} from '@ozg/db';
import { demoDatahubCsv, demoDatahubPages, demoDatahubXlsx, demoUsageCsv, seedDemo } from '@ozg/db/demo';
import {
  decodeUploadedText,
  ImportFileError,
  ImportRefusedError,
  importBoundaries,
  importCatalog,
  importDatahub,
  importGv100,
  importSuccessors,
  importUsage,
  TextDecodingError,
} from '@ozg/db/importers';
import { REGION_LEVEL_LABELS, todayInGermany } from '@ozg/shared';
import { userPath } from './env';
import { terminalProgress } from './progress';
import { askSecret } from './prompt';

const HELP = `ozg – Kommandozeile des OZG-Umsetzungsdashboards

Aufruf: pnpm ozg <Befehl> [Optionen]

  import gv100 <datei> [--land 06] [--replace-demo] [--dry-run]
      Gemeindeverzeichnis GV100AD (Destatis, feste Spaltenbreiten) importieren;
      --dry-run zeigt nur, was der Import ändern würde (z. B. erkannte Nachfolger).
  import successors <liste.csv>
      Nachfolgerliste laden (Spalten old_ags,new_ags,date,kind; kind: Schlüsseländerung,
      Zusammenschluss, Eingliederung oder Aufteilung); der nächste GV100AD-Import wendet sie an.
  import catalog --ozg <ozg-leistungen.csv> --leika <leika-leistungen.csv> [--replace-demo]
      OZG-Leistungen und LeiKa-Leistungen importieren.
  import boundaries <kreise.geojson>
      Kreisgrenzen für die Karte importieren (GeoJSON in WGS84, z. B. BKG VG250,
      Ebene KRS, mit den Eigenschaften AGS und GEN); ersetzt die Grenzen der Länder der Datei.
  import usage <nutzung.csv>
      Nutzungszahlen laden (Spalten ARS oder AGS; OZG-ID oder LeiKa-Schlüssel; Monat JJJJ-MM;
      Anträge; optional Abgeschlossen, Abgebrochen); erneut geladene Monate ersetzen die alten.
  demo usage-csv <datei>
      Die Nutzungszahlen der Demo als Upload-Datei schreiben (zum Ausprobieren des Uploads).
  import datahub <datei…>
      Export des Data Hub des Bundes laden (JSON-Seiten von GET /v1/data, CSV oder XLSX je ARS;
      Format am Inhalt, Trennzeichen, Kodierung und BOM werden erkannt); ganz oder gar nicht, schreibt keine
      Status, sondern die Quelle für den Abgleich; dieselbe Datei zweimal ändert nichts.
  demo datahub-export <verzeichnis>
      Zur Demo passenden Data-Hub-Export schreiben (JSON-Seiten, CSV und XLSX der Demo-Gemeinde).
  seed demo [--reset]
      Generierte Demo-Daten laden (nur in eine leere oder eine Demo-Datenbank).
  user add --email <E> --role <admin|officer|consultant|viewer> [--region <AGS> …] [--name <N>] [--password <P>]
      Benutzer anlegen (ohne --password wird es abgefragt).
  user passwd --email <E> [--password <P>]
      Passwort setzen; beendet alle Sitzungen des Benutzers.
  db migrate
      Ausstehende Migrationen anwenden.
  backup <datei>
      Sicherung schreiben: eingebettete Datenbank als PGlite-Abzug, Server mit pg_dump
      (benutzerdefiniertes Format); enthält den Migrationsstand.
  restore <datei> [--force]
      Sicherung zurückspielen, ganz oder gar nicht; eine Datenbank mit Daten nur mit --force,
      eine Sicherung einer neueren Programmversion nie. Die eingebettete Datenbank nur bei
      gestopptem Dashboard.
  migrate-to <postgres-url> [--force]
      Die eingebettete Datenbank vollständig (mit Änderungsprotokoll) auf einen
      PostgreSQL-Server kopieren und mit Zeilenzahlen und Prüfsummen prüfen; danach
      DATABASE_URL=<postgres-url> setzen. Ein Ziel mit Daten nur mit --force.
  rebuild
      Abgeleitete Tabellen (Rollups, Summen, Tagesstände) aus Status und Ereignissen neu
      berechnen, z. B. für Tagesstände, die noch nach UTC-Tagen geschrieben wurden.

Datenbank: DATABASE_URL=postgres://… für einen PostgreSQL-Server, sonst die
eingebettete Datenbank in OZG_DATA_DIR (Standard ./data/pglite).
Importe laufen ganz oder gar nicht: eine fehlerhafte Zeile bricht mit
"datei:zeile: Problem" ab und ändert nichts.`;

const number = (value: number) => value.toLocaleString('de-DE');

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await createDb();
  try {
    await migrateDb(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** A file's text as the uploads read it: UTF-8 or Windows-1252 (German Excel's CSV). */
function readText(full: string, path: string): string {
  try {
    return decodeUploadedText(readFileSync(full)).text;
  } catch (error) {
    if (error instanceof TextDecodingError) throw new ImportFileError(path, error.line, error.problem);
    throw error;
  }
}

function readInput(path: string): { text: string; fileName: string } {
  const full = userPath(path);
  try {
    return { text: readText(full, path), fileName: path };
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportRefusedError(
      `Datei ${full} kann nicht gelesen werden: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

async function importGv100Command(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      land: { type: 'string' },
      'replace-demo': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const [file] = positionals;
  if (!file) throw new UsageError('Datei fehlt: pnpm ozg import gv100 <datei> [--land 06]');
  if (values.land !== undefined && !/^\d{2}$/.test(values.land))
    throw new UsageError('--land erwartet einen zweistelligen Landesschlüssel, z. B. 06');
  const input = readInput(file);
  const progress = terminalProgress();
  const summary = await withDatabase((database) =>
    importGv100({
      database,
      ...input,
      ...(values.land ? { land: values.land } : {}),
      replaceDemo: values['replace-demo'],
      dryRun: values['dry-run'],
      progress,
    }),
  );
  progress.finish();
  console.log(
    values['dry-run']
      ? `Probelauf: GV100AD mit Gebietsstand ${summary.referenceDate} geprüft, nichts gespeichert.`
      : `GV100AD mit Gebietsstand ${summary.referenceDate} importiert.`,
  );
  for (const [level, count] of Object.entries(summary.perLevel)) {
    console.log(
      `  ${REGION_LEVEL_LABELS[level as keyof typeof REGION_LEVEL_LABELS].padEnd(18)} ${number(count).padStart(7)}`,
    );
  }
  console.log(
    `  Kreise: ${number(summary.kreise.landkreise)} Landkreise, ${number(summary.kreise.kreisfreieStaedte)} kreisfreie Städte${summary.kreise.other ? `, ${summary.kreise.other} Regionalverbände` : ''}`,
  );
  console.log(
    `  Gemeinden: ${number(summary.gemeinden.kreisfreieStaedte)} kreisfreie Städte, ${number(summary.gemeinden.staedte)} kreisangehörige Städte, ${number(summary.gemeinden.gemeinden)} Gemeinden`,
  );
  console.log(`  Bevölkerung: ${number(summary.population)}`);
  console.log(
    `  Übersprungen: ${number(summary.skipped.unincorporated)} gemeindefreie Gebiete (keine Kommunen), ${number(summary.skipped.verbaende)} Gemeindeverbände, ${number(summary.skipped.otherLaender)} Sätze anderer Länder`,
  );
  const c = summary.changes;
  console.log(
    `  Änderungen: ${number(c.created)} neu, ${number(c.updated)} aktualisiert, ${number(c.territoryChanged)} Gebietsänderungen, ${number(c.succeeded)} Nachfolger, ${number(c.closed)} geschlossen, ${number(c.unchanged)} unverändert`,
  );
  const how = {
    name: 'gleicher Name',
    'gemeinde-part': 'gleicher Gemeindeteil und Name',
    list: 'Nachfolgerliste',
  };
  for (const succession of summary.successions) {
    console.log(
      `  Nachfolger: ${succession.name} ${succession.oldAgs} → ${succession.newAgs} (${how[succession.matchedBy]}; Status und Historie bleiben)`,
    );
  }
  for (const merger of summary.mergers) {
    console.log(
      `  ${merger.oldAgs.length > 1 ? 'Zusammenschluss' : 'Aufteilung/Eingliederung'}: ${merger.oldAgs.join(', ')} → ${merger.newAgs} (${number(merger.statusesTakenOver)} Status übernommen: höchster Reifegrad je Leistung)`,
    );
  }
}

async function importSuccessorsCommand(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file) throw new UsageError('Datei fehlt: pnpm ozg import successors <liste.csv>');
  const input = readInput(file);
  const summary = await withDatabase((database) => importSuccessors({ database, ...input }));
  console.log(
    `Nachfolgerliste geladen: ${number(summary.entries)} Einträge (${number(summary.perKind.key_change)} Schlüsseländerungen, ` +
      `${number(summary.perKind.merger)} Zusammenschlüsse, ${number(summary.perKind.split)} Aufteilungen). ` +
      'Der nächste GV100AD-Import wendet sie an.',
  );
}

async function importUsageCommand(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file) throw new UsageError('Datei fehlt: pnpm ozg import usage <nutzung.csv>');
  const input = readInput(file);
  const progress = terminalProgress();
  const summary = await withDatabase((database) =>
    importUsage({ database, ...input, source: 'cli', progress }),
  );
  progress.finish();
  console.log(
    `Nutzungszahlen importiert: ${number(summary.rows)} Zeilen, ${number(summary.regions)} Gebiete, ` +
      `${number(summary.services)} Leistungen, Monate ${summary.firstMonth} bis ${summary.lastMonth}` +
      (summary.replaced ? ` (${number(summary.replaced)} ersetzt).` : '.'),
  );
}

async function demoUsageCsvCommand(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file) throw new UsageError('Datei fehlt: pnpm ozg demo usage-csv <datei>');
  const text = await withDatabase((database) => demoUsageCsv(database.db, todayInGermany()));
  writeFileSync(userPath(file), text);
  console.log(
    `Demo-Nutzungszahlen geschrieben: ${userPath(file)} (${number(text.split('\n').length - 2)} Zeilen).`,
  );
}

async function importCatalogCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      ozg: { type: 'string' },
      leika: { type: 'string' },
      'replace-demo': { type: 'boolean', default: false },
    },
  });
  if (!values.ozg || !values.leika) {
    throw new UsageError('pnpm ozg import catalog --ozg <ozg-leistungen.csv> --leika <leika-leistungen.csv>');
  }
  const ozg = readInput(values.ozg);
  const leika = readInput(values.leika);
  const progress = terminalProgress();
  const summary = await withDatabase((database) =>
    importCatalog({ database, ozg, leika, replaceDemo: values['replace-demo'], progress }),
  );
  progress.finish();
  console.log('Katalog importiert.');
  console.log(
    `  OZG-Leistungen:       ${number(summary.services)} (davon kommunal relevant: ${number(summary.municipallyRelevant)})`,
  );
  console.log(`  LeiKa-Leistungen:     ${number(summary.leikaServices)}`);
  if (summary.deactivated)
    console.log(`  Nicht mehr im Katalog (deaktiviert): ${number(summary.deactivated)}`);
  console.log('  Nach Themenfeld:');
  for (const [themenfeld, count] of Object.entries(summary.perThemenfeld).sort(([a], [b]) =>
    a.localeCompare(b, 'de'),
  )) {
    console.log(`    ${themenfeld.padEnd(36)} ${number(count).padStart(4)}`);
  }
}

async function importBoundariesCommand(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file) throw new UsageError('Datei fehlt: pnpm ozg import boundaries <kreise.geojson>');
  const input = readInput(file);
  const progress = terminalProgress();
  const summary = await withDatabase((database) => importBoundaries({ database, ...input, progress }));
  progress.finish();
  console.log(
    `Kreisgrenzen importiert: ${number(summary.imported)} Kreise (Länder ${summary.laender.join(', ')}).`,
  );
  if (summary.skippedOtherLaender) {
    console.log(`  Übersprungen: ${number(summary.skippedOtherLaender)} Kreise anderer Länder`);
  }
  if (summary.missing.length) {
    console.log(
      `  Ohne Grenze (bleiben auf der Karte leer): ${summary.missing.map((kreis) => `${kreis.name} (${kreis.ags})`).join(', ')}`,
    );
  }
}

async function seedCommand(args: string[]) {
  const [what, ...rest] = args;
  if (what !== 'demo') throw new UsageError('pnpm ozg seed demo [--reset]');
  const { values } = parseArgs({ args: rest, options: { reset: { type: 'boolean', default: false } } });
  const progress = terminalProgress();
  const result = await withDatabase((database) => seedDemo({ database, reset: values.reset, progress }));
  progress.finish();
  if (result.status === 'unchanged') {
    console.log('Die Datenbank enthält bereits die Demo-Daten; nichts geändert (neu erzeugen mit --reset).');
    return;
  }
  console.log(
    `Demo-Daten geladen: ${result.regions.kreise} Kreise, ${number(result.regions.gemeinden)} erfundene Gemeinden, ` +
      `${result.services} Leistungen, ${number(result.statuses)} Status, ${number(result.events)} Ereignisse.`,
  );
  console.log('Demo-Benutzer (nur für Demo-Daten):');
  for (const user of result.users)
    console.log(`  ${user.role.padEnd(11)} ${user.email.padEnd(24)} Passwort: ${user.password}`);
}

async function userCommand(args: string[]) {
  const [what, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string', multiple: true },
      name: { type: 'string' },
      password: { type: 'string' },
    },
  });
  if (!values.email) throw new UsageError('--email fehlt');
  const password = values.password ?? (await askSecret(`Passwort für ${values.email}: `));
  if (what === 'add') {
    if (!values.role) throw new UsageError('--role fehlt (admin, officer, consultant, viewer)');
    const user = await withDatabase((database) =>
      createUser({
        db: database.db,
        email: values.email as string,
        role: values.role as string,
        regionKeys: values.region ?? [],
        password,
        ...(values.name ? { displayName: values.name } : {}),
      }),
    );
    console.log(
      `Benutzer ${user.email} angelegt (Rolle ${user.role}${user.regions.length ? `, Gebiete ${user.regions.join(', ')}` : ''}).`,
    );
    return;
  }
  if (what === 'passwd') {
    await withDatabase((database) =>
      setPassword({ db: database.db, email: values.email as string, password }),
    );
    console.log(`Passwort für ${values.email} gesetzt; offene Sitzungen sind beendet.`);
    return;
  }
  throw new UsageError('pnpm ozg user add … | pnpm ozg user passwd …');
}

async function backupCommand(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file) throw new UsageError('Datei fehlt: pnpm ozg backup <datei>');
  const header = await withDatabase((database) => backupDatabase({ database, file: userPath(file) }));
  console.log(
    `Sicherung geschrieben: ${userPath(file)} (${header.kind === 'pglite' ? 'eingebettete Datenbank' : 'PostgreSQL'}, Migrationsstand ${header.migrations.latest}).`,
  );
}

async function restoreCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  const [file] = positionals;
  if (!file) throw new UsageError('Datei fehlt: pnpm ozg restore <datei> [--force]');
  const config = dbConfigFromEnv();
  const target =
    config.kind === 'postgres'
      ? { kind: 'postgres' as const, url: config.url }
      : { kind: 'pglite' as const, dataDir: 'dataDir' in config ? config.dataDir : '' };
  const header = await restoreDatabase({ target, file: userPath(file), force: values.force });
  // A backup of an older program version is brought up to this one.
  await withDatabase(async () => {});
  console.log(`Sicherung vom ${header.createdAt} zurückgespielt; Migrationen sind angewendet.`);
}

async function migrateToCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  const [url] = positionals;
  if (!url || !/^postgres(ql)?:\/\//.test(url))
    throw new UsageError('pnpm ozg migrate-to <postgres://benutzer@host:5432/datenbank> [--force]');
  const result = await withDatabase((database) =>
    migrateToServer({
      source: database,
      targetUrl: url,
      force: values.force,
      progress: (table, rows) =>
        console.log(`  ${table.replace('public.', '').padEnd(32)} ${number(rows).padStart(10)}`),
    }),
  );
  console.log(
    `Kopiert und geprüft: ${Object.keys(result.tables).length} Tabellen, ${number(result.rows)} Zeilen, ` +
      'Zeilenzahlen und Prüfsummen stimmen überein.',
  );
  console.log('Jetzt DATABASE_URL auf den Server setzen; die eingebettete Datenbank bleibt unverändert.');
}

async function importDatahubCommand(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('Datei fehlt: pnpm ozg import datahub <datei…>');
  // By path: the importer reads each file when its turn comes (a national export has hundreds of
  // pages) and tells JSON, CSV and XLSX apart by their content, not by the name.
  const files = positionals.map((path) => ({ path: userPath(path), fileName: path }));
  const progress = terminalProgress();
  const summary = await withDatabase((database) => importDatahub({ database, files, progress }));
  progress.finish();
  console.log(
    summary.unchanged
      ? `Data Hub: ${number(summary.records)} Datensätze, unverändert seit dem letzten Import (nichts gespeichert).`
      : `Data Hub importiert: ${number(summary.records)} Datensätze, ${number(summary.matched)} zugeordnet (${number(summary.regions)} Gebiete).`,
  );
  for (const entry of summary.unknownArs)
    console.log(
      `  Unbekannter ARS ${entry.ars}${entry.name ? ` (${entry.name})` : ''}: ${number(entry.records)} Datensätze`,
    );
  for (const entry of summary.unknownService)
    console.log(
      `  Unbekannte Leistung ${entry.place}: OZG-ID ${entry.ozgId ?? '–'}, LeiKa ${entry.leikaKey ?? '–'}`,
    );
}

async function demoCommand(args: string[]) {
  const [what, directory] = args;
  if (what !== 'datahub-export' || !directory)
    throw new UsageError('pnpm ozg demo datahub-export <verzeichnis> | pnpm ozg demo usage-csv <datei>');
  const target = userPath(directory);
  mkdirSync(target, { recursive: true });
  const written = await withDatabase(async (database) => {
    const pages = await demoDatahubPages(database.db);
    for (const [index, page] of pages.entries()) writeFileSync(`${target}/datahub-seite-${index}.json`, page);
    writeFileSync(`${target}/datahub-064350901901.csv`, await demoDatahubCsv(database.db, '064350901901'));
    writeFileSync(`${target}/datahub-064350901901.xlsx`, await demoDatahubXlsx(database.db, '064350901901'));
    return pages.length;
  });
  console.log(
    `Data-Hub-Export geschrieben: ${written} JSON-Seiten sowie CSV- und XLSX-Datei der Demo-Gemeinde in ${target}.`,
  );
}

class UsageError extends Error {}

async function main(argv: string[]) {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return;
  }
  if (command === 'import' && sub === 'gv100') return importGv100Command(rest);
  if (command === 'import' && sub === 'catalog') return importCatalogCommand(rest);
  if (command === 'import' && sub === 'boundaries') return importBoundariesCommand(rest);
  if (command === 'import' && sub === 'successors') return importSuccessorsCommand(rest);
  if (command === 'import' && sub === 'usage') return importUsageCommand(rest);
  if (command === 'demo' && sub === 'usage-csv') return demoUsageCsvCommand(rest);
  if (command === 'import' && sub === 'datahub') return importDatahubCommand(rest);
  if (command === 'demo') return demoCommand([sub ?? '', ...rest]);
  if (command === 'seed') return seedCommand([sub ?? '', ...rest]);
  if (command === 'user') return userCommand([sub ?? '', ...rest]);
  if (command === 'backup') return backupCommand(sub === undefined ? rest : [sub, ...rest]);
  if (command === 'restore') return restoreCommand(sub === undefined ? rest : [sub, ...rest]);
  if (command === 'migrate-to') return migrateToCommand(sub === undefined ? rest : [sub, ...rest]);
  if (command === 'db' && sub === 'migrate') {
    await withDatabase(async () => {});
    console.log('Migrationen angewendet.');
    return;
  }
  if (command === 'rebuild' && sub === undefined) {
    // One transaction: readers see the old tables until the new ones are complete.
    await withDatabase((database) =>
      database.db.transaction((tx) => rebuildDerivedTables(tx as unknown as Db)),
    );
    console.log('Rollups, Summen und Tagesstände neu berechnet.');
    return;
  }
  throw new UsageError(`Unbekannter Befehl: ${argv.join(' ')}\n\n${HELP}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof ImportFileError ||
    error instanceof ImportRefusedError ||
    error instanceof UsageError ||
    error instanceof BackupError ||
    error instanceof AppError
  ) {
    console.error(`Fehler: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
