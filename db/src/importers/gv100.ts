import {
  isCityKreis,
  isSonderstatusstadt,
  REGION_LEVELS,
  type RegionLevel,
  todayInGermany,
} from '@ozg/shared';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { syncTargetSets, type TargetSetSync } from '../applicability';
import { type Database, type Db, queryRows } from '../client';
import { markDataChanged, prepareForOfficialImport } from '../instance';
import { regions, regionVersions } from '../schema/index';
import { rebuildSnapshots, recomputeTotals } from '../totals';
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
  changes: { created: number; updated: number; territoryChanged: number; closed: number; unchanged: number };
  /** Statuses created for the target sets of new administrations. */
  statusesCreated: number;
};

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
}): Promise<Gv100ImportSummary> {
  const progress = input.progress ?? silentProgress;
  const parsed = parseGv100(input.text, input.fileName, input.land ? { land: input.land } : {});
  const stichtag = parsed.referenceDate;
  if (stichtag > (input.today ?? todayInGermany())) {
    throw new ImportFileError(input.fileName, 1, `Gebietsstand ${stichtag} liegt in der Zukunft`);
  }
  const changes = { created: 0, updated: 0, territoryChanged: 0, closed: 0, unchanged: 0 };
  let targets: TargetSetSync = { created: 0, changed: 0, regionIds: [] };
  // Only the Länder in the file are compared: a file of one Land leaves the others alone.
  const fileLands = [...new Set(parsed.regions.map((region) => region.ags.slice(0, 2)))];
  const fileKeys = new Set(parsed.regions.map((region) => `${region.level}:${region.ags}`));

  await input.database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await prepareForOfficialImport(db, { replaceDemo: input.replaceDemo ?? false });
    const current = await loadCurrentVersions(db, fileLands);
    const newest = current.reduce<string | null>(
      (max, version) => (version.sourceDate && (!max || version.sourceDate > max) ? version.sourceDate : max),
      null,
    );
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

      for (const batch of chunks(toCreate, 500)) {
        const created = await db
          .insert(regions)
          .values(batch.map(() => ({ level, origin: 'official' as const })))
          .returning({ id: regions.id });
        await db.insert(regionVersions).values(
          batch.map((entry, index) => {
            const regionId = created[index]?.id as number;
            idByKey.set(`${level}:${entry.region.ags}`, regionId);
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
          .values(versionValues(entry.region, entry.old.regionId, entry.parentRegionId, stichtag, stichtag));
        changes.territoryChanged++;
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
    }
    const [orphans] = await queryRows<{ names: string | null }>(
      db,
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
    targets = await syncTargetSets(db, { source: 'import' });
    // The territory (and the inhabitants) define what every region sums, from the file's date on.
    await recomputeTotals(db);
    await rebuildSnapshots(db);
    await markDataChanged(db, 'official');
  });

  return {
    ...summarize(parsed.regions, parsed.referenceDate, parsed.skipped, changes),
    statusesCreated: targets.created,
  };
}

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
): Omit<Gv100ImportSummary, 'statusesCreated'> {
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
