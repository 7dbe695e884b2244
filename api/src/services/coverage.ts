import { administrationsBelow, CURRENT, countedStatus, type Db, queryRowsAs } from '@ozg/db';
import { type Coverage, OZG_CONFORMANT_LEVEL, THEMENFELDER } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { model2Figures } from './maturity-figures';
import { summarizeRegion, today } from './regions';

/**
 * How far one service is offered across a region, graded rather than binary:
 * the share of the administrations that must offer it (and of the inhabitants
 * they serve) that do at Reifegrad >= 3, beside the federal dashboard's two
 * yes/no figures (one administration is enough / every one).
 */
export async function getCoverage({
  db,
  ozgId,
  key,
  model,
}: {
  db: Db;
  ozgId: number;
  key: string;
  model?: { family: '1.1' | '2.0'; minLevel?: number | undefined };
}): Promise<Coverage> {
  const [service] = await queryRowsAs(
    db,
    z.object({ ozg_id: z.number().int(), name: z.string(), themenfeld: z.enum(THEMENFELDER) }),
    sql`select ozg_id, name, themenfeld from ozg_services where ozg_id = ${ozgId}`,
  );
  if (!service) throw new AppError('not_found', `Unbekannte OZG-ID ${ozgId}.`);
  const region = await summarizeRegion(db, key, today());
  const rows = await queryRowsAs(
    db,
    z.object({
      maturity_level: z.number().int(),
      solution: z.string().nullable(),
      population: z.number().int(),
    }),
    sql`with recursive ${administrationsBelow([region.id], CURRENT)}
        select st.maturity_level, st.solution, a.population
        from administrations a
        join service_statuses st on st.region_id = a.region_id and st.ozg_id = ${ozgId}
        where ${countedStatus('st')}`,
  );
  const offering = rows.filter((row) => row.maturity_level >= OZG_CONFORMANT_LEVEL);
  const population = (list: typeof rows) => list.reduce((sum, row) => sum + row.population, 0);
  const levelCounts = [0, 0, 0, 0, 0];
  for (const row of rows) levelCounts[row.maturity_level] = (levelCounts[row.maturity_level] ?? 0) + 1;
  const solutions = new Map<string | null, number>();
  for (const row of offering) solutions.set(row.solution, (solutions.get(row.solution) ?? 0) + 1);
  const model2 =
    model?.family === '2.0'
      ? (await model2Figures(db, [region.id], { minLevel: model.minLevel, ozgId })).get(region.id)
      : undefined;
  return {
    ...(model2 ? { model2 } : {}),
    service: { ozgId: service.ozg_id, name: service.name, themenfeld: service.themenfeld },
    region,
    mustOffer: rows.length,
    offering: offering.length,
    share: rows.length > 0 ? offering.length / rows.length : null,
    populationShare: population(rows) > 0 ? population(offering) / population(rows) : null,
    flaechendeckend: rows.length > 0 && offering.length === rows.length,
    atLeastOne: offering.length > 0,
    levelCounts,
    solutions: [...solutions]
      .map(([solution, count]) => ({ solution, count }))
      .sort((a, b) => b.count - a.count || String(a.solution).localeCompare(String(b.solution))),
  };
}
