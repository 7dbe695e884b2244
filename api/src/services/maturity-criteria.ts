/**
 * Answers to maturity criteria as part of a status write (decision 019). The
 * status write path calls loadCriteriaContext once per write, under its row
 * locks: expand() turns `changes.criteria` into a diff (old and new answers,
 * stored in the status event so that an undo writes them back) and, for
 * Reifegradmodell 1.1, the level they compute; persist() stores the answers
 * and the computed assessment per model version in the same transaction, and
 * returns how the 2.0 contribution of each status moved, for the derived
 * tables of 2.0 (decision 020), which the write path then moves.
 */
import {
  type Db,
  DERIVED_MODEL_FAMILY,
  intArray,
  listMaturityModels,
  type ModelDelta,
  modelDeltas,
  queryRowsAs,
  readModelStates,
  recomputeAssessments,
  type StoredMaturityModel,
} from '@ozg/db';
import {
  answerProblem,
  assess,
  type BulkEditOptions,
  type CriterionAnswer,
  type CriterionChange,
  type FieldProblem,
  OZG_CONFORMANT_LEVEL,
  type Status,
  type StatusChanges,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';

/** A stored answer (level is smallint, the evidence date as text); the CSV export reads the same rows. */
export const AnswerRow = z.object({
  status_id: z.number().int(),
  model_id: z.number().int(),
  criterion_key: z.string(),
  level: z.number().int(),
  evidence_url: z.string().nullable(),
  evidence_note: z.string().nullable(),
  evidence_date: z.string().nullable(),
});

const refOf = (modelId: number, criterion: string) => `${modelId}:${criterion}`;

/** An answer in its stored shape, so that comparing and writing back (undo) is exact. */
function normalise(answer: CriterionAnswer | null): CriterionAnswer | null {
  if (answer === null) return null;
  return {
    level: answer.level,
    evidenceUrl: answer.evidenceUrl || null,
    evidenceNote: answer.evidenceNote || null,
    evidenceDate: answer.evidenceDate || null,
  };
}

const sameAnswer = (a: CriterionAnswer | null, b: CriterionAnswer | null) =>
  JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));

function validUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

export type CriteriaDiff = { criteria?: { from: CriterionChange[]; to: CriterionChange[] } };

export type CriteriaContext = {
  models: StoredMaturityModel[];
  /** The answers of one status now, by model id and criterion. */
  answersOf(statusId: number): Map<string, CriterionAnswer>;
  /**
   * A bulk answer under the bulk options: with `levels: raise-only` an answer
   * above the requested level is kept (like the Reifegrad of a bulk edit).
   */
  planBulk(
    status: Status,
    changes: StatusChanges,
    options: BulkEditOptions,
  ): { changes: StatusChanges; kept: boolean };
  /** The status changes without `criteria`, plus the 1.1 level the answers compute; the diff of the answers. */
  expand(
    status: Status,
    changes: StatusChanges,
  ): { changes: StatusChanges; diff: CriteriaDiff; problems: FieldProblem[] };
  /**
   * Stores the answers of the planned writes and recomputes their assessments; returns the
   * statuses whose 2.0 figures moved (old and new level and analog flag of the newest 2.0
   * assessment each), for the write path.
   */
  persist(db: Db, planned: { status: Status; diff: CriteriaDiff }[], actorId: number): Promise<ModelDelta[]>;
};

export async function loadCriteriaContext(db: Db, statusIds: readonly number[]): Promise<CriteriaContext> {
  const models = await listMaturityModels(db);
  const byId = new Map(models.map((model) => [model.id, model]));
  const rows =
    statusIds.length === 0
      ? []
      : await queryRowsAs(
          db,
          AnswerRow,
          sql`select status_id, model_id, criterion_key, level, evidence_url, evidence_note, evidence_date::text as evidence_date
              from maturity_answers where status_id = any(${intArray(statusIds)})`,
        );
  const answers = new Map<number, Map<string, CriterionAnswer>>();
  for (const row of rows) {
    const own = answers.get(row.status_id) ?? new Map<string, CriterionAnswer>();
    own.set(refOf(row.model_id, row.criterion_key), {
      level: row.level,
      evidenceUrl: row.evidence_url,
      evidenceNote: row.evidence_note,
      evidenceDate: row.evidence_date,
    });
    answers.set(row.status_id, own);
  }
  const answersOf = (statusId: number) => answers.get(statusId) ?? new Map<string, CriterionAnswer>();

  return {
    models,
    answersOf,
    planBulk(status, changes, options) {
      if (!changes.criteria || options.levels === 'lower') return { changes, kept: false };
      const current = answersOf(status.id);
      const criteria = changes.criteria.filter((change) => {
        const now = current.get(refOf(change.modelId, change.criterion));
        return !(now && (change.answer === null || change.answer.level < now.level));
      });
      const kept = criteria.length < changes.criteria.length;
      const { criteria: _, ...rest } = changes;
      return { changes: criteria.length > 0 ? { ...rest, criteria } : rest, kept };
    },
    expand(status, changes) {
      const { criteria, ...rest } = changes;
      if (!criteria) return { changes: rest, diff: {}, problems: [] };
      const problems: FieldProblem[] = [];
      const current = answersOf(status.id);
      const next = new Map(current);
      const from: CriterionChange[] = [];
      const to: CriterionChange[] = [];
      const seen = new Set<string>();
      const touched = new Set<number>();
      for (const change of criteria) {
        const ref = refOf(change.modelId, change.criterion);
        const path = `criteria.${change.criterion}`;
        const model = byId.get(change.modelId);
        if (!model) {
          problems.push({ path, message: `Das Reifegradmodell ${change.modelId} gibt es nicht.` });
          continue;
        }
        if (seen.has(ref)) {
          problems.push({ path, message: `${change.criterion} ist mehrfach angegeben.` });
          continue;
        }
        seen.add(ref);
        const answer = normalise(change.answer);
        if (answer) {
          const problem = answerProblem(model.definition, change.criterion, answer.level);
          if (problem) problems.push({ path, message: problem });
          if (answer.evidenceUrl && !validUrl(answer.evidenceUrl))
            problems.push({
              path: `${path}.evidenceUrl`,
              message: 'Der Beleg-Link muss mit http:// oder https:// beginnen und eine Domain enthalten.',
            });
        } else if (!model.definition.criteria.some((candidate) => candidate.key === change.criterion)) {
          problems.push({
            path,
            message: `Das Kriterium „${change.criterion}“ gibt es in diesem Modell nicht.`,
          });
        }
        const before = normalise(current.get(ref) ?? null);
        if (sameAnswer(before, answer)) continue;
        from.push({ modelId: change.modelId, criterion: change.criterion, answer: before });
        to.push({ modelId: change.modelId, criterion: change.criterion, answer });
        if (answer) next.set(ref, answer);
        else next.delete(ref);
        touched.add(change.modelId);
      }
      const expanded: StatusChanges = { ...rest };
      // Reifegrad 1.1 stays the status's level: answers that complete a 1.1 assessment set it,
      // unless the same change names the level itself (a direct entry, or an undo writing it back).
      for (const modelId of touched) {
        const model = byId.get(modelId) as StoredMaturityModel;
        if (model.family !== '1.1' || rest.maturityLevel !== undefined) continue;
        const result = assess(model.definition, levelsOf(next, modelId));
        if (result.level === null) continue;
        expanded.maturityLevel = result.level;
        // Below Reifegrad 3 there is no "online seit" (status rules), as when a bulk edit lowers a level.
        if (
          result.level < OZG_CONFORMANT_LEVEL &&
          rest.onlineSince === undefined &&
          status.onlineSince !== null
        )
          expanded.onlineSince = null;
      }
      return { changes: expanded, diff: to.length > 0 ? { criteria: { from, to } } : {}, problems };
    },
    async persist(tx, planned, actorId) {
      const writes = planned.flatMap(({ status, diff }) =>
        (diff.criteria?.to ?? []).map((change) => ({ statusId: status.id, ...change })),
      );
      if (writes.length === 0) return [];
      // Only answers to a 2.0 version can move the 2.0 figures. Whether a status counts does not
      // change here (a status edit keeps in_target and model 1.1), so reading after its update is exact.
      const watched = [
        ...new Set(
          writes
            .filter((write) => byId.get(write.modelId)?.family === DERIVED_MODEL_FAMILY)
            .map((write) => write.statusId),
        ),
      ];
      const before = await readModelStates(tx, watched);
      const removed = writes.filter((write) => write.answer === null);
      const kept = writes.filter((write) => write.answer !== null);
      if (removed.length > 0)
        await tx.execute(sql`
          delete from maturity_answers a
          using jsonb_to_recordset(${JSON.stringify(removed)}::jsonb) as r("statusId" int, "modelId" int, criterion text)
          where a.status_id = r."statusId" and a.model_id = r."modelId" and a.criterion_key = r.criterion`);
      if (kept.length > 0)
        await tx.execute(sql`
          insert into maturity_answers (status_id, model_id, criterion_key, level, evidence_url, evidence_note, evidence_date, updated_by)
          select r."statusId", r."modelId", r.criterion, (r.answer ->> 'level')::smallint, r.answer ->> 'evidenceUrl',
            r.answer ->> 'evidenceNote', (r.answer ->> 'evidenceDate')::date, ${actorId}
          from jsonb_to_recordset(${JSON.stringify(kept)}::jsonb) as r("statusId" int, "modelId" int, criterion text, answer jsonb)
          on conflict (status_id, model_id, criterion_key) do update set level = excluded.level,
            evidence_url = excluded.evidence_url, evidence_note = excluded.evidence_note,
            evidence_date = excluded.evidence_date, updated_at = now(), updated_by = excluded.updated_by`);
      const pairs = [...new Set(writes.map((write) => `${write.statusId}:${write.modelId}`))].map((pair) => {
        const [statusId, modelId] = pair.split(':').map(Number) as [number, number];
        return { statusId, modelId };
      });
      await recomputeAssessments(tx, pairs, byId);
      return modelDeltas(before, await readModelStates(tx, watched));
    },
  };
}

function levelsOf(answers: Map<string, CriterionAnswer>, modelId: number): Map<string, number> {
  const prefix = `${modelId}:`;
  const levels = new Map<string, number>();
  for (const [ref, answer] of answers)
    if (ref.startsWith(prefix)) levels.set(ref.slice(prefix.length), answer.level);
  return levels;
}
