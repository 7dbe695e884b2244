import { requireRole } from '../../lib/auth';
import { AppError } from '../../lib/errors';
import { createRouter } from '../../lib/router';
import { listKreisBoundaries } from '../../services/boundaries';
import { uploadBoundaries, uploadCatalog, uploadGv100 } from '../../services/imports';
import {
  importBoundariesRoute,
  importCatalogRoute,
  importGv100Route,
  listBoundariesRoute,
} from './imports.routes';

/** The uploaded file as text; the official files are UTF-8. */
async function uploadedText(request: Request, what: string): Promise<string> {
  const text = await request.text();
  if (!text.trim()) throw new AppError('validation_failed', `Die hochgeladene ${what} ist leer.`);
  return text;
}

/** A file field of the validated form (hono gives File objects for file parts). */
async function formFile(
  file: unknown,
  field: string,
  what: string,
): Promise<{ text: string; fileName: string }> {
  if (!(file instanceof File))
    throw new AppError('validation_failed', `${what} fehlt (Formularfeld "${field}").`);
  const text = await file.text();
  if (!text.trim()) throw new AppError('validation_failed', `${what} ${file.name} ist leer.`);
  return { text, fileName: file.name || field };
}

export const importsRouter = createRouter()
  .openapi(listBoundariesRoute, async (c) =>
    c.json(await listKreisBoundaries({ db: c.get('database').db, key: c.req.valid('param').key }), 200),
  )
  .openapi(importGv100Route, async (c) => {
    requireRole(c, 'admin');
    const { fileName, land, replaceDemo } = c.req.valid('query');
    const result = await uploadGv100({
      database: c.get('database'),
      text: await uploadedText(c.req.raw, 'GV100AD-Datei'),
      fileName: fileName ?? 'GV100AD',
      replaceDemo,
      ...(land ? { land } : {}),
    });
    return c.json(result, 200);
  })
  .openapi(importCatalogRoute, async (c) => {
    requireRole(c, 'admin');
    const { replaceDemo } = c.req.valid('query');
    const form = c.req.valid('form');
    const result = await uploadCatalog({
      database: c.get('database'),
      ozg: await formFile(form.ozg, 'ozg', 'Die Datei der OZG-Leistungen'),
      leika: await formFile(form.leika, 'leika', 'Die Datei der LeiKa-Leistungen'),
      replaceDemo,
    });
    return c.json(result, 200);
  })
  .openapi(importBoundariesRoute, async (c) => {
    requireRole(c, 'admin');
    const result = await uploadBoundaries({
      database: c.get('database'),
      text: await uploadedText(c.req.raw, 'GeoJSON-Datei'),
      fileName: c.req.valid('query').fileName ?? 'Kreisgrenzen.geojson',
    });
    return c.json(result, 200);
  });
