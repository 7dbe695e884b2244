import { type Db, isoTimestampSql, queryRowsAs } from '@ozg/db';
import {
  answerProblems,
  type CheckAnswers,
  type CheckQuestionnaire,
  type CheckQuestionnaireList,
  CheckQuestionnaireSchema,
  CheckQuestionnaireVersionSchema,
  type CheckResult,
  type CheckScores,
  CheckScoresSchema,
  type CheckSubmission,
  CheckSubmissionSchema,
  DEFAULT_QUESTIONNAIRE,
  median,
  type QuestionnaireDefinition,
  QuestionnaireDefinitionSchema,
  REGION_KINDS,
  scoreCheck,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
import { FAIR_PEER_GROUPS, fairPeerKey } from './laggards';
import { authorizeCheckAnswer, authorizeConsultationRead, canAnswerCheck } from './policy';
import { resolveAdministration } from './regions';

/*
 * The Digitalisierungs-Check (issue 17, decision 017). The questionnaire is
 * versioned master data: a version in use is never changed (the database
 * refuses it), a change is a new version. A municipality keeps one draft and
 * any number of submissions; each submission names its version and keeps the
 * scores computed with it at submission, so a later version changes nothing
 * of what was submitted before.
 */

const IdRow = z.object({ id: z.number().int() });
const VersionRow = z.object({ version: z.number().int() });
/** max(version) of an empty table is null. */
const MaxVersionRow = z.object({ version: z.number().int().nullable() });

const who = (alias: string) =>
  sql.raw(
    `case when ${alias}.id is null then null else json_build_object('id', ${alias}.id, 'displayName', ${alias}.display_name) end`,
  );

/**
 * The shipped default questionnaire becomes version 1 the first time anyone
 * needs a questionnaire, so that a fresh installation can start checking at
 * once; the ministry replaces it by loading a new version.
 */
async function ensureQuestionnaire(db: Db): Promise<void> {
  await db.execute(sql`
    insert into check_questionnaires (version, title, definition, shipped_default, source)
    select 1, ${DEFAULT_QUESTIONNAIRE.title}, ${JSON.stringify(DEFAULT_QUESTIONNAIRE)}::jsonb, true, 'default'
    where not exists (select 1 from check_questionnaires)
    on conflict do nothing`);
}

const versionSelect = (withDefinition: boolean) => sql`
  select q.id, q.version, q.title, q.shipped_default as "shippedDefault", q.source,
    ${isoTimestampSql('q.created_at')} as "createdAt", ${who('u')} as "createdBy",
    (select count(*)::int from check_submissions s where s.questionnaire_id = q.id and s.state = 'submitted') as submissions
    ${withDefinition ? sql`, q.definition` : sql``}
  from check_questionnaires q left join users u on u.id = q.created_by`;

export async function listQuestionnaires({ db }: { db: Db }): Promise<CheckQuestionnaireList> {
  await ensureQuestionnaire(db);
  const versions = await queryRowsAs(
    db,
    CheckQuestionnaireVersionSchema,
    sql`${versionSelect(false)} order by q.version desc`,
  );
  return { current: versions[0]?.version ?? 1, versions };
}

/** One version of the questionnaire, the current (newest) one by default. */
export async function getQuestionnaire({
  db,
  version,
}: {
  db: Db;
  version?: number;
}): Promise<CheckQuestionnaire> {
  await ensureQuestionnaire(db);
  const [row] = await queryRowsAs(
    db,
    CheckQuestionnaireSchema,
    sql`${versionSelect(true)} ${version === undefined ? sql`order by q.version desc` : sql`where q.version = ${version}`} limit 1`,
  );
  if (!row) throw new AppError('not_found', `Fassung ${version} des Fragebogens gibt es nicht.`);
  return row;
}

/** Adds a questionnaire version (the ministry): the next number; earlier versions stay as they are. */
export async function loadQuestionnaire(input: {
  db: Db;
  actor: Actor;
  definition: QuestionnaireDefinition;
  source: 'json' | 'csv';
}): Promise<CheckQuestionnaire> {
  const definition = QuestionnaireDefinitionSchema.parse(input.definition);
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await ensureQuestionnaire(db);
    // Serialises two uploads at once, so that each gets its own number.
    await db.execute(sql`lock table check_questionnaires in share row exclusive mode`);
    const [row] = await queryRowsAs(
      db,
      VersionRow,
      sql`insert into check_questionnaires (version, title, definition, source, created_by)
          select coalesce(max(version), 0) + 1, ${definition.title}, ${JSON.stringify(definition)}::jsonb,
            ${input.source}, ${input.actor.id}
          from check_questionnaires returning version`,
    );
    return getQuestionnaire({ db, version: row?.version as number });
  });
}

// ---------------------------------------------------------------- submissions

const SubmissionRow = CheckSubmissionSchema.extend({ region_id: z.number().int() });
type SubmissionRow = z.infer<typeof SubmissionRow>;

const submissionSelect = sql`
  select s.id, s.region_id, s.state, q.version as "questionnaireVersion", s.answers, s.scores,
    ${isoTimestampSql('s.updated_at')} as "updatedAt", ${who('u')} as "updatedBy",
    ${isoTimestampSql('s.submitted_at')} as "submittedAt", s.version
  from check_submissions s
  join check_questionnaires q on q.id = s.questionnaire_id
  left join users u on u.id = s.updated_by`;

const publicSubmission = ({ region_id: _, ...submission }: SubmissionRow): CheckSubmission => submission;

const PeerRow = z.object({
  region_id: z.number().int(),
  kind: z.enum(REGION_KINDS),
  population: z.number().int().nullable(),
  kreis_ags: z.string().nullable(),
  scores: CheckScoresSchema,
});
type PeerRow = z.infer<typeof PeerRow>;

function comparison(group: string, peers: PeerRow[]): CheckResult['peers']['land'] {
  const keys = [...new Set(peers.flatMap((peer) => peer.scores.dimensions.map((d) => d.key)))];
  const values = (pick: (scores: CheckScores) => number | null | undefined) =>
    peers.map((peer) => pick(peer.scores)).filter((value): value is number => typeof value === 'number');
  return {
    group,
    count: peers.length,
    overall: median(values((scores) => scores.overall)),
    dimensions: keys.map((key) => {
      const scores = values((s) => s.dimensions.find((d) => d.key === key)?.score);
      return { key, median: median(scores), count: scores.length };
    }),
  };
}

/**
 * A municipality's check: its submissions with their frozen scores (newest
 * first), the latest compared with fair peers (the laggards' definition: same
 * kind and size class in the Land, and also in the same Kreis; each peer's
 * latest submission counts, whatever version it answered, by dimension key),
 * and the draft for those who may answer.
 * `getCheckResult` authorizes the reader (officers see their own municipality only); the profile, which
 * has authorized its reader already, reads through `checkResultOf` without an actor and gets everything
 * but the draft.
 */
export async function getCheckResult({
  db,
  actor,
  ags,
}: {
  db: Db;
  actor: Actor;
  ags: string;
}): Promise<CheckResult> {
  const municipality = await resolveAdministration(db, ags);
  authorizeConsultationRead({ actor, input: { regionId: municipality.regionId } });
  return checkResultOf(db, municipality, actor);
}

export async function checkResultOf(
  db: Db,
  municipality: { regionId: number; ags: string; name: string },
  actor: Actor | null,
): Promise<CheckResult> {
  await ensureQuestionnaire(db);
  const rows = await queryRowsAs(
    db,
    SubmissionRow,
    sql`${submissionSelect} where s.region_id = ${municipality.regionId}
        order by s.state = 'draft' desc, s.submitted_at desc, s.id desc`,
  );
  const mayAnswer = canAnswerCheck(actor, municipality.regionId);
  const draft = rows.find((row) => row.state === 'draft');
  const history = rows.filter((row) => row.state === 'submitted').map(publicSubmission);
  const [self] = await queryRowsAs(
    db,
    PeerRow.omit({ region_id: true, scores: true }).extend({ level: z.string() }),
    sql`select v.kind, v.population, k.ags as kreis_ags, r.level from region_versions v
        join regions r on r.id = v.region_id
        left join region_versions k on k.region_id = v.parent_region_id and k.valid_to is null
        where v.region_id = ${municipality.regionId} and v.valid_to is null`,
  );
  const others = await queryRowsAs(
    db,
    PeerRow,
    sql`select distinct on (s.region_id) s.region_id, v.kind, v.population, k.ags as kreis_ags, s.scores
        from check_submissions s
        join region_versions v on v.region_id = s.region_id and v.valid_to is null
        join regions r on r.id = v.region_id and r.level = ${self?.level ?? 'gemeinde'}
        left join region_versions k on k.region_id = v.parent_region_id and k.valid_to is null
        where s.state = 'submitted' and s.region_id <> ${municipality.regionId}
          and left(v.ags, 2) = ${municipality.ags.slice(0, 2)}
        order by s.region_id, s.submitted_at desc, s.id desc`,
  );
  const own = {
    kind: self?.kind ?? 'gemeinde',
    population: self?.population ?? 0,
    kreisAgs: self?.kreis_ags ?? null,
  };
  const peersIn = (sameKreis: boolean) =>
    others.filter(
      (other) =>
        fairPeerKey(
          { kind: other.kind, population: other.population, kreisAgs: other.kreis_ags },
          sameKreis,
        ) === fairPeerKey(own, sameKreis),
    );
  const [current] = await queryRowsAs(
    db,
    MaxVersionRow,
    sql`select max(version) as version from check_questionnaires`,
  );
  return {
    region: { ags: municipality.ags, name: municipality.name },
    currentQuestionnaireVersion: current?.version ?? 1,
    draft: mayAnswer && draft ? publicSubmission(draft) : null,
    mayAnswer,
    latest: history[0] ?? null,
    history,
    peers: {
      kreis: comparison(FAIR_PEER_GROUPS.kreis, peersIn(true)),
      land: comparison(FAIR_PEER_GROUPS.land, peersIn(false)),
    },
  };
}

async function answerable(db: Db, actor: Actor, ags: string) {
  const municipality = await resolveAdministration(db, ags);
  authorizeCheckAnswer({ actor, input: { regionId: municipality.regionId } });
  return municipality;
}

async function questionnaireFor(db: Db, version: number, answers: CheckAnswers, complete: boolean) {
  await ensureQuestionnaire(db);
  const [row] = await queryRowsAs(
    db,
    z.object({ id: z.number().int(), definition: QuestionnaireDefinitionSchema }),
    sql`select id, definition from check_questionnaires where version = ${version}`,
  );
  if (!row)
    throw new AppError('unprocessable', `Fassung ${version} des Fragebogens gibt es nicht.`, [
      { path: 'questionnaireVersion', message: 'unbekannt' },
    ]);
  const problems = answerProblems(row.definition, answers, complete);
  if (problems.length > 0)
    throw new AppError(
      'unprocessable',
      complete
        ? `Der Check ist noch nicht vollständig: ${problems.length} ${problems.length === 1 ? 'Frage' : 'Fragen'} offen oder ungültig.`
        : 'Die Antworten passen nicht zum Fragebogen.',
      problems,
    );
  return row;
}

/** The draft of a municipality (for the conflict answer). */
async function currentDraft(db: Db, regionId: number): Promise<CheckSubmission | null> {
  const [row] = await queryRowsAs(
    db,
    SubmissionRow,
    sql`${submissionSelect} where s.region_id = ${regionId} and s.state = 'draft'`,
  );
  return row ? publicSubmission(row) : null;
}

async function lockDraft(db: Db, regionId: number, version: number | null): Promise<{ id: number } | null> {
  const [row] = await queryRowsAs(
    db,
    z.object({ id: z.number().int(), version: z.number().int() }),
    sql`select id, version from check_submissions where region_id = ${regionId} and state = 'draft' for update`,
  );
  if ((row?.version ?? null) !== version) {
    throw new AppError(
      'conflict',
      row
        ? 'Der Entwurf wurde inzwischen an anderer Stelle gespeichert. Bitte die aktuelle Fassung prüfen.'
        : version === null
          ? 'Es gibt bereits einen Entwurf.'
          : 'Den Entwurf gibt es nicht mehr (inzwischen eingereicht?).',
      { current: await currentDraft(db, regionId) },
    );
  }
  return row ? { id: row.id } : null;
}

/** Saves the draft (answers may be incomplete); names the draft version read, null for a new one. */
export async function saveCheckDraft(input: {
  db: Db;
  actor: Actor;
  ags: string;
  draft: { questionnaireVersion: number; answers: CheckAnswers; version: number | null };
}): Promise<CheckSubmission> {
  const municipality = await answerable(input.db, input.actor, input.ags);
  const { draft } = input;
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const questionnaire = await questionnaireFor(db, draft.questionnaireVersion, draft.answers, false);
    const existing = await lockDraft(db, municipality.regionId, draft.version);
    try {
      if (existing)
        await db.execute(sql`
          update check_submissions set questionnaire_id = ${questionnaire.id}, answers = ${JSON.stringify(draft.answers)}::jsonb,
            updated_by = ${input.actor.id}, updated_at = now(), version = version + 1
          where id = ${existing.id}`);
      else
        await db.execute(sql`
          insert into check_submissions (region_id, questionnaire_id, answers, created_by, updated_by)
          values (${municipality.regionId}, ${questionnaire.id}, ${JSON.stringify(draft.answers)}::jsonb,
            ${input.actor.id}, ${input.actor.id})`);
    } catch (error) {
      // Two first drafts at once: the partial unique index keeps one.
      if ((error as { cause?: { code?: string } }).cause?.code === '23505')
        throw new AppError('conflict', 'Es gibt bereits einen Entwurf.', {
          current: await currentDraft(input.db, municipality.regionId),
        });
      throw error;
    }
    return (await currentDraft(db, municipality.regionId)) as CheckSubmission;
  });
}

/**
 * Submits the check: every question answered, scores computed with the version
 * answered and kept with the submission. The draft (if any) becomes the
 * submission; a later check starts a new draft.
 */
export async function submitCheck(input: {
  db: Db;
  actor: Actor;
  ags: string;
  submission: { questionnaireVersion: number; answers: CheckAnswers; draftVersion: number | null };
}): Promise<CheckSubmission> {
  const municipality = await answerable(input.db, input.actor, input.ags);
  const { submission } = input;
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [current] = await queryRowsAs(
      db,
      MaxVersionRow,
      sql`select max(version) as version from check_questionnaires`,
    );
    // New checks answer the current version, so that peers compare like with like.
    if (current && submission.questionnaireVersion !== current.version)
      throw new AppError(
        'unprocessable',
        `Der Fragebogen wurde inzwischen geändert (Fassung ${current.version}). Bitte die neue Fassung beantworten; die Antworten gleicher Fragen bleiben erhalten.`,
        [{ path: 'questionnaireVersion', message: `aktuell ist Fassung ${current.version}` }],
      );
    const questionnaire = await questionnaireFor(
      db,
      submission.questionnaireVersion,
      submission.answers,
      true,
    );
    const scores = scoreCheck(questionnaire.definition, submission.answers);
    const existing = await lockDraft(db, municipality.regionId, submission.draftVersion);
    const answers = JSON.stringify(submission.answers);
    const [row] = existing
      ? await queryRowsAs(
          db,
          IdRow,
          sql`update check_submissions set state = 'submitted', questionnaire_id = ${questionnaire.id},
                answers = ${answers}::jsonb, scores = ${JSON.stringify(scores)}::jsonb, updated_by = ${input.actor.id},
                updated_at = now(), submitted_at = now(), version = version + 1
              where id = ${existing.id} returning id`,
        )
      : await queryRowsAs(
          db,
          IdRow,
          sql`insert into check_submissions (region_id, questionnaire_id, state, answers, scores, created_by, updated_by, submitted_at)
              values (${municipality.regionId}, ${questionnaire.id}, 'submitted', ${answers}::jsonb,
                ${JSON.stringify(scores)}::jsonb, ${input.actor.id}, ${input.actor.id}, now()) returning id`,
        );
    const [saved] = await queryRowsAs(db, SubmissionRow, sql`${submissionSelect} where s.id = ${row?.id}`);
    return publicSubmission(saved as SubmissionRow);
  });
}
