import { z } from 'zod';
import { idParamSchema, safeText } from './wire-primitives';
import { USER_ROLES } from './wire-tracking';

/** [longitude, latitude] in WGS84. */
const PositionSchema = z.tuple([z.number(), z.number()]);
const RingSchema = z.array(PositionSchema);

export const BoundaryGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(RingSchema) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(RingSchema)) }),
]);
export type BoundaryGeometry = z.infer<typeof BoundaryGeometrySchema>;

export const KreisBoundariesSchema = z
  .object({
    /** Outlines of the current Kreise within the region; empty when none were imported. */
    items: z.array(
      z.object({
        ags: z.string(),
        /** The Kreis's name in the directory (not the file's). */
        name: z.string(),
        geometry: BoundaryGeometrySchema,
      }),
    ),
    /** Current Kreise of the region without an outline. */
    missing: z.array(z.object({ ags: z.string(), name: z.string() })),
    source: z.object({ fileName: z.string(), importedAt: z.string() }).nullable(),
  })
  .meta({ id: 'KreisBoundaries' });
export type KreisBoundaries = z.infer<typeof KreisBoundariesSchema>;

/** Where an imported file is wrong (in the error's details on 422). */
export const ImportProblemSchema = z
  .object({
    file: z.string(),
    /** The worksheet of an XLSX workbook (line is then its row number); absent for other formats. */
    sheet: z.string().optional(),
    line: z.number().int().nullable(),
    column: z.string().nullable(),
    problem: z.string(),
  })
  .meta({ id: 'ImportProblem' });
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

export const IMPORT_KINDS = [
  'gv100',
  'catalog',
  'boundaries',
  'successors',
  'maturity-model',
  'usage',
  'datahub',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * progress=stream answers with newline-delimited JSON: lines
 * {"progress": {"done", "total", "stage"}} while the import runs, then one line
 * {"status": 200 | 4xx, "body": ImportResult | error shape}.
 */
const ProgressQuerySchema = z
  .enum(['stream'])
  .optional()
  .meta({ description: 'stream: application/x-ndjson with progress lines and the outcome as the last line' });

export const ImportStreamLineSchema = z.union([
  z.object({ progress: z.object({ done: z.number(), total: z.number(), stage: z.string() }) }),
  z.object({ status: z.number().int(), body: z.unknown() }),
]);
export type ImportStreamLine = z.infer<typeof ImportStreamLineSchema>;

export const ImportFileQuerySchema = z.object({
  progress: ProgressQuerySchema,
  fileName: safeText()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .meta({ description: 'name of the uploaded file, for messages' }),
});

export const Gv100ImportQuerySchema = ImportFileQuerySchema.extend({
  land: z
    .string()
    .regex(/^\d{2}$/, 'zweistelliger Landesschlüssel erwartet, z. B. 06')
    .optional(),
  replaceDemo: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .meta({ description: 'true: delete the demo data (and demo users) before the import' }),
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .meta({
      description: 'true: check the file and report what would change (successors found), write nothing',
    }),
});

export const CatalogImportQuerySchema = z.object({
  progress: ProgressQuerySchema,
  replaceDemo: Gv100ImportQuerySchema.shape.replaceDemo,
});

/** A short German account of what an import did, line by line, as shown after the upload. */
export const ImportResultSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    summary: z.array(z.string()),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const AdminUserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    active: z.boolean(),
    regions: z.array(z.object({ ags: z.string(), name: z.string() })),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const UserCreateSchema = z
  .object({
    email: safeText().trim().min(1, 'E-Mail-Adresse fehlt').max(320),
    displayName: safeText().trim().max(200).optional(),
    role: z.enum(USER_ROLES),
    regions: z.array(safeText().max(12)).max(1000).default([]),
    password: safeText().max(200),
  })
  .meta({ id: 'UserCreate' });

export const UserUpdateSchema = z
  .object({
    displayName: safeText().trim().min(1).max(200).optional(),
    role: z.enum(USER_ROLES).optional(),
    regions: z.array(safeText().max(12)).max(1000).optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'UserUpdate' });

export const UserIdParamSchema = z.object({ id: idParamSchema() });
