import { type Db, isoTimestampSql, queryRowsAs } from '@ozg/db';
import {
  CheckScoresSchema,
  CONSULTING_AREA_LABELS,
  CONSULTING_AREAS,
  evaluateRule,
  type ModuleSuggestion,
  type Recommendation,
  type RecommendationRule,
  type RecommendationRuleSet,
  RecommendationRuleSetSchema,
  RecommendationRulesSchema,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
import { getQuestionnaire } from './check';
import { getLaggards } from './laggards';
import { resolveAdministration } from './regions';

/*
 * The module recommendation (issue 17): rules that the ministry edits (data,
 * versioned like the questionnaire) decide from the latest submitted check and
 * the OZG figures (share and gap to the fair peers, as in the laggards) which
 * module fits. The first rule that holds in an area names that area's module.
 */

export async function getRecommendationRules({ db }: { db: Db }): Promise<RecommendationRuleSet> {
  const [row] = await queryRowsAs(
    db,
    RecommendationRuleSetSchema,
    sql`select r.version, r.rules, ${isoTimestampSql('r.created_at')} as "createdAt",
          case when u.id is null then null else json_build_object('id', u.id, 'displayName', u.display_name) end as "createdBy"
        from recommendation_rule_sets r left join users u on u.id = r.created_by
        order by r.version desc limit 1`,
  );
  return row ?? { version: null, rules: [], createdAt: null, createdBy: null };
}

/** Saves the rules as a new version (the ministry); modules and dimensions must exist. */
export async function saveRecommendationRules(input: {
  db: Db;
  actor: Actor | null;
  version: number | null;
  rules: RecommendationRule[];
}): Promise<RecommendationRuleSet> {
  const rules = RecommendationRulesSchema.parse(input.rules);
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await db.execute(sql`lock table recommendation_rule_sets in share row exclusive mode`);
    const current = await getRecommendationRules({ db });
    if (current.version !== input.version)
      throw new AppError(
        'conflict',
        'Die Empfehlungsregeln wurden inzwischen geändert. Bitte die aktuelle Fassung prüfen.',
        { current },
      );
    const modules = await queryRowsAs(
      db,
      z.object({ id: z.number().int() }),
      sql`select id from consulting_modules`,
    );
    const dimensions = new Set((await getQuestionnaire({ db })).definition.dimensions.map((d) => d.key));
    const problems = rules.flatMap((rule, index) => [
      ...(modules.some((m) => m.id === rule.moduleId)
        ? []
        : [{ path: `rules.${index}.moduleId`, message: `Modul ${rule.moduleId} gibt es nicht` }]),
      ...rule.dimensions
        .filter((key) => !dimensions.has(key))
        .map((key) => ({
          path: `rules.${index}.dimensions`,
          message: `Dimension „${key}“ gibt es im Fragebogen nicht`,
        })),
    ]);
    if (problems.length > 0)
      throw new AppError(
        'unprocessable',
        `Die Regeln wurden nicht gespeichert: ${problems[0]?.message}.`,
        problems,
      );
    await db.execute(sql`
      insert into recommendation_rule_sets (version, rules, created_by)
      values (${(current.version ?? 0) + 1}, ${JSON.stringify(rules)}::jsonb, ${input.actor?.id ?? null})`);
    return getRecommendationRules({ db });
  });
}

/**
 * Which module fits a municipality, per area, with the reason and the facts
 * behind it ("E-Akte und Schriftgut 25 von 100"). Rules on check scores wait
 * for a submitted check; the notes say so.
 */
export async function getRecommendation({ db, ags }: { db: Db; ags: string }): Promise<Recommendation> {
  const municipality = await resolveAdministration(db, ags);
  const [latest] = await queryRowsAs(
    db,
    z.object({ scores: CheckScoresSchema, submitted_at: z.string(), version: z.number().int() }),
    sql`select s.scores, ${isoTimestampSql('s.submitted_at')} as submitted_at, q.version
        from check_submissions s join check_questionnaires q on q.id = s.questionnaire_id
        where s.region_id = ${municipality.regionId} and s.state = 'submitted'
        order by s.submitted_at desc, s.id desc limit 1`,
  );
  const laggards = await getLaggards({ db, key: municipality.ags.slice(0, 2), filter: {} });
  const figures = laggards.items.find((item) => item.region.ags === municipality.ags);
  const ozg = {
    share: figures?.share ?? null,
    peerMedian: figures?.peerMedian ?? null,
    gap: figures?.gap ?? null,
  };
  const ruleSet = await getRecommendationRules({ db });
  const modules = await queryRowsAs(
    db,
    z.object({ id: z.number().int(), name: z.string(), area: z.enum(CONSULTING_AREAS), active: z.boolean() }),
    sql`select id, name, area, active from consulting_modules`,
  );
  const suggestions: ModuleSuggestion[] = [];
  let undecided = false;
  for (const rule of ruleSet.rules) {
    const module = modules.find((m) => m.id === rule.moduleId && m.active);
    if (!module || suggestions.some((s) => s.area === module.area)) continue;
    const result = evaluateRule(rule, {
      check: latest?.scores ?? null,
      ozgShare: ozg.share,
      ozgGap: ozg.gap,
    });
    undecided ||= result.undecided;
    if (result.holds)
      suggestions.push({
        area: module.area,
        module: { id: module.id, name: module.name },
        reason: `${rule.reason}: Modul „${module.name}“ (${CONSULTING_AREA_LABELS[module.area]})`,
        facts: result.facts,
      });
  }
  const notes = [
    ...(ruleSet.rules.length === 0 ? ['Es sind noch keine Empfehlungsregeln hinterlegt.'] : []),
    ...(!latest && undecided
      ? ['Noch kein Digitalisierungs-Check eingereicht: Regeln zu den Check-Ergebnissen greifen erst danach.']
      : []),
    ...(ruleSet.rules.length > 0 && suggestions.length === 0 && !(!latest && undecided)
      ? ['Keine Regel trifft zu: das Modul nach dem Bedarf der Kommune wählen.']
      : []),
  ];
  return {
    region: { ags: municipality.ags, name: municipality.name },
    check: latest ? { submittedAt: latest.submitted_at, questionnaireVersion: latest.version } : null,
    ozg,
    suggestions,
    notes,
    rulesVersion: ruleSet.version,
  };
}
