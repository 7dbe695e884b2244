import { describe, expect, it } from 'vitest';
import {
  answerProblems,
  DEFAULT_QUESTIONNAIRE,
  evaluateRule,
  QuestionnaireDefinitionSchema,
  type RecommendationRule,
  scoreCheck,
} from './check';

const tiny = QuestionnaireDefinitionSchema.parse({
  title: 'T',
  dimensions: [
    {
      key: 'a',
      name: 'A',
      weight: 2,
      questions: [
        {
          key: 'a1',
          text: 'a1',
          weight: 3,
          options: [
            { label: 'Nein', points: 0 },
            { label: 'Ja', points: 2 },
            { label: 'k. A.', points: null },
          ],
        },
        {
          key: 'a2',
          text: 'a2',
          options: [
            { label: 'Nein', points: 0 },
            { label: 'Ja', points: 4 },
          ],
        },
      ],
    },
    {
      key: 'b',
      name: 'B',
      questions: [
        {
          key: 'b1',
          text: 'b1',
          options: [
            { label: 'Nein', points: 0 },
            { label: 'Ja', points: 1 },
          ],
        },
      ],
    },
  ],
});

const rule = (overrides: Partial<RecommendationRule>): RecommendationRule => ({
  moduleId: 1,
  reason: 'r',
  dimensions: [],
  dimensionBelow: null,
  overallBelow: null,
  ozgShareBelow: null,
  ozgGapBelow: null,
  ...overrides,
});

describe('the check', () => {
  it('ships a valid default questionnaire with unique keys', () => {
    expect(QuestionnaireDefinitionSchema.safeParse(DEFAULT_QUESTIONNAIRE).success).toBe(true);
  });

  it('scores weighted means of points over the best points; "keine Angabe" and open questions do not count', () => {
    // a: (3 * 1 + 1 * 0) / 4 = 75; b: 0; overall (2 * 75 + 0) / 3 = 50
    expect(scoreCheck(tiny, { a1: 1, a2: 0, b1: 0 })).toMatchObject({
      overall: 50,
      dimensions: [
        { key: 'a', score: 75, answered: 2 },
        { key: 'b', score: 0 },
      ],
    });
    // a1 without a statement: only a2 counts; b open: no score, the overall is a's alone.
    expect(scoreCheck(tiny, { a1: 2, a2: 1 })).toMatchObject({
      overall: 100,
      dimensions: [
        { score: 100, answered: 2 },
        { score: null, answered: 0 },
      ],
    });
  });

  it('names unknown questions, impossible answers and, for a submission, open questions', () => {
    expect(answerProblems(tiny, { a1: 5, x: 0 }, true).map((p) => p.path)).toEqual([
      'answers.a1',
      'answers.x',
      'answers.a2',
      'answers.b1',
    ]);
    expect(answerProblems(tiny, { a1: 1 }, false)).toEqual([]);
  });

  it('refuses a questionnaire with a doubled question key or a weight of 0', () => {
    const doubled = { ...tiny, dimensions: [...tiny.dimensions, { ...tiny.dimensions[1], key: 'c' }] };
    expect(QuestionnaireDefinitionSchema.safeParse(doubled).error?.issues[0]?.message).toBe(
      'Frage „b1“ doppelt',
    );
    const zero = { ...tiny, dimensions: [{ ...tiny.dimensions[1], weight: 0 }] };
    expect(QuestionnaireDefinitionSchema.safeParse(zero).success).toBe(false);
  });
});

describe('recommendation rules', () => {
  const scores = scoreCheck(tiny, { a1: 0, a2: 0, b1: 1 });

  it('hold when every condition holds, naming the facts', () => {
    expect(
      evaluateRule(rule({ dimensions: ['a'], dimensionBelow: 50 }), {
        check: scores,
        ozgShare: 0.5,
        ozgGap: -0.1,
      }),
    ).toEqual({
      holds: true,
      facts: ['A 0 von 100'],
      undecided: false,
    });
    expect(
      evaluateRule(rule({ dimensions: ['a', 'b'], dimensionBelow: 50 }), {
        check: scores,
        ozgShare: 0.5,
        ozgGap: null,
      }).holds,
    ).toBe(false);
    expect(evaluateRule(rule({ ozgGapBelow: -0.05 }), { check: null, ozgShare: 0.5, ozgGap: -0.12 })).toEqual(
      {
        holds: true,
        facts: ['12 Prozentpunkte unter dem Median der Vergleichsgruppe'],
        undecided: false,
      },
    );
  });

  it('wait for a submitted check when they ask for its scores', () => {
    expect(evaluateRule(rule({ overallBelow: 60 }), { check: null, ozgShare: 0.2, ozgGap: null })).toEqual({
      holds: false,
      facts: [],
      undecided: true,
    });
  });
});
