import { type Db, queryRowsAs } from '@ozg/db';
import type { BoundaryGeometry, KreisBoundaries } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { findRegion, today } from './regions';

/**
 * A Kreis with its outline, if imported. The geometry (jsonb, checked by the
 * import) is large: only its being an object is checked here.
 */
const BoundaryRow = z.object({
  ags: z.string(),
  name: z.string(),
  geometry: z
    .custom<BoundaryGeometry>((value) => typeof value === 'object' && value !== null, 'a GeoJSON geometry')
    .nullable(),
  source_file: z.string().nullable(),
  imported_at: z.string().nullable(),
});

/**
 * The outlines of the current Kreise within a Land, Regierungsbezirk or Kreis,
 * for the map. Kreis AGS start with the key of their Land and Regierungsbezirk,
 * so a prefix selects them.
 */
export async function listKreisBoundaries({ db, key }: { db: Db; key: string }): Promise<KreisBoundaries> {
  const region = await findRegion(db, key, today());
  if (region.level === 'gemeinde') {
    throw new AppError('validation_failed', 'Kreisgrenzen gibt es für Länder, Regierungsbezirke und Kreise.');
  }
  const rows = await queryRowsAs(
    db,
    BoundaryRow,
    sql`select v.ags, v.name, b.geometry, b.source_file, b.imported_at::text as imported_at
        from region_versions v join regions r on r.id = v.region_id
        left join kreis_boundaries b on b.ags = v.ags
        where r.level = 'kreis' and v.valid_to is null and v.ags like ${`${region.ags}%`}
        order by v.ags`,
  );
  const latest = rows
    .filter((row) => row.imported_at)
    .sort((a, b) => (b.imported_at ?? '').localeCompare(a.imported_at ?? ''))[0];
  return {
    items: rows.flatMap((row) =>
      row.geometry ? [{ ags: row.ags, name: row.name, geometry: row.geometry }] : [],
    ),
    missing: rows.filter((row) => !row.geometry).map((row) => ({ ags: row.ags, name: row.name })),
    source: latest
      ? { fileName: latest.source_file ?? '', importedAt: new Date(latest.imported_at ?? '').toISOString() }
      : null,
  };
}
