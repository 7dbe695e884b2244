import { jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

/**
 * The outline of a Kreis for the map, as a GeoJSON Polygon or MultiPolygon in
 * WGS84 (longitude, latitude), simplified on import. Keyed by the Kreis AGS, not
 * by region id: the file describes the territory by its official key, and a
 * replaced region (territory change) keeps its key. Replaced per Land by
 * `pnpm ozg import boundaries`.
 */
export const kreisBoundaries = pgTable('kreis_boundaries', {
  ags: varchar({ length: 5 }).primaryKey(),
  /** Name as given in the file (VG250 GEN), for checking; the app shows the region's own name. */
  name: varchar({ length: 200 }).notNull(),
  geometry: jsonb().$type<BoundaryGeometry>().notNull(),
  sourceFile: varchar({ length: 300 }).notNull(),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Rings of [longitude, latitude] positions; the first ring of a polygon is its outline, the rest holes. */
export type BoundaryGeometry =
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };
