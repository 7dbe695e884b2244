import { countedStatus, type Db, queryRowsAs } from '@ozg/db';
import { type AdoptionHints, OZG_CONFORMANT_LEVEL, REGION_KINDS, sizeClassOf } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { resolveAdministration } from './regions';

const DAY_MS = 86_400_000;

/**
 * For a municipality and a service: which solutions comparable municipalities
 * (same kind and size class in the Land) and neighbours (same Kreis) use for it
 * at Reifegrad >= 3, how many, since when, with a few examples to call.
 */
export async function getAdoptionHints({
  db,
  key,
  ozgId,
}: {
  db: Db;
  key: string;
  ozgId: number;
}): Promise<AdoptionHints> {
  const administration = await resolveAdministration(db, key);
  const [self] = await queryRowsAs(
    db,
    z.object({
      name: z.string(),
      kind: z.enum(REGION_KINDS),
      population: z.number().int().nullable(),
      kreis_id: z.number().int().nullable(),
      land: z.string(),
      service_name: z.string().nullable(),
      level: z.number().int().nullable(),
    }),
    sql`select v.name, v.kind, v.population, v.parent_region_id as kreis_id, left(v.ags, 2) as land,
          (select name from ozg_services where ozg_id = ${ozgId}) as service_name,
          (select own.maturity_level from service_statuses own
           where own.region_id = v.region_id and own.ozg_id = ${ozgId} and ${countedStatus('own')}) as level
        from region_versions v where v.region_id = ${administration.regionId} and v.valid_to is null`,
  );
  if (!self?.service_name) throw new AppError('not_found', `Unbekannte OZG-ID ${ozgId}.`);
  const others = await queryRowsAs(
    db,
    z.object({
      ags: z.string(),
      name: z.string(),
      kind: z.enum(REGION_KINDS),
      population: z.number().int().nullable(),
      parent_region_id: z.number().int().nullable(),
      solution: z.string().nullable(),
      online_since: z.string().nullable(),
      url: z.string().nullable(),
    }),
    sql`select v.ags, v.name, v.kind, v.population, v.parent_region_id, st.solution, st.online_since::text as online_since, st.url
        from service_statuses st
        join region_versions v on v.region_id = st.region_id and v.valid_to is null
        where st.ozg_id = ${ozgId} and ${countedStatus('st')} and st.maturity_level >= ${OZG_CONFORMANT_LEVEL}
          and st.region_id <> ${administration.regionId} and left(v.ags, 2) = ${self.land}
        order by st.online_since nulls last, v.name`,
  );
  const ownSize = sizeClassOf(self.population ?? 0);
  const bySolution = new Map<string | null, AdoptionHints['solutions'][number]>();
  // Sum of the "online seit" days per solution, for the mean the hint sentence names.
  const dated = new Map<string | null, { days: number; count: number }>();
  for (const other of others) {
    const neighbour = self.kreis_id !== null && other.parent_region_id === self.kreis_id;
    const peer = other.kind === self.kind && sizeClassOf(other.population ?? 0) === ownSize;
    if (!neighbour && !peer) continue;
    const entry = bySolution.get(other.solution) ?? {
      solution: other.solution,
      neighbours: 0,
      peers: 0,
      municipalities: 0,
      since: null,
      averageSince: null,
      examples: [],
    };
    if (neighbour) entry.neighbours++;
    if (peer) entry.peers++;
    entry.municipalities++;
    if (other.online_since) {
      if (!entry.since || other.online_since < entry.since) entry.since = other.online_since;
      const sum = dated.get(other.solution) ?? { days: 0, count: 0 };
      sum.days += Date.parse(`${other.online_since}T00:00:00Z`) / DAY_MS;
      sum.count++;
      dated.set(other.solution, sum);
    }
    // Neighbours first: the easiest to call and likely on the same platform.
    if (entry.examples.length < 3 && (neighbour || entry.examples.length < 2)) {
      entry.examples.push({ ags: other.ags, name: other.name, url: other.url });
    }
    bySolution.set(other.solution, entry);
  }
  for (const [solution, sum] of dated) {
    const entry = bySolution.get(solution);
    if (entry)
      entry.averageSince = new Date(Math.round(sum.days / sum.count) * DAY_MS).toISOString().slice(0, 10);
  }
  return {
    region: { ags: administration.ags, name: administration.name },
    service: { ozgId, name: self.service_name },
    alreadyOffered: (self.level ?? 0) >= OZG_CONFORMANT_LEVEL,
    solutions: [...bySolution.values()].sort((a, b) => b.neighbours + b.peers - (a.neighbours + a.peers)),
  };
}
