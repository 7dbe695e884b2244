/**
 * Region hierarchy and official keys (Amtlicher Gemeindeschlüssel AGS,
 * Amtlicher Regionalschlüssel ARS), as used by the Destatis Gemeindeverzeichnis.
 */

export const REGION_LEVELS = ['land', 'bezirk', 'kreis', 'gemeinde'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  land: 'Land',
  bezirk: 'Regierungsbezirk',
  kreis: 'Kreis',
  gemeinde: 'Gemeinde',
};

/** What kind of region it is within its level (derived from the GV100AD type codes). */
export const REGION_KINDS = [
  'land',
  'regierungsbezirk',
  'kreisfreie_stadt',
  'stadtkreis',
  'kreis',
  'landkreis',
  'regionalverband',
  'stadt',
  'gemeinde',
  'markt',
  'grosse_kreisstadt',
] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const REGION_KIND_LABELS: Record<RegionKind, string> = {
  land: 'Land',
  regierungsbezirk: 'Regierungsbezirk',
  kreisfreie_stadt: 'Kreisfreie Stadt',
  stadtkreis: 'Stadtkreis',
  kreis: 'Kreis',
  landkreis: 'Landkreis',
  regionalverband: 'Regionalverband',
  stadt: 'Stadt',
  gemeinde: 'Gemeinde',
  markt: 'Markt',
  grosse_kreisstadt: 'Große Kreisstadt',
};

/**
 * Kinds of Kreis that are a single city: the city is both a Kreis and a Gemeinde
 * in the official directory and one administration in reality.
 */
export const CITY_KREIS_KINDS: readonly RegionKind[] = ['kreisfreie_stadt', 'stadtkreis'];

export function isCityKreis(kind: RegionKind): boolean {
  return CITY_KREIS_KINDS.includes(kind);
}

/** GV100AD type codes (positions 123-124) of Kreis records. */
export const GV100_KREIS_TYPES: Readonly<Record<string, RegionKind>> = {
  '41': 'kreisfreie_stadt',
  '42': 'stadtkreis',
  '43': 'kreis',
  '44': 'landkreis',
  '45': 'regionalverband',
};

/** GV100AD type codes of Gemeinde records that are municipalities with services. */
export const GV100_GEMEINDE_TYPES: Readonly<Record<string, RegionKind>> = {
  '60': 'markt',
  '61': 'kreisfreie_stadt',
  '62': 'stadtkreis',
  '63': 'stadt',
  '64': 'gemeinde',
  '67': 'grosse_kreisstadt',
};

/**
 * Gemeindefreie Gebiete (65 inhabited, 66 uninhabited: forests, lakes, military
 * areas) have no administration of their own and therefore no services.
 */
export const GV100_UNINCORPORATED_TYPES: readonly string[] = ['65', '66'];

export type RegionKey = { column: 'ags' | 'ars'; value: string; level: RegionLevel };

const KEY_LEVEL_BY_LENGTH: Record<number, { column: 'ags' | 'ars'; level: RegionLevel }> = {
  2: { column: 'ags', level: 'land' },
  3: { column: 'ags', level: 'bezirk' },
  5: { column: 'ags', level: 'kreis' },
  8: { column: 'ags', level: 'gemeinde' },
  12: { column: 'ars', level: 'gemeinde' },
};

/**
 * Reads a region key as typed by a user or an URL: an AGS of a Land (2 digits),
 * Regierungsbezirk (3), Kreis (5) or Gemeinde (8), or the 12-digit ARS of a Gemeinde.
 * Returns null when the key is none of these.
 */
export function parseRegionKey(input: string): RegionKey | null {
  const value = input.trim();
  if (!/^\d+$/.test(value)) return null;
  const match = KEY_LEVEL_BY_LENGTH[value.length];
  return match ? { ...match, value } : null;
}

/** Builds the 12-digit ARS from its parts; the file order (Gemeinde before Verband) differs from the key order. */
export function buildArs(parts: {
  land: string;
  bezirk: string;
  kreis: string;
  verband: string;
  gemeinde: string;
}): string {
  return `${parts.land}${parts.bezirk}${parts.kreis}${parts.verband}${parts.gemeinde}`;
}

/** The 8-digit AGS contained in a 12-digit ARS (the Verband digits dropped). */
export function agsFromArs(ars: string): string {
  if (!/^\d{12}$/.test(ars)) throw new Error(`ARS muss 12 Ziffern haben: "${ars}"`);
  return `${ars.slice(0, 5)}${ars.slice(9, 12)}`;
}

/**
 * Hessen's Sonderstatusstädte (HGO § 4a: towns over 50,000 inhabitants that carry
 * some tasks of their Kreis), by AGS, with the period in which they had the status.
 * Hanau left the Main-Kinzig-Kreis and became kreisfrei on 1 January 2026.
 */
export const HESSEN_SONDERSTATUS: readonly { ags: string; name: string; until?: string }[] = [
  { ags: '06433012', name: 'Rüsselsheim am Main' },
  { ags: '06434001', name: 'Bad Homburg v. d. Höhe' },
  { ags: '06435014', name: 'Hanau', until: '2026-01-01' },
  { ags: '06531005', name: 'Gießen' },
  { ags: '06532023', name: 'Wetzlar' },
  { ags: '06534014', name: 'Marburg' },
  { ags: '06631009', name: 'Fulda' },
];

/** Whether the Gemeinde with this AGS is a Sonderstatusstadt on the given ISO date. */
export function isSonderstatusstadt(ags: string, onDate: string): boolean {
  return HESSEN_SONDERSTATUS.some((entry) => entry.ags === ags && (!entry.until || onDate < entry.until));
}
