/**
 * The days that matter for OZG reporting (domain.md): the deadline, OZG 2.0
 * in force, and the first compliance-cost survey of § 11 OZG. Every
 * installation has them; the ministry adds others (decision 018).
 */
export const DEFAULT_KEY_DATES = [
  { day: '2022-12-31', label: 'Frist des OZG' },
  { day: '2024-07-24', label: 'OZG 2.0 in Kraft' },
  { day: '2026-01-01', label: 'Erhebung des Erfüllungsaufwands (§ 11 OZG)' },
] as const;

/** "heute berechnet: 41,2 % (Korrektur +0,3 Prozentpunkte)": a later correction of history beside a frozen figure. */
export function correctionNote(
  frozen: number | null,
  recomputed: number | null,
  format: (value: number) => string,
  formatDelta: (delta: number) => string,
): string | null {
  if (recomputed === null || frozen === recomputed) return null;
  if (frozen === null) return `heute berechnet: ${format(recomputed)}`;
  const delta = recomputed - frozen;
  return `heute berechnet: ${format(recomputed)} (Korrektur ${delta > 0 ? '+' : '−'}${formatDelta(Math.abs(delta))})`;
}
