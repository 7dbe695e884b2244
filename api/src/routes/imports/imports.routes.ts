import { createRoute } from '@hono/zod-openapi';
import { COMBINED_STATUS_RULE, USAGE_CSV_COLUMNS } from '@ozg/db/importers';
import {
  CatalogImportQuerySchema,
  Gv100ImportQuerySchema,
  ImportFileQuerySchema,
  ImportRefusedErrorSchema,
  ImportResultSchema,
} from '@ozg/shared';
import { z } from 'zod';
import { errorResponse, errorResponses, jsonContent, signedIn } from '../../lib/router';
import { ROLES } from '../../services/policy';

/** An uploaded file as the body: any of these Content-Types (browsers and tools differ), else 415. */
const fileBody = (description: string, ...mediaTypes: string[]) => ({
  description,
  required: true,
  content: Object.fromEntries(
    ['application/octet-stream', 'text/plain', ...mediaTypes].map((type) => [
      type,
      // A plain OpenAPI schema, not zod: the router would parse a JSON-typed body, which here is a file.
      { schema: { type: 'string' as const, format: 'binary' } },
    ]),
  ),
});
const failures = {
  ...errorResponses(400, 401, 403, 413, 415),
  ...errorResponse(422, ImportRefusedErrorSchema),
};

export const importGv100Route = createRoute({
  method: 'post',
  path: '/imports/gv100',
  tags: ['Import'],
  summary: 'Gemeindeverzeichnis GV100AD hochladen und importieren (Administration), ganz oder gar nicht',
  ...signedIn(...ROLES.admin),
  request: { query: Gv100ImportQuerySchema, body: fileBody('GV100AD-Datei (Destatis, UTF-8)') },
  responses: { 200: jsonContent(ImportResultSchema, 'Importiert'), ...failures },
});

export const importSuccessorsRoute = createRoute({
  method: 'post',
  path: '/imports/successors',
  tags: ['Import'],
  summary:
    'Nachfolgerliste (CSV old_ags,new_ags,date,kind) hochladen (Administration), ganz oder gar nicht; der nächste GV100AD-Import wendet sie an',
  description: `Art (kind): Schlüsseländerung (derselbe Datensatz unter neuem Schlüssel), Zusammenschluss oder Eingliederung, Aufteilung. ${COMBINED_STATUS_RULE}`,
  ...signedIn(...ROLES.admin),
  request: {
    query: ImportFileQuerySchema,
    body: fileBody('Nachfolgerliste als CSV (UTF-8 oder Windows-1252)', 'text/csv'),
  },
  responses: { 200: jsonContent(ImportResultSchema, 'Geladen'), ...failures },
});

export const importCatalogRoute = createRoute({
  method: 'post',
  path: '/imports/catalog',
  tags: ['Import'],
  summary:
    'OZG-Leistungen und LeiKa-Leistungen (zwei CSV-Dateien) hochladen und importieren (Administration)',
  ...signedIn(...ROLES.admin),
  request: {
    query: CatalogImportQuerySchema,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            ozg: z
              .any()
              .meta({ type: 'string', format: 'binary', description: 'ozg_id,name,lebenslage,themenfeld' }),
            leika: z
              .any()
              .meta({ type: 'string', format: 'binary', description: 'leika_key,name,leika_typ,ozg_id' }),
          }),
        },
      },
    },
  },
  responses: { 200: jsonContent(ImportResultSchema, 'Importiert'), ...failures },
});

export const importBoundariesRoute = createRoute({
  method: 'post',
  path: '/imports/boundaries',
  tags: ['Import'],
  summary:
    'Kreisgrenzen (GeoJSON in WGS84, Eigenschaften AGS und GEN) hochladen und importieren (Administration)',
  ...signedIn(...ROLES.admin),
  request: {
    query: ImportFileQuerySchema,
    body: fileBody('GeoJSON-FeatureCollection der Kreise', 'application/geo+json', 'application/json'),
  },
  responses: { 200: jsonContent(ImportResultSchema, 'Importiert'), ...failures },
});

export const importUsageRoute = createRoute({
  method: 'post',
  path: '/imports/usage',
  tags: ['Import'],
  summary:
    'Nutzungszahlen (CSV: ARS oder AGS, OZG-ID oder LeiKa-Schlüssel, Monat, Anträge, optional Abgeschlossen, Abgebrochen) hochladen (Administration), ganz oder gar nicht',
  description: `Spalten: ${USAGE_CSV_COLUMNS}. Trennzeichen ; oder , – UTF-8 oder Windows-1252. Ein erneut geladener Monat ersetzt die Zahlen derselben Region und Leistung (decision 022).`,
  ...signedIn(...ROLES.admin),
  request: {
    query: ImportFileQuerySchema,
    body: fileBody('Nutzungszahlen als CSV (UTF-8 oder Windows-1252)', 'text/csv'),
  },
  responses: { 200: jsonContent(ImportResultSchema, 'Importiert'), ...failures },
});

export const importDatahubRoute = createRoute({
  method: 'post',
  path: '/imports/datahub',
  tags: ['Import'],
  summary:
    'Export des Data Hub des Bundes hochladen (JSON-Seiten von GET /v1/data, CSV oder XLSX je ARS; Format am Inhalt, Trennzeichen, Kodierung und BOM werden erkannt), ganz oder gar nicht; schreibt keine Status, sondern die Quelle für den Abgleich (Administration)',
  description:
    'Fehler nennen Datei, Zeile und Spalte (CSV), in einer XLSX-Datei zusätzlich das Tabellenblatt (`sheet`), in JSON die Stelle (`content[i].feld`). Ein ARS, den Excel als Zahl gespeichert hat (führende Null verloren), wird mit elf Ziffern wieder aufgefüllt.',
  ...signedIn(...ROLES.admin),
  request: {
    query: ImportFileQuerySchema,
    body: fileBody(
      'Eine Datei des Data Hub (JSON, CSV oder XLSX)',
      'text/csv',
      'application/json',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ),
  },
  responses: { 200: jsonContent(ImportResultSchema, 'Importiert'), ...failures },
});
