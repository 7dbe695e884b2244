/** The OZG catalogue: Themenfelder, LeiKa types and who executes a service. */

/** The 14 Themenfelder of the OZG-Umsetzungskatalog. */
export const THEMENFELDER = [
  'Arbeit & Ruhestand',
  'Bauen & Wohnen',
  'Bildung',
  'Ein- & Auswanderung',
  'Engagement & Hobby',
  'Familie & Kind',
  'Forschung & Förderung',
  'Gesundheit',
  'Mobilität & Reisen',
  'Querschnitt',
  'Recht & Ordnung',
  'Steuern & Zoll',
  'Umwelt',
  'Unternehmensführung & -entwicklung',
] as const;
export type Themenfeld = (typeof THEMENFELDER)[number];

export function isThemenfeld(value: string): value is Themenfeld {
  return (THEMENFELDER as readonly string[]).includes(value);
}

/** Which administrative level executes a service. Not part of the official catalogue: editable data. */
export const EXECUTING_LEVELS = ['gemeinde', 'kreis', 'land', 'bund'] as const;
export type ExecutingLevel = (typeof EXECUTING_LEVELS)[number];

export const EXECUTING_LEVEL_LABELS: Record<ExecutingLevel, string> = {
  gemeinde: 'Gemeinde',
  kreis: 'Kreis',
  land: 'Land',
  bund: 'Bund',
};

/**
 * A LeiKa-Typ field as published: one or more types separated by commas, each a
 * number or the combined "2/3" (e.g. "1, 2/3"). Types 2/3 (Bund regulates, Land
 * or Kommune executes), 4 (Land regulates, Land or Kommune executes) and 5
 * (Kommune regulates and executes) may be executed by a municipality.
 */
export type LeikaTypes = readonly string[];

const LEIKA_TYPE_TOKEN = /^\d{1,2}(\/\d{1,2})?$/;
const MUNICIPAL_LEIKA_TYPES = new Set(['2', '3', '2/3', '4', '5']);

/** Parses a LeiKa-Typ field; returns null when a token is not a type. An empty field means "no type given". */
export function parseLeikaTypes(raw: string): LeikaTypes | null {
  const tokens = raw
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
  return tokens.every((token) => LEIKA_TYPE_TOKEN.test(token)) ? tokens : null;
}

export function isMunicipalLeikaType(types: LeikaTypes): boolean {
  return types.some((type) => MUNICIPAL_LEIKA_TYPES.has(type));
}

/** The 5-digit OZG-ID of an OZG-Leistung (e.g. 10513 = Abbruchgenehmigung). */
export function isOzgId(value: string): boolean {
  return /^\d{5}$/.test(value);
}

/** The published placeholder for a service that has no LeiKa key. */
export const LEIKA_KEY_MISSING = 'nicht im LeiKa';

/** LeiKa keys are 14 digits; the published file also holds a few shorter test keys, which are kept as they are. */
export function isLeikaKey(value: string): boolean {
  return /^\d{1,14}$/.test(value);
}
