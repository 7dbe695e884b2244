import {
  isCityKreis,
  isSonderstatusstadt,
  REGION_LEVELS,
  type RegionLevel,
  todayInGermany,
} from '@ozg/shared';
import { and, eq, inArray, isNull, lte, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import { syncTargetSets, type TargetSetSync } from '../applicability';
import { type Database, type Db, queryRowsAs } from '../client';
import { appendEventsSql, countedStatus, stateOf } from '../domain-sql';
import { prepareForOfficialImport } from '../instance';
import { regionSuccessions, regions, regionVersions, territoryImports } from '../schema/index';
import { applyStatusChanges } from '../write-path';
import { ImportFileError, type ProgressReporter, silentProgress } from './errors';
import { type Gv100Region, parseGv100 } from './gv100-parse';

/**
 * The first import cannot know since when a region exists (the directory only
 * gives its state on the Stichtag), so its versions are valid from this date:
 * long before the OZG (2017), so that every historical view finds them.
 */
export const UNKNOWN_START = '1900-01-01';

export type Gv100ImportSummary = {
  referenceDate: string;
  perLevel: Record<RegionLevel, number>;
  kreise: { landkreise: number; kreisfreieStaedte: number; other: number };
  gemeinden: { kreisfreieStaedte: number; staedte: number; gemeinden: number };
  population: number;
  skipped: { unincorporated: number; verbaende: number; regionen: number; otherLaender: number };
  changes: {
    created: number;
    updated: number;
    territoryChanged: number;
    closed: number;
    unchanged: number;
    /** Gemeinden that kept their identity (statuses, events) under a new key. */
    succeeded: number;
  };
  /** Which Gemeinde succeeded which, and why the importer took them for the same one. */
  successions: Succession[];
  /** Mergers and splits from the successor list (combined status rule in decision 009). */
  mergers: Merger[];
  /** Statuses created for the target sets of new administrations. */
  statusesCreated: number;
};

class DryRunRollback extends Error {}

export type Succession = {
  oldAgs: string;
  newAgs: string;
  name: string;
  /** 'name': same name in the same Land; 'gemeinde-part': same Gemeinde part and base name; 'list': the successor list. */
  matchedBy: 'name' | 'gemeinde-part' | 'list';
};

/** A successor of a merger or split: the statuses it took over from its predecessors. */
export type Merger = { newAgs: string; oldAgs: string[]; statusesTakenOver: number };

type CurrentVersion = {
  versionId: number;
  regionId: number;
  level: RegionLevel;
  validFrom: string;
  parentRegionId: number | null;
  ags: string;
  ars: string;
  kind: string;
  sourceDate: string | null;
  name: string;
  seat: string | null;
  gvType: string | null;
  population: number | null;
  areaHectares: number | null;
  postcode: string | null;
  sonderstatus: boolean;
};

/**
 * Imports the Destatis GV100AD directory: all or nothing. Regions are matched to
 * the current versions by level and AGS. Changed names or figures are updated in
 * place; a changed territory (other parent, ARS or kind) closes the current
 * version on the Stichtag and opens a new one; regions of the file's Länder that
 * are missing from it are closed on the Stichtag. History is never deleted. A
 * file older than the data already loaded, or dated in the future, is refused.
 */
export async function importGv100(input: {
  database: Database;
  text: string;
  fileName: string;
  land?: string;
  replaceDemo?: boolean;
  progress?: ProgressReporter;
  /** For tests: the date the import counts as today. */
  today?: string;
  /** Check the file and report what it would change (successors found, …) without writing anything. */
  dryRun?: boolean;
}): Promise<Gv100ImportSummary> {
  const progress = input.progress ?? silentProgress;
  const parsed = parseGv100(input.text, input.fileName, input.land ? { land: input.land } : {});
  const stichtag = parsed.referenceDate;
  const today = input.today ?? todayInGermany();
  if (stichtag > today) {
    throw new ImportFileError(input.fileName, 1, `Gebietsstand ${stichtag} liegt in der Zukunft`);
  }
  const changes = { created: 0, updated: 0, territoryChanged: 0, closed: 0, unchanged: 0, succeeded: 0 };
  const successions: Succession[] = [];
  const mergers: Merger[] = [];
  let targets: TargetSetSync = { created: 0, changed: 0, regionIds: [] };
  // Only the Länder in the file are compared: a file of one Land leaves the others alone.
  const fileLands = [...new Set(parsed.regions.map((region) => region.ags.slice(0, 2)))];
  const fileKeys = new Set(parsed.regions.map((region) => `${region.level}:${region.ags}`));

  await input.database.db
    .transaction(async (tx) => {
      const db = tx as unknown as Db;
      await prepareForOfficialImport(db, { replaceDemo: input.replaceDemo ?? false });
      const current = await loadCurrentVersions(db, fileLands);
      // The newest Stichtag ever loaded for these Länder, whatever changed then: a file with
      // unchanged content still moves the Land's Stichtag on, so an older file after it is refused.
      const [{ newest } = { newest: null }] = await db
        .select({ newest: max(territoryImports.stichtag) })
        .from(territoryImports)
        .where(inArray(territoryImports.land, fileLands));
      if (newest && stichtag < newest) {
        throw new ImportFileError(
          input.fileName,
          1,
          `Gebietsstand ${stichtag} ist älter als der bereits geladene (${newest}); nicht neuer, daher nicht übernommen`,
        );
      }
      const byKey = new Map(current.map((version) => [`${version.level}:${version.ags}`, version]));
      // The first import of a Land cannot know since when its regions exist (see UNKNOWN_START).
      const landsLoaded = new Set(current.map((version) => version.ags.slice(0, 2)));
      const seen = new Set<number>();
      /** region id by level and AGS: existing ones, then those created by this import */
      const idByKey = new Map<string, number>(
        current.map((version) => [`${version.level}:${version.ags}`, version.regionId]),
      );
      const toUpdate: { versionId: number; region: Gv100Region; sonderstatus: boolean }[] = [];
      // Pending entries of the successor list that this file can apply (decision 009).
      const listed = await db
        .select()
        .from(regionSuccessions)
        .where(
          and(
            isNull(regionSuccessions.appliedOn),
            lte(regionSuccessions.effectiveOn, stichtag),
            inArray(sql`left(${regionSuccessions.newAgs}, 2)`, fileLands),
          ),
        );
      const appliedEntries: { id: number; predecessor: number; successorAgs: string }[] = [];
      const inheritances: { entry: typeof regionSuccessions.$inferSelect; predecessor: CurrentVersion }[] =
        [];
      /** Regions whose territory changed on the Stichtag: their target-set changes count from it. */
      const changedRegions = new Map<number, string>();

      let done = 0;
      // Parents are created before their children so that their ids are known.
      for (const level of REGION_LEVELS) {
        const toCreate: { region: Gv100Region; parentRegionId: number | null; validFrom: string }[] = [];
        const toReplace: { old: CurrentVersion; region: Gv100Region; parentRegionId: number | null }[] = [];
        for (const region of parsed.regions.filter((candidate) => candidate.level === level)) {
          const parentRegionId = resolveParent(region, fileKeys, idByKey, input.fileName);
          const sonderstatus = region.level === 'gemeinde' && isSonderstatusstadt(region.ags, stichtag);
          const existing = byKey.get(`${region.level}:${region.ags}`);
          if (!existing) {
            const validFrom = landsLoaded.has(region.ags.slice(0, 2)) ? stichtag : UNKNOWN_START;
            toCreate.push({ region, parentRegionId, validFrom });
            continue;
          }
          seen.add(existing.versionId);
          if (
            existing.parentRegionId !== parentRegionId ||
            existing.kind !== region.kind ||
            existing.ars !== region.ars
          ) {
            if (stichtag <= existing.validFrom) {
              throw new ImportFileError(
                input.fileName,
                region.line,
                `Gebietsstand ${stichtag} ist nicht neuer als die geladene Fassung von ${region.name} (gültig ab ${existing.validFrom})`,
              );
            }
            toReplace.push({ old: existing, region, parentRegionId });
          } else if (attributesDiffer(existing, region, sonderstatus)) {
            toUpdate.push({ versionId: existing.versionId, region, sonderstatus });
          } else {
            changes.unchanged++;
          }
        }

        if (level === 'gemeinde') {
          // A Gemeinde under a new key (Hanau, kreisfrei from 2026) is the same administration:
          // it keeps its identity, and with it its statuses, versions and events.
          const vanishedGemeinden = current.filter(
            (version) => version.level === 'gemeinde' && !fileKeys.has(`gemeinde:${version.ags}`),
          );
          const vanishedAgs = new Set(vanishedGemeinden.map((version) => version.ags));
          const createdAgs = new Set(toCreate.map((entry) => entry.region.ags));
          // The admin's successor list decides first; the Gemeinden it names are not guessed at.
          const applicable = listed.filter(
            (entry) => byKey.has(`gemeinde:${entry.oldAgs}`) && fileKeys.has(`gemeinde:${entry.newAgs}`),
          );
          for (const entry of applicable) {
            if (
              entry.kind === 'key_change' &&
              vanishedAgs.has(entry.oldAgs) &&
              createdAgs.has(entry.newAgs)
            ) {
              const old = byKey.get(`gemeinde:${entry.oldAgs}`) as CurrentVersion;
              successions.push({
                oldAgs: entry.oldAgs,
                newAgs: entry.newAgs,
                name: old.name,
                matchedBy: 'list',
              });
              appliedEntries.push({ id: entry.id, predecessor: old.regionId, successorAgs: entry.newAgs });
            } else if (entry.kind !== 'key_change') {
              inheritances.push({
                entry,
                predecessor: byKey.get(`gemeinde:${entry.oldAgs}`) as CurrentVersion,
              });
            }
          }
          const named = new Set(applicable.flatMap((entry) => [entry.oldAgs, entry.newAgs]));
          successions.push(
            ...matchSuccessors(
              vanishedGemeinden.filter((version) => !named.has(version.ags)),
              toCreate.map((entry) => entry.region).filter((region) => !named.has(region.ags)),
            ),
          );
          for (const succession of successions) {
            const old = byKey.get(`gemeinde:${succession.oldAgs}`) as CurrentVersion;
            const index = toCreate.findIndex((entry) => entry.region.ags === succession.newAgs);
            const [entry] = toCreate.splice(index, 1);
            if (!entry) continue;
            if (stichtag <= old.validFrom) {
              throw new ImportFileError(
                input.fileName,
                entry.region.line,
                `Gebietsstand ${stichtag} ist nicht neuer als die geladene Fassung von ${old.name} (gültig ab ${old.validFrom})`,
              );
            }
            seen.add(old.versionId);
            idByKey.set(`gemeinde:${entry.region.ags}`, old.regionId);
            toReplace.push({ old, region: entry.region, parentRegionId: entry.parentRegionId });
            changes.succeeded++;
          }
        }
        for (const batch of chunks(toCreate, 500)) {
          const created = await db
            .insert(regions)
            .values(batch.map(() => ({ level, origin: 'official' as const })))
            .returning({ id: regions.id });
          await db.insert(regionVersions).values(
            batch.map((entry, index) => {
              const regionId = created[index]?.id as number;
              idByKey.set(`${level}:${entry.region.ags}`, regionId);
              if (entry.validFrom === stichtag) changedRegions.set(regionId, entry.region.ags.slice(0, 2));
              return versionValues(entry.region, regionId, entry.parentRegionId, entry.validFrom, stichtag);
            }),
          );
          changes.created += batch.length;
          done += batch.length;
          progress(done, parsed.regions.length, 'Gebiete');
        }
        for (const entry of toReplace) {
          await db
            .update(regionVersions)
            .set({ validTo: stichtag })
            .where(eq(regionVersions.id, entry.old.versionId));
          await db
            .insert(regionVersions)
            .values(
              versionValues(entry.region, entry.old.regionId, entry.parentRegionId, stichtag, stichtag),
            );
          changedRegions.set(entry.old.regionId, entry.region.ags.slice(0, 2));
          if (!successions.some((succession) => succession.newAgs === entry.region.ags)) {
            changes.territoryChanged++;
          }
        }
      }

      for (const batch of chunks(toUpdate, 1000)) {
        await updateInPlace(db, batch, stichtag);
        changes.updated += batch.length;
      }

      const vanished = current.filter(
        (version) => !seen.has(version.versionId) && version.validFrom < stichtag,
      );
      for (const batch of chunks(vanished, 1000)) {
        await db
          .update(regionVersions)
          .set({ validTo: stichtag })
          .where(
            inArray(
              regionVersions.id,
              batch.map((version) => version.versionId),
            ),
          );
        changes.closed += batch.length;
        for (const version of batch) changedRegions.set(version.regionId, version.ags.slice(0, 2));
      }
      const [orphans] = await queryRowsAs(
        db,
        z.object({ names: z.string().nullable() }),
        sql`select string_agg(v.name, ', ') as names from region_versions v
          where v.valid_to is null and v.parent_region_id is not null
            and not exists (select 1 from region_versions p where p.region_id = v.parent_region_id and p.valid_to is null)`,
      );
      if (orphans?.names) {
        throw new ImportFileError(
          input.fileName,
          1,
          `Gebiete ohne gültiges übergeordnetes Gebiet: ${orphans.names}`,
        );
      }
      progress(parsed.regions.length, parsed.regions.length, 'Gebiete');
      // New or changed administrations get the statuses of their target set; closed ones leave theirs.
      // These changes take effect on the Stichtag (decision 009), not on the import day.
      const pairs = inheritances.map(({ entry, predecessor }) => ({
        id: entry.id,
        predecessor_id: predecessor.regionId,
        successor_id: idByKey.get(`gemeinde:${entry.newAgs}`) as number,
      }));
      // Mergers and splits: the predecessors' records are read before they leave their target sets.
      await db.execute(sql`
      create temporary table inherited_statuses on commit drop as
      select distinct on (p.successor_id, st.ozg_id) p.successor_id, st.ozg_id, st.id as from_status_id,
        st.maturity_level, st.workflow_state, st.solution, st.url, st.online_since
      from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as p(id int, predecessor_id int, successor_id int)
      join service_statuses st on st.region_id = p.predecessor_id
      where ${countedStatus('st')} and st.maturity_level > 0
      order by p.successor_id, st.ozg_id, st.maturity_level desc, st.online_since nulls last, st.id`);
      const effectiveOn = stichtag < today ? stichtag : null;
      targets = await syncTargetSets(db, {
        source: 'import',
        ...(effectiveOn ? { effective: { on: effectiveOn, regionIds: [...changedRegions.keys()] } } : {}),
      });
      const takenOver = await inheritStatuses(db, effectiveOn);
      for (const newAgs of new Set(inheritances.map(({ entry }) => entry.newAgs))) {
        mergers.push({
          newAgs,
          oldAgs: inheritances
            .filter(({ entry }) => entry.newAgs === newAgs)
            .map(({ entry }) => entry.oldAgs)
            .sort(),
          statusesTakenOver: takenOver.get(idByKey.get(`gemeinde:${newAgs}`) as number) ?? 0,
        });
      }
      for (const { id, predecessor, successorAgs } of appliedEntries) {
        pairs.push({
          id,
          predecessor_id: predecessor,
          successor_id: idByKey.get(`gemeinde:${successorAgs}`) as number,
        });
      }
      if (pairs.length > 0) {
        await db.execute(sql`
        update region_successions s set predecessor_region_id = p.predecessor_id,
          successor_region_id = p.successor_id, applied_on = ${stichtag}
        from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as p(id int, predecessor_id int, successor_id int)
        where s.id = p.id`);
      }
      await db.insert(territoryImports).values(
        fileLands.map((land) => ({
          land,
          stichtag,
          fileName: input.fileName.slice(-300),
          territoryChanges: [...changedRegions.values()].filter((regionLand) => regionLand === land).length,
          successions:
            successions.filter((succession) => succession.newAgs.startsWith(land)).length +
            inheritances.filter(({ entry }) => entry.newAgs.startsWith(land)).length,
        })),
      );
      // A dry run goes all the way, so that it finds every problem the import would, then rolls back.
      if (input.dryRun) throw new DryRunRollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof DryRunRollback)) throw error;
    });

  return {
    ...summarize(parsed.regions, parsed.referenceDate, parsed.skipped, changes),
    successions,
    mergers,
    statusesCreated: targets.created,
  };
}

/**
 * The combined status rule of mergers and splits (decision 009): for every
 * service in the successor's target set, the most mature record among its
 * predecessors (ties: the earliest "online seit") counts, with its solution, URL
 * and dates, when it is more mature than the successor's own. Each change is a
 * status event that names the record it came from; the predecessors keep their
 * records and history. It always runs, also without successors: as the
 * import's status write it rebuilds every derived table, because the
 * territory and the inhabitants define what every region sums from the
 * file's date on.
 */
async function inheritStatuses(db: Db, effectiveOn: string | null): Promise<Map<number, number>> {
  const raised = await applyStatusChanges<{ region_id: number; n: number }>(db, {
    statement: sql`
    with raised as (
      update service_statuses s set maturity_level = i.maturity_level, workflow_state = i.workflow_state,
        solution = i.solution, url = i.url, online_since = i.online_since, version = s.version + 1, updated_at = now()
      from inherited_statuses i join service_statuses o on o.region_id = i.successor_id and o.ozg_id = i.ozg_id
      where s.id = o.id and ${countedStatus('s')} and i.maturity_level > o.maturity_level
      returning s.id, s.region_id, s.ozg_id, s.maturity_level, s.maturity_model, s.in_target,
        o.maturity_level as old_level, i.from_status_id
    ),
    events as (
      ${appendEventsSql(
        {
          ...stateOf('raised'),
          source: sql`'import'`,
          before: sql`jsonb_build_object('maturityLevel', old_level)`,
          after: sql`jsonb_build_object('maturityLevel', maturity_level, 'takenOverFromStatus', from_status_id)`,
          effectiveOn: sql`${effectiveOn}::date`,
        },
        sql`raised`,
      )}
    )
    select region_id, count(*)::int as n from raised group by region_id`,
    // The territory (and the inhabitants) define what every region sums, from the file's date on.
    derived: { everything: true },
    dataset: 'official',
  });
  return new Map(raised.map((row) => [row.region_id, row.n]));
}

/**
 * Pairs Gemeinden that vanished from the directory with new ones of the same
 * Land that are the same administration: by the same name, else by the same
 * Gemeinde part of the AGS and the same name before the comma ("Hanau" of
 * "Hanau, Brüder-Grimm-Stadt"). Only pairs that are unambiguous on both sides
 * count; anything else stays an ended and a new region.
 */
export function matchSuccessors(
  vanished: readonly { ags: string; name: string }[],
  created: readonly { ags: string; name: string }[],
): Succession[] {
  const result: Succession[] = [];
  const taken = new Set<string>();
  const rules: [Succession['matchedBy'], (region: { ags: string; name: string }) => string][] = [
    ['name', (region) => `${region.ags.slice(0, 2)}|${region.name}`],
    [
      'gemeinde-part',
      (region) => `${region.ags.slice(0, 2)}|${region.ags.slice(5)}|${baseName(region.name)}`,
    ],
  ];
  for (const [matchedBy, key] of rules) {
    const group = <T extends { ags: string; name: string }>(items: readonly T[]) => {
      const byKey = new Map<string, T[]>();
      for (const item of items.filter((candidate) => !taken.has(candidate.ags))) {
        byKey.set(key(item), [...(byKey.get(key(item)) ?? []), item]);
      }
      return byKey;
    };
    const newByKey = group(created);
    for (const [matchKey, olds] of group(vanished)) {
      const news = newByKey.get(matchKey);
      if (olds.length !== 1 || news?.length !== 1) continue;
      const [old] = olds;
      const [successor] = news;
      if (!old || !successor) continue;
      taken.add(old.ags).add(successor.ags);
      result.push({ oldAgs: old.ags, newAgs: successor.ags, name: successor.name, matchedBy });
    }
  }
  return result.sort((a, b) => a.oldAgs.localeCompare(b.oldAgs));
}

const baseName = (name: string) => name.split(',')[0]?.trim() ?? name;

async function loadCurrentVersions(db: Db, lands: readonly string[]): Promise<CurrentVersion[]> {
  return db
    .select({
      versionId: regionVersions.id,
      regionId: regionVersions.regionId,
      level: regions.level,
      validFrom: regionVersions.validFrom,
      parentRegionId: regionVersions.parentRegionId,
      ags: regionVersions.ags,
      ars: regionVersions.ars,
      kind: regionVersions.kind,
      sourceDate: regionVersions.sourceDate,
      name: regionVersions.name,
      seat: regionVersions.seat,
      gvType: regionVersions.gvType,
      population: regionVersions.population,
      areaHectares: regionVersions.areaHectares,
      postcode: regionVersions.postcode,
      sonderstatus: regionVersions.sonderstatus,
    })
    .from(regionVersions)
    .innerJoin(regions, eq(regions.id, regionVersions.regionId))
    .where(
      and(
        isNull(regionVersions.validTo),
        eq(regions.origin, 'official'),
        inArray(sql`left(${regionVersions.ags}, 2)`, [...lands]),
      ),
    );
}

/** The parent must be in the same file: a file never hangs regions below ones it does not contain. */
function resolveParent(
  region: Gv100Region,
  fileKeys: Set<string>,
  idByKey: Map<string, number>,
  fileName: string,
): number | null {
  if (region.level === 'land') return null;
  const land = region.ags.slice(0, 2);
  const candidates: [RegionLevel, string][] =
    region.level === 'bezirk'
      ? [['land', land]]
      : region.level === 'kreis'
        ? // Länder without Regierungsbezirke have 0 in the RB position.
          [
            ['bezirk', region.ags.slice(0, 3)],
            ['land', land],
          ]
        : [['kreis', region.ags.slice(0, 5)]];
  for (const [level, key] of candidates) {
    const id = fileKeys.has(`${level}:${key}`) ? idByKey.get(`${level}:${key}`) : undefined;
    if (id !== undefined) return id;
  }
  throw new ImportFileError(
    fileName,
    region.line,
    `übergeordnetes Gebiet ${candidates.map(([, key]) => key).join(' bzw. ')} für ${region.name} fehlt`,
  );
}

function versionValues(
  region: Gv100Region,
  regionId: number,
  parentRegionId: number | null,
  validFrom: string,
  stichtag: string,
) {
  return {
    regionId,
    parentRegionId,
    ags: region.ags,
    ars: region.ars,
    name: region.name,
    kind: region.kind,
    gvType: region.gvType,
    seat: region.seat,
    population: region.population,
    areaHectares: region.areaHectares,
    postcode: region.postcode,
    sonderstatus: region.level === 'gemeinde' && isSonderstatusstadt(region.ags, stichtag),
    validFrom,
    sourceDate: stichtag,
  };
}

function attributesDiffer(existing: CurrentVersion, region: Gv100Region, sonderstatus: boolean): boolean {
  return (
    existing.name !== region.name ||
    existing.seat !== region.seat ||
    existing.gvType !== region.gvType ||
    existing.population !== region.population ||
    existing.areaHectares !== region.areaHectares ||
    existing.postcode !== region.postcode ||
    existing.sonderstatus !== sonderstatus
  );
}

async function updateInPlace(
  db: Db,
  batch: { versionId: number; region: Gv100Region; sonderstatus: boolean }[],
  stichtag: string,
): Promise<void> {
  const rows = batch.map(({ versionId, region, sonderstatus }) => ({
    id: versionId,
    name: region.name,
    seat: region.seat,
    gv_type: region.gvType,
    population: region.population,
    area_hectares: region.areaHectares,
    postcode: region.postcode,
    sonderstatus,
  }));
  // One statement per batch instead of one per region: a quarterly file changes the population of nearly every Gemeinde.
  await db.execute(sql`
    update region_versions v set
      name = r.name, seat = r.seat, gv_type = r.gv_type, population = r.population,
      area_hectares = r.area_hectares, postcode = r.postcode, sonderstatus = r.sonderstatus,
      source_date = ${stichtag}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
      id integer, name text, seat text, gv_type text, population integer,
      area_hectares integer, postcode text, sonderstatus boolean)
    where v.id = r.id`);
}

function summarize(
  parsed: Gv100Region[],
  referenceDate: string,
  skipped: Gv100ImportSummary['skipped'],
  changes: Gv100ImportSummary['changes'],
): Omit<Gv100ImportSummary, 'statusesCreated' | 'successions' | 'mergers'> {
  const count = (predicate: (region: Gv100Region) => boolean) => parsed.filter(predicate).length;
  return {
    referenceDate,
    perLevel: {
      land: count((r) => r.level === 'land'),
      bezirk: count((r) => r.level === 'bezirk'),
      kreis: count((r) => r.level === 'kreis'),
      gemeinde: count((r) => r.level === 'gemeinde'),
    },
    kreise: {
      landkreise: count((r) => r.level === 'kreis' && (r.kind === 'landkreis' || r.kind === 'kreis')),
      kreisfreieStaedte: count((r) => r.level === 'kreis' && isCityKreis(r.kind)),
      other: count((r) => r.level === 'kreis' && r.kind === 'regionalverband'),
    },
    gemeinden: {
      kreisfreieStaedte: count((r) => r.level === 'gemeinde' && isCityKreis(r.kind)),
      staedte: count((r) => r.level === 'gemeinde' && (r.kind === 'stadt' || r.kind === 'grosse_kreisstadt')),
      gemeinden: count((r) => r.level === 'gemeinde' && (r.kind === 'gemeinde' || r.kind === 'markt')),
    },
    population: parsed.reduce(
      (sum, region) => sum + (region.level === 'gemeinde' ? (region.population ?? 0) : 0),
      0,
    ),
    skipped,
    changes,
  };
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
