import { type Db, intArray, queryRowsAs } from '@ozg/db';
import {
  HIGH_DEMAND_PER_THOUSAND,
  MEASURE_STATES,
  OZG_CONFORMANT_LEVEL,
  type QuickWin,
  type QuickWins,
  REGION_KINDS,
  SHARED_SOLUTIONS,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from './auth';
import { FAIR_PEER_GROUPS, fairPeerKey } from './laggards';
import { authorizeConsultationRead } from './policy';
import { resolveAdministration, today } from './regions';
import { peerDemand } from './usage';

/*
 * Quick wins (issue 17): the target services a municipality lacks (below
 * Reifegrad 3) that comparable municipalities of the same Land (the laggards'
 * fair peers: same kind and size class) already offer OZG-konform on a shared
 * solution (EfA service, civento). Ranked by how many of them use it, then by
 * how long they have (mean time since "online seit"). Where usage figures
 * exist (decision 022), demand is the peers' median applications per 1,000
 * inhabitants, and a service in high demand ("hohe Nachfrage, nicht online")
 * ranks before the others; the order within each part stays as before.
 */

export const QUICK_WIN_METHOD =
  'Leistungen des Zielsets unter Reifegrad 3, die vergleichbare Kommunen desselben Landes (gleiche Art, gleiche ' +
  'Größenklasse) mit einer gemeinsamen Lösung (EfA-Dienst oder civento) OZG-konform anbieten. Sortiert nach der ' +
  'Zahl dieser Kommunen, dann nach der mittleren Zeit seit „online seit“. Wo Nutzungszahlen vorliegen, ist die ' +
  'Nachfrage der Median der Anträge je 1.000 Einwohner (12 Monate) dieser Kommunen; Leistungen mit hoher Nachfrage ' +
  `(mindestens ${HIGH_DEMAND_PER_THOUSAND} je 1.000 Einwohner, „hohe Nachfrage, nicht online“) stehen vorn. ` +
  'Ohne Nutzungszahlen bleibt die Nachfrage leer.';

const DAYS_PER_YEAR = 365.25;

const Administration = z.object({
  region_id: z.number().int(),
  ags: z.string(),
  name: z.string(),
  kind: z.enum(REGION_KINDS),
  population: z.number().int().nullable(),
  level: z.string(),
});
type Administration = z.infer<typeof Administration>;

/** The administrations of a Land on today's territory, for the peer groups. */
async function administrationsOfLand(db: Db, land: string): Promise<Administration[]> {
  return queryRowsAs(
    db,
    Administration,
    sql`select v.region_id, v.ags, v.name, v.kind, v.population, r.level from region_versions v
        join regions r on r.id = v.region_id
        where v.valid_to is null and left(v.ags, 2) = ${land}
          and exists (select 1 from service_statuses s where s.region_id = v.region_id and s.in_target)`,
  );
}

const groupOf = (a: Administration) => `${a.level}|${fairPeerKey({ ...a, kreisAgs: null }, false)}`;

const Row = z.object({
  region_id: z.number().int(),
  ozg_id: z.number().int(),
  name: z.string(),
  themenfeld: z.string(),
  maturity_level: z.number().int(),
  solution: z.enum(SHARED_SOLUTIONS),
  peers: z.number().int(),
  since: z.string().nullable(),
  days: z.number().int().nullable(),
  dated: z.number().int(),
});
type Row = z.infer<typeof Row>;

/**
 * Per municipality of `selves` and missing service: how many of `peers` offer
 * it OZG-konform, per shared solution, since when, and the summed days online.
 * A municipality is never its own peer for a service it lacks (it is below 3),
 * so a whole peer group can be passed as both.
 */
async function quickWinRows(db: Db, selves: number[], peers: number[], day: string): Promise<Row[]> {
  if (selves.length === 0 || peers.length === 0) return [];
  return queryRowsAs(
    db,
    Row,
    sql`select s.region_id, s.ozg_id, o.name, o.themenfeld, s.maturity_level, p.solution,
          count(*)::int as peers, min(p.online_since)::text as since,
          sum(${day}::date - p.online_since)::int as days, count(p.online_since)::int as dated
        from service_statuses s
        join ozg_services o on o.ozg_id = s.ozg_id
        join service_statuses p on p.ozg_id = s.ozg_id and p.region_id = any(${intArray(peers)})
          and p.in_target and p.maturity_level >= ${OZG_CONFORMANT_LEVEL}
          and p.solution in (${sql.join(
            SHARED_SOLUTIONS.map((s) => sql`${s}`),
            sql`, `,
          )})
        where s.region_id = any(${intArray(selves)}) and s.in_target and s.maturity_level < ${OZG_CONFORMANT_LEVEL}
        group by s.region_id, s.ozg_id, o.name, o.themenfeld, s.maturity_level, p.solution`,
  );
}

type Win = Omit<QuickWin, 'measure'>;

function toWins(rows: Row[]): Map<number, Win[]> {
  const byKey = new Map<string, Win & { region: number; days: number; dated: number }>();
  for (const row of rows) {
    const key = `${row.region_id}:${row.ozg_id}`;
    const win = byKey.get(key) ?? {
      region: row.region_id,
      ozgId: row.ozg_id,
      name: row.name,
      themenfeld: row.themenfeld,
      maturityLevel: row.maturity_level,
      peers: 0,
      solutions: [],
      since: null,
      meanYearsOnline: null,
      demand: null,
      days: 0,
      dated: 0,
    };
    win.peers += row.peers;
    win.solutions.push({ solution: row.solution, count: row.peers });
    if (row.since && (!win.since || row.since < win.since)) win.since = row.since;
    win.days += row.days ?? 0;
    win.dated += row.dated;
    byKey.set(key, win);
  }
  const result = new Map<number, Win[]>();
  for (const { region, days, dated, ...win } of byKey.values()) {
    win.solutions.sort((a, b) => b.count - a.count || a.solution.localeCompare(b.solution));
    win.meanYearsOnline = dated > 0 ? Math.round((days / dated / DAYS_PER_YEAR) * 10) / 10 : null;
    result.set(region, [...(result.get(region) ?? []), win]);
  }
  for (const wins of result.values())
    wins.sort(
      (a, b) =>
        b.peers - a.peers || (b.meanYearsOnline ?? -1) - (a.meanYearsOnline ?? -1) || a.ozgId - b.ozgId,
    );
  return result;
}

/**
 * The quick wins of one municipality, best first, each with the measure
 * already agreed for it (if any). `listQuickWins` authorizes the reader (officers see their own
 * municipality only); the profile, which has authorized its reader already, reads `quickWinsOf`.
 */
export async function listQuickWins({
  db,
  actor,
  ags,
}: {
  db: Db;
  actor: Actor;
  ags: string;
}): Promise<QuickWins> {
  const municipality = await resolveAdministration(db, ags);
  authorizeConsultationRead({ actor, input: { regionId: municipality.regionId } });
  return quickWinsOf(db, municipality);
}

export async function quickWinsOf(
  db: Db,
  municipality: { regionId: number; ags: string; name: string },
): Promise<QuickWins> {
  const all = await administrationsOfLand(db, municipality.ags.slice(0, 2));
  const self = all.find((a) => a.region_id === municipality.regionId);
  const peers = self
    ? all
        .filter((a) => a.region_id !== self.region_id && groupOf(a) === groupOf(self))
        .map((a) => a.region_id)
    : [];
  const found =
    toWins(await quickWinRows(db, [municipality.regionId], peers, today())).get(municipality.regionId) ?? [];
  const demand = await peerDemand(
    db,
    peers,
    found.map((win) => win.ozgId),
  );
  const isHigh = (win: Win) => ((win.demand ?? 0) >= HIGH_DEMAND_PER_THOUSAND ? 1 : 0);
  // A stable sort: high demand first, the order by peers and time online kept within each part.
  const wins = found
    .map((win) => ({ ...win, demand: demand.get(win.ozgId) ?? null }))
    .sort((a, b) => isHigh(b) - isHigh(a));
  const measures = await queryRowsAs(
    db,
    z.object({
      ozg_id: z.number().int(),
      id: z.number().int(),
      consultation_id: z.number().int(),
      state: z.enum(MEASURE_STATES),
    }),
    sql`select distinct on (ms.ozg_id) ms.ozg_id, m.id, m.consultation_id, m.state
        from measures m
        join consultations c on c.id = m.consultation_id
        join measure_services ms on ms.measure_id = m.id
        where c.region_id = ${municipality.regionId} and m.state <> 'dropped'
        order by ms.ozg_id, m.id desc`,
  );
  return {
    region: { ags: municipality.ags, name: municipality.name },
    peerGroup: FAIR_PEER_GROUPS.land,
    peerCount: peers.length,
    method: QUICK_WIN_METHOD,
    items: wins.map((win) => {
      const measure = measures.find((m) => m.ozg_id === win.ozgId);
      return {
        ...win,
        measure: measure
          ? { id: measure.id, consultationId: measure.consultation_id, state: measure.state }
          : null,
      };
    }),
  };
}

/** How many quick wins each municipality has (the worklist), one query per peer group. */
export async function countQuickWins({ db, ags }: { db: Db; ags: string[] }): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const lands = [...new Set(ags.map((key) => key.slice(0, 2)))];
  const wanted = new Set(ags);
  const day = today();
  for (const land of lands) {
    const all = await administrationsOfLand(db, land);
    const groups = new Map<string, Administration[]>();
    for (const a of all) groups.set(groupOf(a), [...(groups.get(groupOf(a)) ?? []), a]);
    for (const members of groups.values()) {
      const selves = members.filter((a) => wanted.has(a.ags));
      if (selves.length === 0) continue;
      const wins = toWins(
        await quickWinRows(
          db,
          selves.map((a) => a.region_id),
          members.map((a) => a.region_id),
          day,
        ),
      );
      for (const a of selves) counts.set(a.ags, wins.get(a.region_id)?.length ?? 0);
    }
  }
  return counts;
}
