import { sql } from 'drizzle-orm';
import type { Database, Db } from '../client';
import { regionSuccessions } from '../schema/index';
import { readCsv } from './catalog';
import { ImportFileError } from './errors';

/*
 * The successor list (decision 009): Destatis' territorial and key changes as
 * CSV `old_ags,new_ags,date,kind`, one line per old and new Gemeinde. It is
 * loaded before the directory that contains the change; the GV100AD import
 * then applies it:
 * - Schlüsseländerung (key_change): the new key continues the same region
 *   (statuses, versions and events stay with it).
 * - Zusammenschluss / Eingliederung (merger): several Gemeinden become one.
 * - Aufteilung (split): one Gemeinde becomes several.
 * For mergers and splits every successor's status of a service is the most
 * mature one among its predecessors' (COMBINED_STATUS_RULE).
 */

export type SuccessionKind = 'key_change' | 'merger' | 'split';

export const COMBINED_STATUS_RULE =
  'Zusammenschluss und Aufteilung: Für jede Leistung gilt der höchste Reifegrad unter den Vorgängern ' +
  '(bei Gleichstand das früheste „online seit“), mit Lösung, URL und „online seit“ dieses Datensatzes; ' +
  'jeder Vorgänger behält seinen Datensatz und seine Historie, verknüpft mit dem Nachfolger.';

const KINDS: Record<string, SuccessionKind> = {
  schlüsseländerung: 'key_change',
  schluesselaenderung: 'key_change',
  zusammenschluss: 'merger',
  eingliederung: 'merger',
  aufteilung: 'split',
};

export type SuccessionEntry = {
  line: number;
  oldAgs: string;
  newAgs: string;
  effectiveOn: string;
  kind: SuccessionKind;
};

function isoDate(value: string): string | null {
  const german = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  const iso = german ? `${german[3]}-${german[2]}-${german[1]}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? null : iso;
}

export function parseSuccessors(text: string, fileName: string): SuccessionEntry[] {
  const rows = readCsv(text, fileName, ['old_ags', 'new_ags', 'date', 'kind']);
  const entries = rows.map(({ line, values }): SuccessionEntry => {
    const fail = (column: string, problem: string): never => {
      throw new ImportFileError(fileName, line, problem, column);
    };
    const oldAgs = values.old_ags ?? '';
    const newAgs = values.new_ags ?? '';
    if (!/^\d{8}$/.test(oldAgs)) fail('old_ags', `"${oldAgs}" ist kein achtstelliger Gemeindeschlüssel`);
    if (!/^\d{8}$/.test(newAgs)) fail('new_ags', `"${newAgs}" ist kein achtstelliger Gemeindeschlüssel`);
    if (oldAgs === newAgs) fail('new_ags', `alter und neuer Schlüssel sind gleich (${oldAgs})`);
    const effectiveOn = isoDate(values.date ?? '');
    if (!effectiveOn) fail('date', `"${values.date}" ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)`);
    const kind = KINDS[(values.kind ?? '').toLowerCase()];
    if (!kind) {
      fail(
        'kind',
        `"${values.kind}" ist keine Art der Änderung (Schlüsseländerung, Zusammenschluss, Eingliederung oder Aufteilung)`,
      );
    }
    return { line, oldAgs, newAgs, effectiveOn: effectiveOn as string, kind: kind as SuccessionKind };
  });
  if (entries.length === 0) throw new ImportFileError(fileName, 1, 'die Datei enthält keine Einträge');
  // Each old Gemeinde goes one way: a single successor, or several only when it is split.
  const seen = new Map<string, SuccessionEntry>();
  for (const entry of entries) {
    const pair = `${entry.oldAgs}>${entry.newAgs}`;
    if (seen.has(pair)) {
      throw new ImportFileError(
        fileName,
        entry.line,
        `${entry.oldAgs} → ${entry.newAgs} steht schon in Zeile ${seen.get(pair)?.line}`,
      );
    }
    seen.set(pair, entry);
    const sameOld = entries.filter((other) => other.oldAgs === entry.oldAgs && other !== entry);
    const sameNew = entries.filter((other) => other.newAgs === entry.newAgs && other !== entry);
    const conflict =
      entry.kind === 'key_change'
        ? [...sameOld, ...sameNew][0]
        : entry.kind === 'merger'
          ? (sameOld[0] ?? sameNew.find((other) => other.kind !== 'merger'))
          : (sameNew[0] ?? sameOld.find((other) => other.kind !== 'split'));
    if (conflict) {
      throw new ImportFileError(
        fileName,
        entry.line,
        `${entry.oldAgs} → ${entry.newAgs} widerspricht Zeile ${conflict.line} (${conflict.oldAgs} → ${conflict.newAgs})`,
        'kind',
      );
    }
  }
  return entries;
}

export type SuccessorsImportSummary = { entries: number; perKind: Record<SuccessionKind, number> };

/**
 * Loads a successor list, all or nothing. Entries are kept until a directory
 * import applies them; loading the same list again changes nothing, and a
 * changed line replaces a pending one (an applied one stays as it was applied).
 */
export async function importSuccessors(input: {
  database: Database;
  text: string;
  fileName: string;
}): Promise<SuccessorsImportSummary> {
  const entries = parseSuccessors(input.text, input.fileName);
  await input.database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await db
      .insert(regionSuccessions)
      .values(
        entries.map((entry) => ({
          oldAgs: entry.oldAgs,
          newAgs: entry.newAgs,
          effectiveOn: entry.effectiveOn,
          kind: entry.kind,
          sourceFile: input.fileName.slice(-300),
        })),
      )
      .onConflictDoUpdate({
        target: [regionSuccessions.oldAgs, regionSuccessions.newAgs],
        set: {
          effectiveOn: sql`excluded.effective_on`,
          kind: sql`excluded.kind`,
          sourceFile: sql`excluded.source_file`,
        },
        setWhere: sql`${regionSuccessions.appliedOn} is null`,
      });
  });
  const perKind: Record<SuccessionKind, number> = { key_change: 0, merger: 0, split: 0 };
  for (const entry of entries) perKind[entry.kind]++;
  return { entries: entries.length, perKind };
}
