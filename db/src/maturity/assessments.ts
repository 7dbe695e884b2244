import { assess } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, intArray, queryRowsAs } from '../client';
import type { StoredMaturityModel } from './models';

/** Recomputes the stored assessment of each (status, model version) from its answers; no answers: no row. */
export async function recomputeAssessments(
  db: Db,
  pairs: { statusId: number; modelId: number }[],
  models: Map<number, StoredMaturityModel>,
): Promise<void> {
  if (pairs.length === 0) return;
  // By id arrays (index scans), not by joining a JSON list: the demo recomputes thousands at once.
  const statusIds = [...new Set(pairs.map((pair) => pair.statusId))];
  const modelIds = [...new Set(pairs.map((pair) => pair.modelId))];
  const rows = await queryRowsAs(
    db,
    z.object({
      status_id: z.number().int(),
      model_id: z.number().int(),
      criterion_key: z.string(),
      level: z.number().int(),
    }),
    sql`select a.status_id, a.model_id, a.criterion_key, a.level from maturity_answers a
        where a.status_id = any(${intArray(statusIds)}) and a.model_id = any(${intArray(modelIds)})`,
  );
  const grouped = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const key = `${row.status_id}:${row.model_id}`;
    const levels = grouped.get(key) ?? new Map<string, number>();
    levels.set(row.criterion_key, row.level);
    grouped.set(key, levels);
  }
  const results = pairs.flatMap(({ statusId, modelId }) => {
    const levels = grouped.get(`${statusId}:${modelId}`);
    const model = models.get(modelId);
    if (!levels || !model) return [];
    return [{ statusId, modelId, ...assess(model.definition, levels) }];
  });
  // The pairs as two parallel arrays joined by position: a join, where matching each row against a text
  // array of all pairs was quadratic (77 s for Hessen's 96,000 pairs in the benchmark's load).
  await db.execute(sql`
    delete from maturity_assessments a
    using unnest(${intArray(pairs.map((pair) => pair.statusId))}, ${intArray(pairs.map((pair) => pair.modelId))})
      as p(status_id, model_id)
    where a.status_id = p.status_id and a.model_id = p.model_id`);
  if (results.length > 0)
    await db.execute(sql`
      insert into maturity_assessments (status_id, model_id, level, upper_bound, answered, criteria, front_end_level, analog_processing)
      select r."statusId", r."modelId", r.level, r."upperBound", r.answered, r.criteria, r."frontEndLevel", r."analogProcessing"
      from jsonb_to_recordset(${JSON.stringify(results)}::jsonb)
        as r("statusId" int, "modelId" int, level smallint, "upperBound" smallint, answered smallint, criteria smallint,
             "frontEndLevel" smallint, "analogProcessing" boolean)`);
}
