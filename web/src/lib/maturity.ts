import {
  MATURITY_LABELS_1_1,
  type MaturityLevel,
  type MaturityModel,
  REIFEGRADMODELL_2_0,
} from '@ozg/shared';

/**
 * One way to write a Reifegrad: always with the version of the Reifegradmodell
 * it was recorded under, because 1.1 (levels 0–4) and 2.0 (levels 0–7) will
 * coexist and "3" means something else in each.
 */

/** The level's name (2.0: of the shipped definition; a revised version may rename them). */
export function maturityName(level: number, model: MaturityModel): string | null {
  if (model === '1.1') return MATURITY_LABELS_1_1[level as MaturityLevel] ?? null;
  return REIFEGRADMODELL_2_0.levels[level]?.name ?? null;
}

/** Short form beside the number: "3 (RGM 1.1)". */
export const maturityShort = (level: number, model: MaturityModel) => `${level} (RGM ${model})`;

/** What a screen reader says: "Reifegrad 3 nach Reifegradmodell 1.1". */
export const maturityAccessible = (level: number, model: MaturityModel) =>
  `Reifegrad ${level} nach Reifegradmodell ${model}`;

/** Plain text where no markup fits (history, previews, options): "3 – Online-Leistung (RGM 1.1)". */
export function maturityText(level: number, model: MaturityModel): string {
  const name = maturityName(level, model);
  return name ? `${level} – ${name} (RGM ${model})` : maturityShort(level, model);
}
