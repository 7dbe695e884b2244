import { type CheckResult, DEFAULT_QUESTIONNAIRE } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import {
  answeredCount,
  carryAnswers,
  comparisonRows,
  formatScore,
  quickWinMeasureTitle,
  quickWinUsers,
} from './check-model';

const peers = (overall: number | null, eAkte: number | null) => ({
  group: 'g',
  count: 3,
  overall,
  dimensions: [{ key: 'e_akte', median: eAkte, count: 3 }],
});
const submission = (overall: number, eAkte: number) => ({
  id: 1,
  state: 'submitted' as const,
  questionnaireVersion: 1,
  answers: {},
  scores: {
    overall,
    dimensions: [{ key: 'e_akte', name: 'E-Akte', score: eAkte, answered: 4, questions: 4 }],
  },
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: null,
  submittedAt: '2026-01-01T00:00:00Z',
  version: 2,
});

describe('check model', () => {
  it('rounds scores to whole points and shows a dash where nothing counted', () => {
    expect(formatScore(42.6)).toBe('43');
    expect(formatScore(null)).toBe('–');
  });

  it('counts answered questions and carries answers to another version only where the option exists', () => {
    const first = DEFAULT_QUESTIONNAIRE.dimensions[0]?.questions[0]?.key as string;
    expect(answeredCount(DEFAULT_QUESTIONNAIRE, { [first]: 1, unknown: 0 })).toEqual({
      answered: 1,
      total: 26,
    });
    expect(carryAnswers({ [first]: 2, gone: 1 }, DEFAULT_QUESTIONNAIRE)).toEqual({ [first]: 2 });
    expect(carryAnswers({ [first]: 99 }, DEFAULT_QUESTIONNAIRE)).toEqual({});
  });

  it('compares the latest submission with the previous one and the peers, dimension by dimension and overall', () => {
    const result: CheckResult = {
      region: { ags: '06435901', name: 'X' },
      currentQuestionnaireVersion: 1,
      draft: null,
      mayAnswer: false,
      latest: submission(60, 50),
      history: [submission(60, 50), submission(40, 20)],
      peers: { kreis: peers(55, 45), land: peers(null, null) },
    };
    expect(comparisonRows(result)).toEqual([
      { key: 'e_akte', name: 'E-Akte', score: 50, previous: 20, kreis: 45, land: null },
      { key: 'overall', name: 'Gesamt', score: 60, previous: 40, kreis: 55, land: null },
    ]);
    expect(comparisonRows({ ...result, latest: null, history: [] })).toEqual([]);
  });

  it('titles the measure of a quick win after the solution most peers use', () => {
    const win = {
      name: 'Hundesteuer',
      peers: 5,
      solutions: [
        { solution: 'civento' as const, count: 4 },
        { solution: 'efa' as const, count: 1 },
      ],
    };
    expect(quickWinMeasureTitle(win)).toBe('Hundesteuer: civento (ekom21) nachnutzen');
    expect(quickWinUsers(win)).toBe('5 Kommunen (4 civento (ekom21), 1 EfA-Dienst)');
  });
});
