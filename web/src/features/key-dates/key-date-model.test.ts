import type { KeyDateRow } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import { correctionText } from './key-date-model';

const figures = (conformant: number, targetServices: number): KeyDateRow['figures'] => ({
  targetServices,
  levelCounts: [targetServices - conformant, 0, 0, conformant, 0],
  conformant,
  conformantShare: targetServices > 0 ? conformant / targetServices : null,
  populationWeightedShare: null,
  onlineByDeadline: 0,
  onlineByDeadlineShare: null,
  overdue: targetServices - conformant,
  medianDaysLate: null,
});

describe('correctionText', () => {
  it('says nothing when today’s replay equals the frozen figures', () => {
    expect(correctionText({ figures: figures(1, 4), recomputed: null })).toBeNull();
  });

  it('shows the recomputed share and the correction in percentage points beside the frozen one', () => {
    expect(
      correctionText({ figures: figures(1, 4), recomputed: { figures: figures(2, 4), administrations: 1 } }),
    ).toBe('heute berechnet: 50,0\u00a0% (Korrektur +25,0\u00a0Pp.)');
    expect(
      correctionText({ figures: figures(2, 4), recomputed: { figures: figures(1, 4), administrations: 1 } }),
    ).toBe('heute berechnet: 25,0\u00a0% (Korrektur −25,0\u00a0Pp.)');
  });

  it('names the counts when only they changed', () => {
    expect(
      correctionText({ figures: figures(1, 4), recomputed: { figures: figures(1, 4), administrations: 2 } }),
    ).toBe('heute berechnet: 1 von 4 OZG-konform');
  });
});
