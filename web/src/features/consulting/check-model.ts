import {
  type CheckAnswers,
  type CheckResult,
  type QuestionnaireDefinition,
  type QuickWin,
  SOLUTION_KIND_LABELS,
} from '@ozg/shared';

/** A score of 0-100 as people read it: whole points, "–" where nothing counted. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '–' : String(Math.round(score));
}

/** How many questions are answered, of how many. */
export function answeredCount(definition: QuestionnaireDefinition, answers: CheckAnswers) {
  const questions = definition.dimensions.flatMap((d) => d.questions);
  return {
    answered: questions.filter((q) => answers[q.key] !== undefined && q.options[answers[q.key] as number])
      .length,
    total: questions.length,
  };
}

/**
 * The answers of a draft carried over to another version: a question with the
 * same key keeps its answer when the option still exists, the rest is open.
 */
export function carryAnswers(answers: CheckAnswers, to: QuestionnaireDefinition): CheckAnswers {
  const carried: CheckAnswers = {};
  for (const question of to.dimensions.flatMap((d) => d.questions)) {
    const index = answers[question.key];
    if (index !== undefined && index >= 0 && index < question.options.length) carried[question.key] = index;
  }
  return carried;
}

export type ComparisonRow = {
  key: string;
  name: string;
  score: number | null;
  previous: number | null;
  kreis: number | null;
  land: number | null;
};

/**
 * One row per dimension of the latest submission (and the overall score
 * last): the municipality, its previous submission and the peers' medians.
 */
export function comparisonRows(result: CheckResult): ComparisonRow[] {
  const latest = result.latest?.scores;
  if (!latest) return [];
  const previous = result.history[1]?.scores ?? null;
  const median = (group: CheckResult['peers']['land'], key: string) =>
    group.dimensions.find((d) => d.key === key)?.median ?? null;
  return [
    ...latest.dimensions.map((dimension) => ({
      key: dimension.key,
      name: dimension.name,
      score: dimension.score,
      previous: previous?.dimensions.find((d) => d.key === dimension.key)?.score ?? null,
      kreis: median(result.peers.kreis, dimension.key),
      land: median(result.peers.land, dimension.key),
    })),
    {
      key: 'overall',
      name: 'Gesamt',
      score: latest.overall,
      previous: previous?.overall ?? null,
      kreis: result.peers.kreis.overall,
      land: result.peers.land.overall,
    },
  ];
}

/** The title of the measure a quick win becomes: the service and the solution most peers use. */
export function quickWinMeasureTitle(win: Pick<QuickWin, 'name' | 'solutions'>): string {
  const solution = win.solutions[0]?.solution;
  return `${win.name}: ${solution ? SOLUTION_KIND_LABELS[solution] : 'gemeinsame Lösung'} nachnutzen`.slice(
    0,
    300,
  );
}

/** "12 Kommunen (9 civento, 3 EfA-Dienst)" */
export function quickWinUsers(win: Pick<QuickWin, 'peers' | 'solutions'>): string {
  const parts = win.solutions.map((s) => `${s.count} ${SOLUTION_KIND_LABELS[s.solution]}`).join(', ');
  return `${win.peers} ${win.peers === 1 ? 'Kommune' : 'Kommunen'} (${parts})`;
}
