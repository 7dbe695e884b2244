/**
 * A problem in an imported file, located by file and line (and column where known).
 * The line is null where a format has no useful one (a GeoJSON file on one line):
 * the column then names the place, e.g. "Objekt 3 (AGS 06411)". In a workbook
 * the sheet stands between file and line ("datei.xlsx:Tabelle1:12: ars: …"),
 * the line being the spreadsheet's row number.
 */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
    readonly column?: string,
    readonly sheet?: string,
  ) {
    super(
      `${file}${sheet ? `:${sheet}` : ''}${line === null ? '' : `:${line}`}: ${column ? `${column}: ` : ''}${problem}`,
    );
    this.name = 'ImportFileError';
  }
}

/** The import was refused as a whole (e.g. demo data would be mixed with official data). */
export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

export type ProgressReporter = (done: number, total: number, stage: string) => void;
export const silentProgress: ProgressReporter = () => {};
