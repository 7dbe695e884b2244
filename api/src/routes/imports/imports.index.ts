import { textProblem } from '@ozg/shared';
import { requireActor } from '../../lib/auth';
import { bodyBytes, uploadedText } from '../../lib/csv';
import { AppError } from '../../lib/errors';
import { answer } from '../../lib/import-answer';
import { createRouter } from '../../lib/router';
import {
  uploadBoundaries,
  uploadCatalog,
  uploadDatahub,
  uploadGv100,
  uploadSuccessors,
  uploadUsage,
} from '../../services/imports';
import {
  importBoundariesRoute,
  importCatalogRoute,
  importDatahubRoute,
  importGv100Route,
  importSuccessorsRoute,
  importUsageRoute,
} from './imports.routes';

/** The uploaded file as text (UTF-8, or Windows-1252 as German Excel saves CSV). */
async function uploadedFileText(request: Request, what: string): Promise<string> {
  const text = uploadedText(await bodyBytes(request), `Die hochgeladene ${what}`);
  if (!text.trim()) throw new AppError('validation_failed', `Die hochgeladene ${what} ist leer.`);
  return storable(text, what);
}

/**
 * A NUL character would fail in PostgreSQL (500); no official file contains
 * one, so it is refused with its line and column (the character's place in the
 * line). CSV uploads skip this: their reader names the cell's column instead.
 */
function storable(text: string, what: string): string {
  const nul = text.indexOf('\u0000');
  if (nul === -1) return text;
  const before = text.slice(0, nul);
  const line = before.split('\n').length;
  const column = nul - (before.lastIndexOf('\n') + 1) + 1;
  throw new AppError(
    'validation_failed',
    `${what}, Zeile ${line}, Spalte ${column}: ${textProblem(text.slice(nul, nul + 1))}`,
  );
}

/** A file field of the validated form (hono gives File objects for file parts). */
async function formFile(
  file: unknown,
  field: string,
  what: string,
): Promise<{ text: string; fileName: string }> {
  if (!(file instanceof File))
    throw new AppError('validation_failed', `${what} fehlt (Formularfeld "${field}").`);
  const text = uploadedText(await bodyBytes(file), `${what} ${file.name}`);
  if (!text.trim()) throw new AppError('validation_failed', `${what} ${file.name} ist leer.`);
  return { text: storable(text, `${what} ${file.name}`), fileName: file.name || field };
}

export const importsRouter = createRouter()
  .openapi(importGv100Route, async (c) => {
    const { fileName, land, replaceDemo, dryRun } = c.req.valid('query');
    const text = await uploadedFileText(c.req.raw, 'GV100AD-Datei');
    return answer(c, 'gv100', (progress) =>
      uploadGv100({
        database: c.get('database'),
        text,
        fileName: fileName ?? 'GV100AD',
        replaceDemo,
        dryRun,
        ...(land ? { land } : {}),
        ...(progress ? { progress } : {}),
      }),
    );
  })
  .openapi(importSuccessorsRoute, async (c) => {
    const text = await uploadedFileText(c.req.raw, 'Nachfolgerliste');
    const fileName = c.req.valid('query').fileName ?? 'Nachfolgerliste.csv';
    return answer(c, 'successors', () => uploadSuccessors({ database: c.get('database'), text, fileName }));
  })
  .openapi(importCatalogRoute, async (c) => {
    const { replaceDemo } = c.req.valid('query');
    const form = c.req.valid('form');
    const ozg = await formFile(form.ozg, 'ozg', 'Die Datei der OZG-Leistungen');
    const leika = await formFile(form.leika, 'leika', 'Die Datei der LeiKa-Leistungen');
    return answer(c, 'catalog', (progress) =>
      uploadCatalog({
        database: c.get('database'),
        ozg,
        leika,
        replaceDemo,
        ...(progress ? { progress } : {}),
      }),
    );
  })
  .openapi(importBoundariesRoute, async (c) => {
    const text = await uploadedFileText(c.req.raw, 'GeoJSON-Datei');
    const fileName = c.req.valid('query').fileName ?? 'Kreisgrenzen.geojson';
    return answer(c, 'boundaries', (progress) =>
      uploadBoundaries({ database: c.get('database'), text, fileName, ...(progress ? { progress } : {}) }),
    );
  })
  .openapi(importUsageRoute, async (c) => {
    const actor = requireActor(c);
    // Not uploadedFileText: the CSV reader names a NUL byte's line and column (422, readSpreadsheetCsv).
    const text = uploadedText(await bodyBytes(c.req.raw), 'Die hochgeladene Datei der Nutzungszahlen');
    if (!text.trim())
      throw new AppError('validation_failed', 'Die hochgeladene Datei der Nutzungszahlen ist leer.');
    const fileName = c.req.valid('query').fileName ?? 'Nutzungszahlen.csv';
    return answer(c, 'usage', (progress) =>
      uploadUsage({
        database: c.get('database'),
        actor,
        text,
        fileName,
        ...(progress ? { progress } : {}),
      }),
    );
  })
  .openapi(importDatahubRoute, async (c) => {
    const actor = requireActor(c);
    // The bytes, not text: the importer tells JSON, CSV and XLSX apart by the content (Content-Type
    // and name are what the browser guessed), and names a NUL byte's line and column itself (422).
    const bytes = await bodyBytes(c.req.raw);
    if (bytes.length === 0)
      throw new AppError('validation_failed', 'Die hochgeladene Data-Hub-Datei ist leer.');
    const fileName = c.req.valid('query').fileName ?? 'Data-Hub-Datei';
    return answer(c, 'datahub', (progress) =>
      uploadDatahub({
        database: c.get('database'),
        files: [{ bytes, fileName }],
        actorUserId: actor.id,
        ...(progress ? { progress } : {}),
      }),
    );
  });
