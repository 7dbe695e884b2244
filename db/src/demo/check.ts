import { type CheckAnswers, DEFAULT_QUESTIONNAIRE, type RecommendationRule, scoreCheck } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../client';
import type { Random } from './random';

/**
 * The demo's module recommendation rules, by module name (the demo modules of
 * seed.ts): first match per area wins, so the specific rules come first.
 */
const DEMO_RULES: (Omit<RecommendationRule, 'moduleId'> & { module: string })[] = [
  {
    module: 'Digitale Verwaltungsprozesse',
    reason: 'Niedriger Stand bei E-Akte und Prozessen',
    dimensions: ['e_akte', 'prozesse'],
    dimensionBelow: 50,
    overallBelow: null,
    ozgShareBelow: null,
    ozgGapBelow: null,
  },
  {
    module: 'Digitalisierungsstrategie',
    reason: 'Wenig Zuständigkeit, Qualifizierung und Strategie',
    dimensions: ['personal'],
    dimensionBelow: 50,
    overallBelow: null,
    ozgShareBelow: null,
    ozgGapBelow: null,
  },
  {
    module: 'Digitalisierungsstrategie',
    reason: 'Niedriger Gesamtstand im Check',
    dimensions: [],
    dimensionBelow: null,
    overallBelow: 60,
    ozgShareBelow: null,
    ozgGapBelow: null,
  },
  {
    module: 'OZG-Umsetzungsplanung',
    reason: 'Deutlich hinter vergleichbaren Kommunen bei den OZG-Leistungen',
    dimensions: [],
    dimensionBelow: null,
    overallBelow: null,
    ozgShareBelow: null,
    ozgGapBelow: -0.05,
  },
  {
    module: 'OZG-Reifegrad-Check',
    reason: 'Weniger als zwei Drittel der Leistungen OZG-konform',
    dimensions: [],
    dimensionBelow: null,
    overallBelow: null,
    ozgShareBelow: 0.67,
    ozgGapBelow: null,
  },
];

const dayAfter = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The default questionnaire as version 1, the demo rules, and checks of about
 * a third of the Gemeinden (some repeated a year later, a little better), with
 * answers that follow each Gemeinde's own digital maturity. The officer's
 * Gemeinde has none, so that answering the check starts from a clean slate.
 */
export async function insertDemoChecks(
  db: Db,
  input: { gemeindeIds: number[]; today: string; random: Random },
): Promise<void> {
  const { random, today } = input;
  const [questionnaire] = await queryRows<{ id: number }>(
    db,
    sql`insert into check_questionnaires (version, title, definition, shipped_default, source)
        values (1, ${DEFAULT_QUESTIONNAIRE.title}, ${JSON.stringify(DEFAULT_QUESTIONNAIRE)}::jsonb, true, 'default')
        returning id`,
  );
  const modules = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from consulting_modules`,
  );
  const rules = DEMO_RULES.flatMap(({ module, ...rule }) => {
    const id = modules.find((m) => m.name === module)?.id;
    return id === undefined ? [] : [{ moduleId: id, ...rule }];
  });
  await db.execute(
    sql`insert into recommendation_rule_sets (version, rules) values (1, ${JSON.stringify(rules)}::jsonb)`,
  );

  const answer = (maturity: number): CheckAnswers => {
    const answers: CheckAnswers = {};
    for (const dimension of DEFAULT_QUESTIONNAIRE.dimensions) {
      // Each field has its own strength around the Gemeinde's overall maturity.
      const field = maturity + 0.18 * random.normal();
      for (const question of dimension.questions) {
        const scored = question.options.filter((o) => o.points !== null).length;
        if (random.chance(0.04)) {
          answers[question.key] = question.options.length - 1; // Keine Angabe
          continue;
        }
        const level = Math.round((field + 0.15 * random.normal()) * (scored - 1));
        answers[question.key] = Math.min(scored - 1, Math.max(0, level));
      }
    }
    return answers;
  };
  const rows: Record<string, unknown>[] = [];
  for (const regionId of input.gemeindeIds) {
    if (!random.chance(0.35)) continue;
    const maturity = Math.min(0.95, Math.max(0.05, 0.45 + 0.2 * random.normal()));
    const repeated = random.chance(0.3);
    const first = dayAfter(today, -random.int(repeated ? 400 : 20, repeated ? 700 : 380));
    const submissions = repeated
      ? [
          { day: first, maturity },
          { day: dayAfter(first, random.int(300, 380)), maturity: Math.min(0.98, maturity + 0.1) },
        ]
      : [{ day: first, maturity }];
    for (const submission of submissions) {
      if (submission.day >= today) continue;
      const answers = answer(submission.maturity);
      rows.push({
        region_id: regionId,
        answers,
        scores: scoreCheck(DEFAULT_QUESTIONNAIRE, answers),
        at: `${submission.day}T09:30:00Z`,
      });
    }
  }
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into check_submissions (region_id, questionnaire_id, state, answers, scores, created_at, updated_at, submitted_at)
    select region_id, ${questionnaire?.id}, 'submitted', answers, scores, at, at, at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(region_id int, answers jsonb, scores jsonb, at timestamptz)`);
}
