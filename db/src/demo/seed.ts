import {
  appliesByDefault,
  DEFAULT_MATURITY_MODEL,
  type SolutionKind,
  todayInGermany,
  type WorkflowState,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { type Database, type Db, queryRows } from '../client';
import { appendEventsSql } from '../domain-sql';
import { ImportRefusedError, type ProgressReporter, silentProgress } from '../importers/errors';
import { chunks, UNKNOWN_START } from '../importers/gv100';
import { clearAllData, readDataset } from '../instance';
import { freezeDueKeyDates } from '../keydates';
import { hashPassword } from '../passwords';
import {
  consultingModules,
  ozgServices,
  regions,
  regionVersions,
  type serviceStatuses,
  type statusEvents,
  userRegions,
  users,
} from '../schema/index';
import { rebuildDerivedTables } from '../write-path';
import { insertDemoChecks } from './check';
import { insertDemoConsultations } from './consulting';
import { insertDemoDatahub } from './datahub';
import { DEMO_BEZIRKE, DEMO_KREISE, DEMO_LAND, inventedPlaceNames } from './hessen';
import { insertDemoAssessments, insertDemoModelHistory } from './maturity';
import { type Random, seededRandom } from './random';
import { DEMO_OZG_ID_START, DEMO_SERVICES } from './services';
import { insertDemoUsage } from './usage';

/** Demo accounts; their passwords are public (README), which is fine for generated data only. */
export const DEMO_USERS = [
  {
    email: 'admin@demo.example',
    password: 'demo-admin-2026',
    role: 'admin',
    displayName: 'Ministerium (Demo)',
    regions: [],
  },
  {
    email: 'kommune@demo.example',
    password: 'demo-kommune-2026',
    role: 'officer',
    displayName: 'Digitalisierungsbeauftragte (Demo)',
    regions: ['06435901'],
  },
  {
    email: 'kreis@demo.example',
    password: 'demo-kreis-2026',
    role: 'officer',
    displayName: 'Kreisverwaltung (Demo)',
    regions: ['06435'],
  },
  {
    email: 'beratung@demo.example',
    password: 'demo-beratung-2026',
    role: 'consultant',
    displayName: 'Beratung ekom21 (Demo)',
    regions: [],
  },
  {
    email: 'lesen@demo.example',
    password: 'demo-lesen-2026',
    role: 'viewer',
    displayName: 'Lesezugriff (Demo)',
    regions: [],
  },
] as const;

export const DEMO_CONSULTING_MODULES = [
  {
    name: 'OZG-Reifegrad-Check',
    area: 'ozg',
    description:
      'Bestandsaufnahme der OZG-Leistungen und ihres Reifegrads, Priorisierung der nächsten Schritte.',
  },
  {
    name: 'OZG-Umsetzungsplanung',
    area: 'ozg',
    description: 'Fahrplan für die Einführung von EfA-Diensten und civento-Formularen.',
  },
  {
    name: 'Digitale Verwaltungsprozesse',
    area: 'verwaltungsdigitalisierung',
    description: 'E-Akte, digitale Posteingänge und medienbruchfreie Abläufe.',
  },
  {
    name: 'Digitalisierungsstrategie',
    area: 'verwaltungsdigitalisierung',
    description: 'Ziele, Organisation und Ressourcen der Digitalisierung der Kommune.',
  },
] as const;

/** The generated history starts here: two years before the OZG deadline. */
export const DEMO_HISTORY_START = '2021-01-04';

export type DemoSeedResult =
  | { status: 'unchanged' }
  | {
      status: 'seeded';
      regions: { kreise: number; gemeinden: number };
      services: number;
      statuses: number;
      events: number;
      users: readonly { email: string; password: string; role: string }[];
    };

type Administration = {
  regionId: number;
  ags: string;
  name: string;
  level: 'kreis' | 'gemeinde';
  kind: string;
  population: number;
};

/**
 * Seeds the generated demo: Hessen's real Regierungsbezirke and Kreise, invented
 * Gemeinden, a catalogue of well-known services, and a status history from 2021
 * to `today`. Idempotent (a database that holds the demo is left as it is);
 * `reset` regenerates it, and only on an embedded or local database. Refuses a
 * database with official data.
 */
export async function seedDemo(input: {
  database: Database;
  reset?: boolean;
  today?: string;
  progress?: ProgressReporter;
}): Promise<DemoSeedResult> {
  const { database } = input;
  const progress = input.progress ?? silentProgress;
  const today = input.today ?? todayInGermany();
  const dataset = await readDataset(database.db);
  if (dataset === 'official') {
    throw new ImportRefusedError(
      'Die Datenbank enthält amtliche Daten; Demo-Daten werden nicht hinzugefügt.',
    );
  }
  if (dataset === 'demo') {
    if (!input.reset) return { status: 'unchanged' };
    if (database.location === 'remote') {
      throw new ImportRefusedError(
        'Eine entfernte Datenbank wird nicht zurückgesetzt; nur eingebettete oder lokale.',
      );
    }
  }

  const random = seededRandom(20_221_231);
  const passwordHashes = await Promise.all(DEMO_USERS.map((user) => hashPassword(user.password)));
  let counts = { kreise: 0, gemeinden: 0, statuses: 0, events: 0 };

  await database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    // Regenerating replaces the old demo in the same transaction: a failure leaves it as it was.
    if (dataset === 'demo') await clearAllData(db);
    const administrations = await insertRegions(db, random);
    counts.kreise = DEMO_KREISE.length;
    counts.gemeinden = administrations.filter((a) => a.level === 'gemeinde').length;
    progress(1, 4, 'Gebiete');

    const services = DEMO_SERVICES.map((service, index) => ({
      ...service,
      ozgId: DEMO_OZG_ID_START + index,
    }));
    await db.insert(ozgServices).values(
      services.map((service) => ({
        ozgId: service.ozgId,
        name: service.name,
        lebenslage: service.lebenslage,
        themenfeld: service.themenfeld,
        municipallyRelevant: true,
        executingLevel: service.level,
      })),
    );
    progress(2, 4, 'Katalog');

    const generated = generateHistory(administrations, services, random, today);
    counts = {
      ...counts,
      statuses: generated.length,
      events: generated.reduce((sum, s) => sum + s.events.length, 0),
    };
    for (const batch of chunks(generated, 2000)) {
      const idByKey = await insertStatuses(
        db,
        batch.map((entry) => entry.status),
      );
      const events = batch.flatMap((entry) =>
        entry.events.map((event) => ({
          ...event,
          statusId: idByKey.get(`${event.regionId}:${event.ozgId}`) as number,
        })),
      );
      await insertEvents(db, events);
    }
    await insertDemoAssessments(db, '06435901');
    progress(3, 4, 'Statushistorie');

    const insertedUsers = await db
      .insert(users)
      .values(
        DEMO_USERS.map((user, index) => ({
          email: user.email,
          displayName: user.displayName,
          role: user.role,
          passwordHash: passwordHashes[index] as string,
        })),
      )
      .returning({ id: users.id, email: users.email });
    const regionIdByAgs = new Map(administrations.map((a) => [a.ags, a.regionId]));
    const assignments = DEMO_USERS.flatMap((user) =>
      user.regions.map((ags) => ({
        userId: insertedUsers.find((inserted) => inserted.email === user.email)?.id as number,
        regionId: regionIdByAgs.get(ags) as number,
      })),
    );
    await db.insert(userRegions).values(assignments);
    await db.insert(consultingModules).values([...DEMO_CONSULTING_MODULES]);
    // The demo users' own Gemeinden start without consultations and checks: the journeys begin there.
    const othersGemeindeIds = administrations
      .filter(
        (a) =>
          a.level === 'gemeinde' &&
          !DEMO_USERS.some((user) => (user.regions as readonly string[]).includes(a.ags)),
      )
      .map((a) => a.regionId);
    await insertDemoConsultations(db, {
      gemeindeIds: othersGemeindeIds,
      consultantUserId: insertedUsers.find((user) => user.email === 'beratung@demo.example')?.id as number,
      today,
      random,
    });
    // The course by 2.0 has no events to rebuild it from: the demo writes its past days (decision 020).
    await insertDemoModelHistory(db, today);
    // The history is backdated: every 1.1 snapshot comes from the events, today's 2.0 rows from the totals.
    await rebuildDerivedTables(db, { dataset: 'demo' });
    await insertDemoChecks(db, {
      gemeindeIds: othersGemeindeIds,
      today,
      random,
    });
    // The key dates before the demo's today are frozen from the history just written, as an
    // installation freezes them once the day has ended (decision 018).
    await freezeDueKeyDates(db, today);
    await insertDemoUsage(db, today);
    // Open differences to reconcile with the Bund, for every Gemeinde (decision 021).
    await insertDemoDatahub(db, today);
    progress(4, 4, 'Benutzer');
  });

  return {
    status: 'seeded',
    regions: { kreise: counts.kreise, gemeinden: counts.gemeinden },
    services: DEMO_SERVICES.length,
    statuses: counts.statuses,
    events: counts.events,
    users: DEMO_USERS.map(({ email, password, role }) => ({ email, password, role })),
  };
}

async function insertRegions(db: Db, random: Random): Promise<Administration[]> {
  const insertRegion = async (
    level: 'land' | 'bezirk' | 'kreis' | 'gemeinde',
    version: Omit<typeof regionVersions.$inferInsert, 'regionId' | 'validFrom'>,
  ) => {
    const [region] = await db.insert(regions).values({ level, origin: 'demo' }).returning({ id: regions.id });
    const regionId = region?.id as number;
    await db.insert(regionVersions).values({ ...version, regionId, validFrom: UNKNOWN_START });
    return regionId;
  };

  const landId = await insertRegion('land', {
    ags: DEMO_LAND.ags,
    ars: DEMO_LAND.ags,
    name: DEMO_LAND.name,
    kind: 'land',
    parentRegionId: null,
  });
  const bezirkIds = new Map<string, number>();
  for (const bezirk of DEMO_BEZIRKE) {
    bezirkIds.set(
      bezirk.ags,
      await insertRegion('bezirk', {
        ags: bezirk.ags,
        ars: bezirk.ags,
        name: bezirk.name,
        kind: 'regierungsbezirk',
        parentRegionId: landId,
      }),
    );
  }

  const names = shuffle(inventedPlaceNames(), random);
  const administrations: Administration[] = [];
  for (const kreis of DEMO_KREISE) {
    const kreisId = await insertRegion('kreis', {
      ags: kreis.ags,
      ars: kreis.ags,
      name: kreis.name,
      kind: kreis.kind,
      parentRegionId: bezirkIds.get(kreis.ags.slice(0, 3)) as number,
    });
    if (kreis.kind === 'kreisfreie_stadt') {
      // The city is one administration: its Gemeinde record carries the statuses of both levels.
      const ags = `${kreis.ags}000`;
      const population = kreis.population ?? 100_000;
      const regionId = await insertRegion('gemeinde', {
        ags,
        ars: `${kreis.ags}0000000`,
        name: kreis.name,
        kind: 'kreisfreie_stadt',
        population,
        parentRegionId: kreisId,
      });
      administrations.push({
        regionId,
        ags,
        name: kreis.name,
        level: 'gemeinde',
        kind: 'kreisfreie_stadt',
        population,
      });
      continue;
    }
    administrations.push({
      regionId: kreisId,
      ags: kreis.ags,
      name: kreis.name,
      level: 'kreis',
      kind: 'landkreis',
      population: 0,
    });
    const count = random.int(7, 14);
    for (let index = 0; index < count; index++) {
      // Invented keys from 901 upwards, far from the real ones, so demo keys never look like real Gemeinden.
      const number = String(901 + index);
      const ags = `${kreis.ags}${number}`;
      const population =
        index === 0
          ? random.int(20_000, 60_000)
          : Math.round(Math.min(45_000, Math.max(900, Math.exp(Math.log(7_000) + 0.75 * random.normal()))));
      const kind = population > 10_000 || random.chance(0.25) ? 'stadt' : 'gemeinde';
      const baseName = names.pop() as string;
      const name = kind === 'stadt' ? `${baseName}, Stadt` : baseName;
      const regionId = await insertRegion('gemeinde', {
        ags,
        ars: `${kreis.ags}0${number}${number}`,
        name,
        kind,
        population,
        areaHectares: Math.round(population / random.int(2, 9)) + 800,
        parentRegionId: kreisId,
      });
      administrations.push({ regionId, ags, name, level: 'gemeinde', kind, population });
    }
  }
  return administrations;
}

type GeneratedStatus = {
  status: typeof serviceStatuses.$inferInsert;
  events: Omit<typeof statusEvents.$inferInsert, 'statusId'>[];
};

const SOLUTION_WEIGHTS: [SolutionKind, number][] = [
  ['civento', 0.55],
  ['efa', 0.3],
  ['own', 0.1],
  ['other', 0.05],
];

function generateHistory(
  administrations: Administration[],
  services: ((typeof DEMO_SERVICES)[number] & { ozgId: number })[],
  random: Random,
  today: string,
): GeneratedStatus[] {
  const start = Date.parse(DEMO_HISTORY_START);
  const end = Date.parse(today) - 3 * DAY;
  const result: GeneratedStatus[] = [];
  // Confirmations draw from their own sequence, so adding them left every other generated value as it was.
  const confirmations = seededRandom(0xc0_f1_26);

  for (const admin of administrations) {
    // How diligently the administration confirms its records (decision 025): some every few weeks,
    // most every few months, some let them lie for a year or never confirmed them.
    const drawn = confirmations.next();
    // The demo accounts' own administrations confirm now and then, so their start page has something to remind of.
    const diligence = DEMO_USERS.some((user) => (user.regions as readonly string[]).includes(admin.ags))
      ? 0.5
      : drawn;
    // Capability: some administrations are well ahead, some lag; larger ones tend to be faster.
    const sizeBonus = admin.population > 0 ? 0.08 * Math.log10(admin.population / 10_000) : 0.05;
    const capability = clamp(0.5 + 0.22 * random.normal() + sizeBonus, 0.02, 0.98);
    // A rollout, not a switch: each administration starts at its own time (able ones in 2021, laggards
    // years later) and moves at its own pace, so the sum is an S-curve that still rises today.
    const rolloutStart = start + clamp((1 - capability) * 900 + 300 * random.normal(), -200, 1500) * DAY;
    const paceDays = 200 + 1000 * (1 - capability);
    const slug = admin.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/(^-|-$)/g, '');
    for (const service of services) {
      if (!appliesByDefault({ level: admin.level, kind: admin.kind as never }, service.level)) continue;
      const initialLevel = random.chance(0.35 + 0.4 * capability) ? 1 : 0;
      const conformChance = clamp(
        0.7 + 0.8 * capability - 0.45 * service.difficulty + 0.1 * random.normal(),
        0.05,
        0.98,
      );
      // The level the service reaches in the end; how far it got by today depends on the dates below.
      const finalLevel = random.chance(conformChance)
        ? random.chance(0.15 + 0.25 * capability)
          ? 4
          : 3
        : random.chance(0.45)
          ? Math.max(2, initialLevel)
          : initialLevel;
      const plannedSteps = rolloutSteps({
        from: initialLevel,
        to: finalLevel,
        // Harder services come later; the lognormal spread gives each curve its long tail.
        conformantAt:
          rolloutStart + (service.difficulty * 300 + paceDays * Math.exp(0.8 * random.normal())) * DAY,
        random,
      })
        .map((date) => Math.max(date, start + random.int(20, 60) * DAY))
        .sort((a, b) => a - b);
      // Steps after today have not happened yet: those services are still moving.
      const stepDates = plannedSteps.filter((date) => date <= end);
      const nextStepAt = plannedSteps.find((date) => date > end);

      const state: Record<string, unknown> = {
        maturityLevel: initialLevel,
        workflowState: 'not_started' as WorkflowState,
      };
      const events: GeneratedStatus['events'] = [
        event(admin, service.ozgId, start + random.int(8, 17) * HOUR, {}, { ...state }, initialLevel),
      ];
      let level = initialLevel;
      let onlineSince: string | null = null;
      let solution: SolutionKind | null = null;
      for (const date of stepDates) {
        const before = { ...state };
        level++;
        state.maturityLevel = level;
        if (level >= 3 && !onlineSince) {
          onlineSince = isoDate(date);
          solution = weighted(SOLUTION_WEIGHTS, random);
          Object.assign(state, { workflowState: 'online', onlineSince, solution });
        } else if (level < 3) {
          state.workflowState = 'in_progress';
        }
        // Strictly after the previous event, even when two steps fall on the same (clamped) day.
        const previous = lastEventTime(events);
        const time = Math.max(date + random.int(8, 17) * HOUR, previous + HOUR);
        events.push(event(admin, service.ozgId, time, diff(before, state), diff(state, before), level));
      }
      let workflowState = state.workflowState as WorkflowState;
      let plannedDate: string | null = null;
      if (level < 3) {
        const roll = random.next();
        // A service whose next step is ahead is being worked on, planned for about when that step comes.
        workflowState =
          nextStepAt !== undefined
            ? roll < 0.6
              ? 'in_progress'
              : 'planned'
            : roll < 0.2
              ? 'planned'
              : roll < 0.35
                ? 'in_progress'
                : roll < 0.85
                  ? 'not_started'
                  : 'paused';
        if (workflowState === 'planned' || workflowState === 'in_progress') {
          plannedDate = isoDate(Math.max(nextStepAt ?? 0, end + random.int(30, 540) * DAY));
        }
        if (workflowState !== state.workflowState) {
          const before = { ...state };
          Object.assign(state, { workflowState, plannedDate });
          // After the last level change, so that the chain of before/after values stays consistent.
          const lastTime = lastEventTime(events);
          const time = Math.max(
            lastTime + HOUR,
            Math.min(end, Math.max(lastTime + DAY, end - random.int(5, 200) * DAY)),
          );
          events.push(event(admin, service.ozgId, time, diff(before, state), diff(state, before), level));
        }
      }
      const lastChange = new Date(lastEventTime(events));
      const confirmedAt = demoConfirmation({ diligence, lastChange, today, random: confirmations });
      result.push({
        status: {
          regionId: admin.regionId,
          ozgId: service.ozgId,
          maturityLevel: level,
          maturityModel: DEFAULT_MATURITY_MODEL,
          workflowState,
          solution,
          url: onlineSince ? `https://${slug}.demo.example/${service.ozgId}` : null,
          plannedDate,
          onlineSince,
          contact: `Digitalisierung ${admin.name.replace(/, Stadt$/, '')}`,
          version: events.length,
          updatedAt: lastChange,
          confirmedAt,
        },
        events,
      });
    }
  }
  return result;
}

/** When the demo officer last confirmed a record: never, or some days back, never before its last change. */
function demoConfirmation(input: { diligence: number; lastChange: Date; today: string; random: Random }) {
  const { diligence, random } = input;
  const [neverChance, minDays, maxDays] =
    diligence > 0.75 ? [0, 2, 70] : diligence > 0.25 ? [0.08, 20, 200] : [0.4, 80, 420];
  if (random.chance(neverChance)) return null;
  const time = Date.parse(input.today) - random.int(minDays, maxDays) * DAY - random.int(8, 17) * HOUR;
  return new Date(Math.max(time, input.lastChange.getTime()));
}

/**
 * The dates of the steps from level `from` to level `to`: the steps below
 * OZG-konform (Information, Formular-Assistent) some months before
 * `conformantAt`, level 3 on it, level 4 (once-only) one to two years after.
 */
function rolloutSteps(input: { from: number; to: number; conformantAt: number; random: Random }): number[] {
  const { random } = input;
  const dates: number[] = [];
  for (let level = input.from + 1; level <= input.to; level++) {
    if (level < 3) dates.push(input.conformantAt - (3 - level) * random.int(90, 330) * DAY);
    else if (level === 3) dates.push(input.conformantAt);
    else dates.push(input.conformantAt + random.int(240, 720) * DAY);
  }
  return dates;
}

/** Inserts statuses as one JSON parameter (see insertEvents); returns their ids by region and service. */
async function insertStatuses(
  db: Db,
  statuses: (typeof serviceStatuses.$inferInsert)[],
): Promise<Map<string, number>> {
  const rows = statuses.map((status) => ({
    region_id: status.regionId,
    ozg_id: status.ozgId,
    maturity_level: status.maturityLevel,
    maturity_model: status.maturityModel,
    workflow_state: status.workflowState,
    solution: status.solution,
    url: status.url,
    planned_date: status.plannedDate,
    online_since: status.onlineSince,
    contact: status.contact,
    version: status.version,
    updated_at: (status.updatedAt as Date).toISOString(),
    confirmed_at: status.confirmedAt ? status.confirmedAt.toISOString() : null,
  }));
  const inserted = await queryRows<{ id: number; region_id: number; ozg_id: number }>(
    db,
    sql`
    insert into service_statuses (region_id, ozg_id, maturity_level, maturity_model, workflow_state, solution, url,
      planned_date, online_since, contact, version, updated_at, confirmed_at)
    select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
      region_id integer, ozg_id integer, maturity_level smallint, maturity_model maturity_model,
      workflow_state workflow_state, solution solution_kind, url text, planned_date date, online_since date,
      contact text, version integer, updated_at timestamptz, confirmed_at timestamptz)
    returning id, region_id, ozg_id`,
  );
  return new Map(inserted.map((row) => [`${row.region_id}:${row.ozg_id}`, row.id]));
}

/**
 * Inserts many events as one JSON parameter: with PGlite, binding tens of
 * thousands of separate parameters is several times slower than this.
 */
async function insertEvents(db: Db, events: (typeof statusEvents.$inferInsert)[]): Promise<void> {
  const rows = events.map((event) => ({
    status_id: event.statusId,
    region_id: event.regionId,
    ozg_id: event.ozgId,
    occurred_at: (event.occurredAt as Date).toISOString(),
    source: event.source,
    before: event.before,
    after: event.after,
    maturity_level: event.maturityLevel,
    maturity_model: event.maturityModel,
    in_target: event.inTarget,
  }));
  await db.execute(
    appendEventsSql(
      {
        statusId: sql`status_id`,
        regionId: sql`region_id`,
        ozgId: sql`ozg_id`,
        occurredAt: sql`occurred_at`,
        source: sql`source`,
        before: sql`before`,
        after: sql`after`,
        maturityLevel: sql`maturity_level`,
        maturityModel: sql`maturity_model`,
        inTarget: sql`in_target`,
      },
      sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
      status_id integer, region_id integer, ozg_id integer, occurred_at timestamptz, source change_source,
      before jsonb, after jsonb, maturity_level smallint, maturity_model maturity_model, in_target boolean)`,
    ),
  );
}

function lastEventTime(events: GeneratedStatus['events']): number {
  const last = events.at(-1)?.occurredAt;
  if (!(last instanceof Date)) throw new Error('a generated status always starts with an event');
  return last.getTime();
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

function event(
  admin: Administration,
  ozgId: number,
  time: number,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  maturityLevel: number,
): GeneratedStatus['events'][number] {
  return {
    regionId: admin.regionId,
    ozgId,
    occurredAt: new Date(time),
    source: 'seed',
    before,
    after,
    maturityLevel,
    maturityModel: DEFAULT_MATURITY_MODEL,
    inTarget: true,
  };
}

/** The fields of `from` whose values differ in `other`. */
function diff(from: Record<string, unknown>, other: Record<string, unknown>): Record<string, unknown> {
  const keys = new Set([...Object.keys(from), ...Object.keys(other)]);
  return Object.fromEntries(
    [...keys].filter((key) => from[key] !== other[key]).map((key) => [key, from[key] ?? null]),
  );
}

function weighted<T>(options: [T, number][], random: Random): T {
  let roll = random.next();
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return (options.at(-1) as [T, number])[0];
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}
