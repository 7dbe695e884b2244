import { correctionNote, type KeyDateRow } from '@ozg/shared';
import { formatPercentagePoints, formatShare } from '../../lib/format';

/**
 * "heute berechnet: 41,5 % (Korrektur +0,3 Pp.)" beside a frozen share when
 * history was corrected after the key date was frozen; null when the replay of
 * today gives the same figures.
 */
export function correctionText(row: Pick<KeyDateRow, 'figures' | 'recomputed'>): string | null {
  if (!row.recomputed) return null;
  return (
    correctionNote(
      row.figures.conformantShare,
      row.recomputed.figures.conformantShare,
      formatShare,
      (delta) => formatPercentagePoints(delta).replace(/^\+/, ''),
    ) ??
    // The share can stay while counts change (e.g. one more target service and one more conformant).
    `heute berechnet: ${row.recomputed.figures.conformant} von ${row.recomputed.figures.targetServices} OZG-konform`
  );
}
