import { type Database, queryRows } from '@ozg/db';
import {
  type CheckAnswers,
  type CheckQuestionnaire,
  CheckQuestionnaireSchema,
  CheckResultSchema,
  type CheckScores,
  type CheckSubmission,
  CheckSubmissionSchema,
  type ConsultingModule,
  type ErrorBody,
  HIGH_DEMAND_PER_THOUSAND,
  type QuestionnaireDefinition,
  QuickWinsSchema,
  RecommendationRuleSetSchema,
  RecommendationSchema,
  SIZE_CLASSES,
  todayInGermany,
  WorklistSchema,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickWinsOf } from '../../services/quick-wins';
import { resolveAdministration } from '../../services/regions';
import { demoTestApp, signInAs, type TestApp, type TestClient } from '../../testing';

let database: Database;
let app: TestApp;
let consultant: TestClient;
let officer: TestClient;
let admin: TestClient;
let viewer: TestClient;
const OWN = '06435901';

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  [consultant, officer, admin, viewer] = await Promise.all([
    signInAs(app, 'consultant'),
    signInAs(app, 'officer'),
    signInAs(app, 'admin'),
    signInAs(app, 'viewer'),
  ]);
});
afterAll(async () => {
  await database.close();
});

const json = async <T>(res: Response) => (await res.json()) as T;
const questionnaire = async (version?: number) =>
  CheckQuestionnaireSchema.parse(
    await json(
      await viewer.request(
        'GET',
        `/api/v1/consulting/check/questionnaire${version ? `?version=${version}` : ''}`,
      ),
    ),
  ) as CheckQuestionnaire;

/**
 * A second, deliberately plain computation of the scores: points over the
 * best points per question, weighted means, "keine Angabe" left out.
 */
function plainScores(definition: QuestionnaireDefinition, answers: CheckAnswers) {
  const dims: { key: string; score: number | null; weight: number }[] = [];
  for (const d of definition.dimensions) {
    let sum = 0;
    let weight = 0;
    for (const q of d.questions) {
      const points = q.options[answers[q.key] ?? -1]?.points;
      if (points === null || points === undefined) continue;
      let best = 0;
      for (const o of q.options) if ((o.points ?? 0) > best) best = o.points ?? 0;
      sum += (q.weight * points) / best;
      weight += q.weight;
    }
    dims.push({ key: d.key, score: weight === 0 ? null : (sum / weight) * 100, weight: d.weight });
  }
  const scored = dims.filter((d) => d.score !== null);
  const total = scored.reduce((s, d) => s + d.weight, 0);
  return {
    overall: total === 0 ? null : scored.reduce((s, d) => s + d.weight * (d.score as number), 0) / total,
    dimensions: dims.map(({ key, score }) => ({ key, score })),
  };
}

function expectScores(actual: CheckScores, expected: ReturnType<typeof plainScores>) {
  if (expected.overall === null) expect(actual.overall).toBeNull();
  else expect(actual.overall).toBeCloseTo(expected.overall, 9);
  expect(actual.dimensions.map((d) => d.key)).toEqual(expected.dimensions.map((d) => d.key));
  actual.dimensions.forEach((d, i) => {
    const score = expected.dimensions[i]?.score ?? null;
    if (score === null) expect(d.score).toBeNull();
    else expect(d.score).toBeCloseTo(score, 9);
  });
}

/** Every question answered with its option `pick(question index)`. */
const answersFor = (
  definition: QuestionnaireDefinition,
  pick: (index: number, options: number) => number,
) => {
  const answers: CheckAnswers = {};
  definition.dimensions
    .flatMap((d) => d.questions)
    .forEach((q, i) => {
      answers[q.key] = pick(i, q.options.length);
    });
  return answers;
};

const allSubmittedScores = () =>
  queryRows<{ id: number; scores: CheckScores; answers: CheckAnswers; definition: QuestionnaireDefinition }>(
    database.db,
    sql`select s.id, s.scores, s.answers, q.definition from check_submissions s
        join check_questionnaires q on q.id = s.questionnaire_id where s.state = 'submitted' order by s.id`,
  );

describe('the check questionnaire', () => {
  it('ships a default for Verwaltungsdigitalisierung: 26 questions in 6 dimensions, marked as the editable default', async () => {
    const current = await questionnaire();
    expect(current.version).toBe(1);
    expect(current.shippedDefault).toBe(true);
    expect(current.definition.area).toBe('verwaltungsdigitalisierung');
    expect(current.definition.dimensions).toHaveLength(6);
    expect(current.definition.dimensions.flatMap((d) => d.questions)).toHaveLength(26);
    expect(current.submissions).toBeGreaterThan(50);
  });

  it('refuses a CSV with a bad line as a whole, naming file, line and column, and JSON naming the field', async () => {
    const before = await json<{ versions: unknown[] }>(
      await admin.request('GET', '/api/v1/consulting/check/questionnaires'),
    );
    const csv = [
      'dimension;dimension_name;dimension_weight;question;text;help;weight;answers',
      'akte;E-Akte;1;eakte;Gibt es eine E-Akte?;;1;Nein=0 | Ja=2',
      'akte;E-Akte;1;scan;Wird gescannt?;;0;Nein=0 | Ja=2',
    ].join('\n');
    const res = await admin.request(
      'POST',
      '/api/v1/consulting/check/questionnaires?fileName=check.csv',
      csv,
      {
        'content-type': 'text/csv',
      },
    );
    expect(res.status).toBe(422);
    const body = await json<ErrorBody>(res);
    expect(body.error.message).toContain('check.csv:3: weight: Gewicht muss größer als 0 sein');
    const broken = await admin.request(
      'POST',
      '/api/v1/consulting/check/questionnaires?fileName=f.json',
      JSON.stringify({
        title: 'X',
        dimensions: [{ key: 'a', name: 'A', questions: [{ key: 'b', text: 'B', options: [] }] }],
      }),
      { 'content-type': 'application/json' },
    );
    expect(broken.status).toBe(422);
    expect((await json<ErrorBody>(broken)).error.message).toContain('dimensions[0].questions[0].options');
    const syntax = await admin.request(
      'POST',
      '/api/v1/consulting/check/questionnaires',
      '{\n"title": ,\n}',
      {
        'content-type': 'application/json',
      },
    );
    expect((await json<ErrorBody>(syntax)).error.message).toMatch(
      /fragebogen\.json(:2)?: kein gültiges JSON/,
    );
    const after = await json<{ versions: unknown[] }>(
      await admin.request('GET', '/api/v1/consulting/check/questionnaires'),
    );
    expect(after.versions).toHaveLength(before.versions.length);
  });

  it('is loaded only by the ministry', async () => {
    for (const client of [consultant, officer, viewer]) {
      const res = await client.request('POST', '/api/v1/consulting/check/questionnaires', '{}', {
        'content-type': 'application/json',
      });
      expect(res.status).toBe(403);
    }
  });
});

describe('a municipality answering the check', () => {
  it('saves a draft, is refused a stale one, submits complete answers with the scores of a plain recomputation', async () => {
    const current = await questionnaire();
    const definition = current.definition;
    const firstKey = definition.dimensions[0]?.questions[0]?.key as string;
    const saved = await officer.request('PUT', `/api/v1/regions/${OWN}/check/draft`, {
      questionnaireVersion: current.version,
      answers: { [firstKey]: 1 },
      version: null,
    });
    expect(saved.status).toBe(200);
    const draft = CheckSubmissionSchema.parse(await json(saved)) as CheckSubmission;
    expect(draft.state).toBe('draft');
    const again = await officer.request('PUT', `/api/v1/regions/${OWN}/check/draft`, {
      questionnaireVersion: current.version,
      answers: { [firstKey]: 2 },
      version: draft.version,
    });
    expect(again.status).toBe(200);
    const stale = await officer.request('PUT', `/api/v1/regions/${OWN}/check/draft`, {
      questionnaireVersion: current.version,
      answers: { [firstKey]: 3 },
      version: draft.version,
    });
    expect(stale.status).toBe(409);
    const read = CheckResultSchema.parse(
      await json(await officer.request('GET', `/api/v1/regions/${OWN}/check`)),
    );
    expect(read.draft?.answers).toEqual({ [firstKey]: 2 });
    expect(read.mayAnswer).toBe(true);
    // The consultant reads the result, not the draft.
    const seen = CheckResultSchema.parse(
      await json(await consultant.request('GET', `/api/v1/regions/${OWN}/check`)),
    );
    expect(seen.draft).toBeNull();
    expect(seen.mayAnswer).toBe(false);

    const incomplete = await officer.request('POST', `/api/v1/regions/${OWN}/check/submissions`, {
      questionnaireVersion: current.version,
      answers: { [firstKey]: 2 },
      draftVersion: (read.draft as CheckSubmission).version,
    });
    expect(incomplete.status).toBe(422);
    const problems = (await json<ErrorBody>(incomplete)).error.details as { path: string }[];
    expect(problems).toHaveLength(25);

    // Low on E-Akte and processes, "keine Angabe" on the last question of each dimension.
    const answers = answersFor(definition, (i, options) => (i % 5 === 4 ? options - 1 : i < 9 ? 0 : 3));
    const submitted = await officer.request('POST', `/api/v1/regions/${OWN}/check/submissions`, {
      questionnaireVersion: current.version,
      answers,
      draftVersion: (read.draft as CheckSubmission).version,
    });
    expect(submitted.status).toBe(201);
    const submission = CheckSubmissionSchema.parse(await json(submitted)) as CheckSubmission;
    expectScores(submission.scores as CheckScores, plainScores(definition, answers));
    const result = CheckResultSchema.parse(
      await json(await officer.request('GET', `/api/v1/regions/${OWN}/check`)),
    );
    expect(result.draft).toBeNull();
    expect(result.latest?.id).toBe(submission.id);
    expect(result.peers.land.count).toBeGreaterThan(0);
    expect(result.peers.land.group).toBe('gleiche Art, gleiche Größenklasse');
  });

  it('may not be answered for another municipality, nor by consultants and viewers', async () => {
    const other = '06435902';
    const current = await questionnaire();
    const input = { questionnaireVersion: current.version, answers: {}, version: null };
    expect((await officer.request('PUT', `/api/v1/regions/${other}/check/draft`, input)).status).toBe(403);
    expect((await officer.request('GET', `/api/v1/regions/${other}/check`)).status).toBe(403);
    expect((await consultant.request('PUT', `/api/v1/regions/${OWN}/check/draft`, input)).status).toBe(403);
    expect((await viewer.request('PUT', `/api/v1/regions/${OWN}/check/draft`, input)).status).toBe(403);
  });

  it('stores demo scores equal to a plain recomputation from the answers and their version', async () => {
    const rows = await allSubmittedScores();
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) expectScores(row.scores, plainScores(row.definition, row.answers));
  });
});

describe('a new questionnaire version', () => {
  it('leaves old submissions and their scores unchanged; new checks answer the new version with its weights', async () => {
    const before = await allSubmittedScores();
    const old = await questionnaire();
    const [oldest] = before;
    // The ministry loads version 2 as a Windows-1252 CSV (German Excel): other points and weights.
    const lines = ['dimension;dimension_name;dimension_weight;question;text;help;weight;answers'];
    for (const d of old.definition.dimensions)
      for (const q of d.questions)
        lines.push(
          [
            d.key,
            d.name,
            d.key === 'e_akte' ? 3 : 1,
            q.key,
            q.text,
            '',
            2,
            'Nein=0 | Teilweise=1 | Ja=5 | Weiß nicht=',
          ].join(';'),
        );
    lines.push('neu;Künstliche Intelligenz;1;ki;Wird KI erprobt?;;1;Nein=0 | Ja=1');
    // Latin-1 and Windows-1252 agree on these characters (ä, ö, ü, ß as single bytes).
    const text = lines.join('\r\n');
    expect([...text].every((char) => char.charCodeAt(0) < 256)).toBe(true);
    const bytes = new Uint8Array([...text].map((char) => char.charCodeAt(0)));
    const res = await admin.request(
      'POST',
      '/api/v1/consulting/check/questionnaires?fileName=fragebogen-2027.csv&title=Check%202027',
      bytes,
      {
        'content-type': 'text/csv',
      },
    );
    expect(res.status).toBe(201);
    const loaded = CheckQuestionnaireSchema.parse(await json(res));
    expect(loaded.version).toBe(old.version + 1);
    expect(loaded.shippedDefault).toBe(false);
    expect(loaded.definition.dimensions.at(-1)?.name).toBe('Künstliche Intelligenz');

    // The old version is still there, unchanged, and the database refuses to change it or a submission.
    expect((await questionnaire(old.version)).definition).toEqual(old.definition);
    await expect(
      database.db.execute(sql`update check_questionnaires set title = 'x' where version = ${old.version}`),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`update check_submissions set scores = '{}'::jsonb where id = ${oldest?.id}`),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`delete from check_submissions where id = ${oldest?.id}`),
    ).rejects.toThrow();
    expect(await allSubmittedScores()).toEqual(before);

    // A check on the old version is refused now; on the new one it scores with the new points.
    const answers = answersFor(loaded.definition, (i) => (i % 3 === 0 ? 2 : 1));
    const stale = await officer.request('POST', `/api/v1/regions/${OWN}/check/submissions`, {
      questionnaireVersion: old.version,
      answers: answersFor(old.definition, () => 0),
      draftVersion: null,
    });
    expect(stale.status).toBe(422);
    const fresh = await officer.request('POST', `/api/v1/regions/${OWN}/check/submissions`, {
      questionnaireVersion: loaded.version,
      answers,
      draftVersion: null,
    });
    expect(fresh.status).toBe(201);
    const submission = CheckSubmissionSchema.parse(await json(fresh));
    expect(submission.questionnaireVersion).toBe(loaded.version);
    expectScores(submission.scores as CheckScores, plainScores(loaded.definition, answers));
    const history = CheckResultSchema.parse(
      await json(await officer.request('GET', `/api/v1/regions/${OWN}/check`)),
    ).history;
    expect(history.map((h) => h.questionnaireVersion)).toEqual([loaded.version, old.version]);
    expect((await allSubmittedScores()).slice(0, before.length)).toEqual(before);
  });
});

describe('quick wins', () => {
  const winsOf = async (ags: string) =>
    quickWinsOf(database.db, await resolveAdministration(database.db, ags));
  /**
   * The same question in one plain SQL statement, size classes as a CASE. Years online count to the German
   * day, as the product does: `current_date` is the server's (UTC) day, a day behind from midnight in Germany on.
   */
  async function plainQuickWins(ags: string) {
    const sizeCase = sql.raw(
      `case ${SIZE_CLASSES.map((c) => `when coalesce(v.population, 0) >= ${c.min}${Number.isFinite(c.max) ? ` and coalesce(v.population, 0) < ${c.max}` : ''} then '${c.id}'`).join(' ')} end`,
    );
    return queryRows<{ ozg_id: number; peers: number; years: number | null }>(
      database.db,
      sql`with a as (
            select v.region_id, v.ags, v.kind, r.level, ${sizeCase} as size from region_versions v
            join regions r on r.id = v.region_id where v.valid_to is null and left(v.ags, 2) = left(${ags}, 2)
              and exists (select 1 from service_statuses s where s.region_id = v.region_id and s.in_target)),
          me as (select * from a where ags = ${ags}),
          peers as (select a.region_id from a, me where a.kind = me.kind and a.size = me.size and a.level = me.level
                      and a.region_id <> me.region_id)
          select s.ozg_id, count(*)::int as peers,
            round((avg(${todayInGermany()}::date - p.online_since) / 365.25)::numeric, 1)::float8 as years
          from service_statuses s join me on me.region_id = s.region_id
          join service_statuses p on p.ozg_id = s.ozg_id and p.region_id in (select region_id from peers)
            and p.in_target and p.maturity_level >= 3 and p.solution in ('efa', 'civento')
          where s.in_target and s.maturity_level < 3
          group by s.ozg_id
          order by peers desc, years desc nulls last, s.ozg_id`,
    );
  }

  it('equal a plain SQL recomputation, ranked by peers using them and how long they have', async () => {
    const sample = await queryRows<{ ags: string }>(
      database.db,
      sql`select v.ags from region_versions v join regions r on r.id = v.region_id
          where v.valid_to is null and r.level = 'gemeinde' order by md5(v.ags) limit 8`,
    );
    let total = 0;
    for (const { ags } of [...sample, { ags: OWN }]) {
      const wins = await winsOf(ags);
      const plain = await plainQuickWins(ags);
      // High demand (usage figures, decision 022) first; the plain order within each part.
      const demandOf = new Map(wins.items.map((w) => [w.ozgId, w.demand]));
      const high = (ozgId: number) => ((demandOf.get(ozgId) ?? 0) >= HIGH_DEMAND_PER_THOUSAND ? 1 : 0);
      plain.sort((a, b) => high(b.ozg_id) - high(a.ozg_id));
      expect(wins.items.map((w) => [w.ozgId, w.peers, w.meanYearsOnline])).toEqual(
        plain.map((p) => [p.ozg_id, p.peers, p.years]),
      );
      for (const win of wins.items) {
        expect(win.maturityLevel).toBeLessThan(3);
        expect(win.solutions.reduce((s, x) => s + x.count, 0)).toBe(win.peers);
        expect(win.demand === null || win.demand >= 0).toBe(true);
      }
      total += wins.items.length;
    }
    expect(total).toBeGreaterThan(0);
  });

  it('are answered to consultants and to the own officer, with the method that says how demand ranks', async () => {
    const res = await consultant.request('GET', `/api/v1/regions/${OWN}/consulting/quick-wins`);
    expect(res.status).toBe(200);
    const wins = QuickWinsSchema.parse(await json(res));
    expect(wins.method).toContain('Nutzungszahlen');
    expect((await officer.request('GET', `/api/v1/regions/${OWN}/consulting/quick-wins`)).status).toBe(200);
    expect((await officer.request('GET', '/api/v1/regions/06435902/consulting/quick-wins')).status).toBe(403);
  });

  it('are counted per municipality in the worklist', async () => {
    const worklist = WorklistSchema.parse(
      await json(await consultant.request('GET', '/api/v1/regions/06/consulting/worklist?kreis=06435')),
    );
    expect(worklist.items.length).toBeGreaterThan(0);
    for (const item of worklist.items.slice(0, 4))
      expect(item.quickWins).toBe((await winsOf(item.region.ags)).items.length);
  });
});

describe('the module recommendation', () => {
  it('suggests per area the first rule that holds, with its reason; rules are versioned data of the ministry', async () => {
    const rules = RecommendationRuleSetSchema.parse(
      await json(await consultant.request('GET', '/api/v1/consulting/recommendation-rules')),
    );
    expect(rules.version).toBe(1);
    expect(rules.rules.length).toBeGreaterThan(2);
    // A Gemeinde with a low check (E-Akte and processes below 50).
    const [low] = await queryRows<{ ags: string }>(
      database.db,
      sql`select distinct on (s.region_id) v.ags from check_submissions s
          join region_versions v on v.region_id = s.region_id and v.valid_to is null
          where s.state = 'submitted'
            and (select (d->>'score')::float8 from jsonb_array_elements(s.scores->'dimensions') d where d->>'key' = 'e_akte') < 50
            and (select (d->>'score')::float8 from jsonb_array_elements(s.scores->'dimensions') d where d->>'key' = 'prozesse') < 50
            and not exists (select 1 from check_submissions later where later.region_id = s.region_id and later.submitted_at > s.submitted_at)
          order by s.region_id limit 1`,
    );
    const res = await consultant.request('GET', `/api/v1/regions/${low?.ags}/consulting/recommendation`);
    expect(res.status).toBe(200);
    const recommendation = RecommendationSchema.parse(await json(res));
    const suggestion = recommendation.suggestions.find((s) => s.area === 'verwaltungsdigitalisierung');
    expect(suggestion?.reason).toContain(
      'Niedriger Stand bei E-Akte und Prozessen: Modul „Digitale Verwaltungsprozesse“',
    );
    expect(suggestion?.facts.join(' ')).toMatch(/E-Akte und Schriftgut \d+ von 100/);
    expect((await officer.request('GET', `/api/v1/regions/${OWN}/consulting/recommendation`)).status).toBe(
      403,
    );

    const modules = (
      await json<{ items: ConsultingModule[] }>(await admin.request('GET', '/api/v1/consulting/modules'))
    ).items;
    const strategy = modules.find((m) => m.name === 'Digitalisierungsstrategie') as ConsultingModule;
    const everyone = [
      {
        moduleId: strategy.id,
        reason: 'Immer zuerst',
        dimensions: [],
        dimensionBelow: null,
        overallBelow: 100,
        ozgShareBelow: null,
        ozgGapBelow: null,
      },
      ...rules.rules,
    ];
    expect(
      (
        await consultant.request('PUT', '/api/v1/consulting/recommendation-rules', {
          version: 1,
          rules: everyone,
        })
      ).status,
    ).toBe(403);
    const unknown = await admin.request('PUT', '/api/v1/consulting/recommendation-rules', {
      version: 1,
      rules: [{ ...everyone[0], dimensions: ['gibtsnicht'], dimensionBelow: 10 }],
    });
    expect(unknown.status).toBe(422);
    const saved = await admin.request('PUT', '/api/v1/consulting/recommendation-rules', {
      version: 1,
      rules: everyone,
    });
    expect(saved.status).toBe(200);
    expect(RecommendationRuleSetSchema.parse(await json(saved)).version).toBe(2);
    expect(
      (await admin.request('PUT', '/api/v1/consulting/recommendation-rules', { version: 1, rules: everyone }))
        .status,
    ).toBe(409);
    const changed = RecommendationSchema.parse(
      await json(await consultant.request('GET', `/api/v1/regions/${low?.ags}/consulting/recommendation`)),
    );
    expect(changed.suggestions.find((s) => s.area === 'verwaltungsdigitalisierung')?.module.id).toBe(
      strategy.id,
    );
    expect(changed.rulesVersion).toBe(2);
  });
});
