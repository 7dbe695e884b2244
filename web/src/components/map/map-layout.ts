/**
 * Shaping of the Kreis map: colour classes of a share and the tile layout used
 * when no boundaries are loaded. Pure functions, so that the drawing components
 * only draw.
 */

import type { RegionKind } from '@ozg/shared';

/** A Kreis on the map; `share` is between 0 and 1 (e.g. the OZG-konform share), null when there is no figure. */
export type KreisValue = { ags: string; name: string; share: number | null; kind?: RegionKind };

/**
 * Six classes, light to dark blue (a sequential scale that stays readable for
 * the common colour-vision deficiencies). Finer steps below one half, where
 * most Kreise are while the rollout goes on, so that the map tells them apart.
 * The ink is the text colour on the class with at least 4.5:1 contrast.
 */
export const SHARE_CLASSES = [
  { from: 0, to: 0.2, fill: '#eef4fb', ink: '#1b2430' },
  { from: 0.2, to: 0.3, fill: '#c9dcf0', ink: '#1b2430' },
  { from: 0.3, to: 0.4, fill: '#95bde3', ink: '#1b2430' },
  { from: 0.4, to: 0.5, fill: '#5e97cf', ink: '#1b2430' },
  { from: 0.5, to: 0.75, fill: '#2f6fb3', ink: '#ffffff' },
  { from: 0.75, to: 1, fill: '#123f73', ink: '#ffffff' },
] as const;
/**
 * "keine Angabe" is hatched, not a flat tint: a flat light grey read like the
 * lightest blue (0 bis 20 %), so a Kreis without figures looked like one far
 * behind. `fill` is the ground, `hatch` the stripes.
 */
export const NO_VALUE = { fill: '#ffffff', hatch: '#8a94a3', ink: '#1b2430' } as const;
/** The hatching as a CSS background, for tiles and the legend (the SVG map draws the same as a pattern). */
export const NO_VALUE_BACKGROUND = `repeating-linear-gradient(135deg, ${NO_VALUE.hatch} 0 1.5px, ${NO_VALUE.fill} 1.5px 6px)`;

export type ShareClass = (typeof SHARE_CLASSES)[number];

/** The class of a share: from inclusive, to exclusive; 1 (100 %) belongs to the top class. */
export function shareClass(share: number | null): ShareClass | null {
  if (share === null || Number.isNaN(share)) return null;
  return (
    SHARE_CLASSES.find((candidate) => share < candidate.to) ?? SHARE_CLASSES[SHARE_CLASSES.length - 1] ?? null
  );
}

export function colourOf(share: number | null): { fill: string; ink: string } {
  return shareClass(share) ?? NO_VALUE;
}

/** The CSS background of a share: its class colour, or the hatching of "keine Angabe". */
export function backgroundOf(share: number | null): string {
  return shareClass(share)?.fill ?? NO_VALUE_BACKGROUND;
}

/**
 * Tile positions (column, row) of Hessen's 26 Kreise, north at the top, drawn
 * after their rough position on the map, so that the tile map reads like a map.
 */
const HESSEN_TILES: Record<string, [number, number]> = {
  '06635': [1, 0], // Waldeck-Frankenberg
  '06633': [2, 0], // Landkreis Kassel
  '06611': [3, 0], // Kassel
  '06636': [4, 0], // Werra-Meißner-Kreis
  '06534': [1, 1], // Marburg-Biedenkopf
  '06634': [2, 1], // Schwalm-Eder-Kreis
  '06632': [3, 1], // Hersfeld-Rotenburg
  '06532': [0, 2], // Lahn-Dill-Kreis
  '06531': [1, 2], // Gießen
  '06535': [2, 2], // Vogelsbergkreis
  '06631': [3, 2], // Fulda
  '06533': [0, 3], // Limburg-Weilburg
  '06434': [1, 3], // Hochtaunuskreis
  '06440': [2, 3], // Wetteraukreis
  '06435': [3, 3], // Main-Kinzig-Kreis
  '06439': [0, 4], // Rheingau-Taunus-Kreis
  '06436': [1, 4], // Main-Taunus-Kreis
  '06412': [2, 4], // Frankfurt am Main
  '06413': [3, 4], // Offenbach am Main
  '06414': [0, 5], // Wiesbaden
  '06433': [1, 5], // Groß-Gerau
  '06438': [2, 5], // Landkreis Offenbach
  '06411': [1, 6], // Darmstadt
  '06432': [2, 6], // Darmstadt-Dieburg
  '06431': [1, 7], // Bergstraße
  '06437': [2, 7], // Odenwaldkreis
};

export type Tile = KreisValue & { column: number; row: number };

/**
 * Places the Kreise on a grid: Hessen by its fixed layout, any other set in
 * key order (Regierungsbezirke stay together), `columns` to a row.
 */
export function tileLayout(
  kreise: readonly KreisValue[],
  columns = 5,
): { tiles: Tile[]; columns: number; rows: number } {
  const known = kreise.every((kreis) => HESSEN_TILES[kreis.ags]);
  const tiles = known
    ? kreise.map((kreis) => {
        const [column, row] = HESSEN_TILES[kreis.ags] as [number, number];
        return { ...kreis, column, row };
      })
    : [...kreise]
        .sort((a, b) => a.ags.localeCompare(b.ags))
        .map((kreis, index) => ({ ...kreis, column: index % columns, row: Math.floor(index / columns) }));
  return {
    tiles,
    columns: Math.max(0, ...tiles.map((tile) => tile.column + 1)),
    rows: Math.max(0, ...tiles.map((tile) => tile.row + 1)),
  };
}

/**
 * Soft hyphens before the common endings of Kreis names ("Vogelsberg­kreis"),
 * so that a narrow tile breaks there and not at an arbitrary letter: browsers
 * without a German hyphenation dictionary ignore `hyphens: auto`.
 */
export function withSoftHyphens(name: string): string {
  return name.replace(/(\p{Ll})(kreis|kreises|stadt)\b/gu, '$1\u00AD$2');
}
