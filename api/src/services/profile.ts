import { createHash } from 'node:crypto';
import { type Db, endOfGermanDaySql, queryRowsAs } from '@ozg/db';
import {
  endOfGermanDay,
  MATURITY_LABELS_1_1,
  MEASURE_STATE_LABELS,
  MEASURE_STATES,
  median,
  OZG_DEADLINE,
  type QuickWin,
  REGION_KIND_LABELS,
  type RegionDetail,
  SIZE_CLASSES,
  SOLUTION_KIND_LABELS,
  sizeClassOf,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { type ExportTable, type ExportValue, exportTable, percent, tablesXlsx } from '../lib/export';
import { de, type PdfBlock, renderPdf } from '../lib/pdf';
import type { Actor } from './auth';
import { checkResultOf } from './check';
import { getProgressSeries } from './history';
import { authorizeConsultationRead } from './policy';
import { figuresOf, getProgress, toFigures } from './progress';
import { progressTable } from './progress-export';
import { quickWinsOf } from './quick-wins';
import { getRegion, today } from './regions';

/*
 * The municipality profile (issue 17, item 4): one or two pages for the
 * consultation and for council or mayor meetings, as PDF and as XLSX for the
 * figures. It is built from a list of section builders (PROFILE_SECTIONS);
 * each section gives its blocks for the PDF and its tables for the XLSX, from
 * the figures as of one day. Generated on demand, and frozen when a
 * consultation is recorded as held (freezeConsultationProfile): from then on
 * the stored bytes are served (decision 018).
 */

/** What every section builder gets: the municipality as it was on the day, and the day. */
export type ProfileContext = {
  db: Db;
  /** The German day whose figures the profile shows. */
  day: string;
  municipality: RegionDetail;
  /** The Land (first ancestor) the municipality belonged to on the day. */
  land: { ags: string; name: string };
};

export type ProfileSection = {
  /** Drawn in order in the PDF; start with a heading. */
  blocks: PdfBlock[];
  /** The section's figures, a worksheet each in the XLSX. */
  // biome-ignore lint/suspicious/noExplicitAny: tables of different row types side by side (lib/export)
  tables: ExportTable<any>[];
};

export type ProfileSectionBuilder = {
  /** Stable name of the section (tests, logs). */
  id: string;
  build(context: ProfileContext): Promise<ProfileSection>;
};

const pct = de.percent;

// ---------------------------------------------------------------- OZG-Stand

const ozgStatusSection: ProfileSectionBuilder = {
  id: 'ozg-stand',
  async build({ db, day, municipality, land }) {
    const progress = await getProgress({ db, key: municipality.ags, asOf: day });
    const [own, landSeries] = await Promise.all([
      getProgressSeries({ db, key: municipality.ags, asOf: day }),
      getProgressSeries({ db, key: land.ags, asOf: day }),
    ]);
    const f = progress.figures;
    const levels = f.levelCounts
      .map(
        (count, level) => `${level} ${MATURITY_LABELS_1_1[level as 0 | 1 | 2 | 3 | 4]}: ${de.integer(count)}`,
      )
      .join(' · ');
    return {
      blocks: [
        { kind: 'heading', text: 'OZG-Stand' },
        {
          kind: 'tiles',
          items: [
            { label: 'Anteil OZG-konform (Reifegrad ≥ 3)', value: pct(f.conformantShare) },
            {
              label: `OZG-konform von ${de.integer(f.targetServices)} Zielleistungen`,
              value: de.integer(f.conformant),
            },
            { label: 'Überfällig (unter Reifegrad 3)', value: de.integer(f.overdue) },
            { label: `Bis zur Frist ${de.date(OZG_DEADLINE)} online`, value: de.integer(f.onlineByDeadline) },
          ],
        },
        {
          kind: 'text',
          text: `Zielleistungen nach Reifegrad (Reifegradmodell 1.1): ${levels}.`,
          muted: true,
        },
        { kind: 'heading', text: 'Anteil OZG-konform im Verlauf' },
        {
          kind: 'chart',
          series: [
            { label: municipality.name, points: own.monthly },
            { label: `Land ${land.name}`, points: landSeries.monthly, dashed: true },
          ],
          markers: [{ date: OZG_DEADLINE, label: `Frist ${de.date(OZG_DEADLINE)}` }],
        },
        {
          kind: 'text',
          muted: true,
          text: `Monatsende-Werte bis zum ${de.date(day)}; ein Dienst zählt mit dem Stand, wie er an jenem Tag erfasst war.`,
        },
      ],
      tables: [
        exportTable<{ label: string; value: ExportValue }>({
          sheet: 'OZG-Stand',
          title: `${municipality.name}: OZG-Stand am ${de.date(day)}`,
          columns: [
            ['Kennzahl', (row) => row.label],
            ['Wert', (row) => row.value],
          ],
          rows: [
            { label: 'Zielleistungen', value: f.targetServices },
            ...f.levelCounts.map((count, level) => ({ label: `Reifegrad ${level}`, value: count })),
            { label: 'OZG-konform (Reifegrad ≥ 3)', value: f.conformant },
            { label: 'Anteil OZG-konform (%)', value: percent(f.conformantShare) },
            { label: 'Überfällig', value: f.overdue },
            { label: `Online bis ${de.date(OZG_DEADLINE)}`, value: f.onlineByDeadline },
            { label: 'Median Tage verspätet', value: f.medianDaysLate },
          ],
          width: 34,
        }),
        exportTable<(typeof own.monthly)[number]>({
          sheet: 'Verlauf',
          title: `${municipality.name}: Anteil OZG-konform je Monatsende`,
          columns: [
            ['Monatsende', (point) => point.date],
            ['Zielleistungen', (point) => point.targetServices],
            ['OZG-konform', (point) => point.conformant],
            ['Anteil OZG-konform (%)', (point) => percent(point.share)],
          ],
          rows: own.monthly,
        }),
        progressTable(progress, day),
      ],
    };
  },
};

// ---------------------------------------------------------------- peers

type PeerRow = { label: string; target: number; conformant: number; share: number | null; note: string };

const peerComparisonSection: ProfileSectionBuilder = {
  id: 'vergleich',
  async build({ db, day, municipality, land }) {
    // Fair peers as on the laggards page: the same kind and size class, here within the Land, on the day's territory.
    const sizeClass = sizeClassOf(municipality.population ?? 0);
    const candidates = await queryRowsAs(
      db,
      z.object({ region_id: z.number().int(), population: z.number().int().nullable() }),
      sql`select v.region_id, v.population from region_versions v join regions r on r.id = v.region_id
          where r.level = ${municipality.level} and v.kind = ${municipality.kind} and v.ags like ${`${land.ags}%`}
            and v.valid_from <= ${day}::date and (v.valid_to is null or v.valid_to > ${day}::date)`,
    );
    const peers = candidates.filter((row) => sizeClassOf(row.population ?? 0) === sizeClass);
    const kreis = municipality.ancestors.find((ancestor) => ancestor.level === 'kreis');
    const others = await queryRowsAs(
      db,
      z.object({ region_id: z.number().int(), ags: z.string() }),
      sql`select region_id, ags from region_versions
          where ags = any(${`{${[land.ags, kreis?.ags].filter(Boolean).join(',')}}`}::text[])
            and valid_from <= ${day}::date and (valid_to is null or valid_to > ${day}::date)`,
    );
    const figures = await figuresOf(
      db,
      [...peers.map((peer) => peer.region_id), ...others.map((row) => row.region_id)],
      day,
      true,
    );
    const of = (id: number | undefined) => {
      const row = id === undefined ? undefined : figures.get(id)?.total;
      return row ? toFigures(row) : null;
    };
    const own = of(municipality.id);
    const shares = peers
      .map((peer) => of(peer.region_id)?.conformantShare ?? null)
      .filter((share): share is number => share !== null);
    const peerMedian = median(shares);
    const rank =
      own?.conformantShare != null
        ? shares.filter((share) => share > (own.conformantShare as number)).length + 1
        : null;
    const sizeLabel = SIZE_CLASSES.find((entry) => entry.id === sizeClass)?.label ?? sizeClass;
    const group = `${REGION_KIND_LABELS[municipality.kind]}, ${sizeLabel} Einwohner, im Land ${land.name}`;
    const row = (label: string, value: ReturnType<typeof of>, note: string): PeerRow => ({
      label,
      target: value?.targetServices ?? 0,
      conformant: value?.conformant ?? 0,
      share: value?.conformantShare ?? null,
      note,
    });
    const gap = (share: number | null) =>
      own?.conformantShare != null && share !== null ? de.points((own.conformantShare - share) * 100) : '';
    const kreisId = others.find((entry) => entry.ags === kreis?.ags)?.region_id;
    const landId = others.find((entry) => entry.ags === land.ags)?.region_id;
    const rows: PeerRow[] = [
      row(municipality.name, own, ''),
      {
        label: `Median der Vergleichsgruppe (${de.integer(shares.length)} Kommunen)`,
        target: 0,
        conformant: 0,
        share: peerMedian,
        note: gap(peerMedian),
      },
      ...(kreis ? [row(kreis.name, of(kreisId), gap(of(kreisId)?.conformantShare ?? null))] : []),
      row(`Land ${land.name}`, of(landId), gap(of(landId)?.conformantShare ?? null)),
    ];
    return {
      blocks: [
        { kind: 'heading', text: 'Vergleich' },
        {
          kind: 'text',
          text:
            `Vergleichsgruppe: ${group}. ` +
            (rank !== null
              ? `${municipality.name} steht auf Rang ${rank} von ${shares.length} nach dem Anteil OZG-konform.`
              : `${municipality.name} hat an diesem Tag keine Zielleistungen.`),
        },
        {
          kind: 'table',
          columns: [
            { label: 'Gebiet', width: 0.46 },
            { label: 'Zielleistungen', width: 0.16, align: 'right' },
            { label: 'Anteil OZG-konform', width: 0.19, align: 'right' },
            { label: `Abstand von ${municipality.name}`, width: 0.19, align: 'right' },
          ],
          rows: rows.map((entry, index) => [
            entry.label,
            index === 1 ? '' : de.integer(entry.target),
            pct(entry.share),
            entry.note,
          ]),
        },
      ],
      tables: [
        exportTable<PeerRow>({
          sheet: 'Vergleich',
          title: `Vergleich am ${de.date(day)}: ${group}`,
          columns: [
            ['Gebiet', (entry) => entry.label],
            ['Zielleistungen', (entry) => entry.target],
            ['OZG-konform', (entry) => entry.conformant],
            ['Anteil OZG-konform (%)', (entry) => percent(entry.share)],
          ],
          rows,
          width: 30,
        }),
      ],
    };
  },
};

// ---------------------------------------------------------------- open measures

const OpenMeasure = z.object({
  title: z.string(),
  owner: z.string().nullable(),
  due_date: z.string().nullable(),
  state: z.enum(MEASURE_STATES),
  module: z.string(),
});
type OpenMeasure = z.infer<typeof OpenMeasure>;

const openMeasuresSection: ProfileSectionBuilder = {
  id: 'massnahmen',
  async build({ db, day, municipality }) {
    // Open on the day: agreed by its end and not completed by then. A measure completed later
    // was open on the day; one dropped has no date of dropping and is left out.
    const dayEnd = endOfGermanDaySql(day);
    const measures = await queryRowsAs(
      db,
      OpenMeasure,
      sql`select m.title, m.owner, m.due_date::text as due_date,
            case when m.state = 'done' then 'open'::measure_state else m.state end as state,
            cm.name as module
          from measures m
          join consultations c on c.id = m.consultation_id
          join consulting_modules cm on cm.id = c.module_id
          where c.region_id = ${municipality.id} and m.created_at < ${dayEnd}
            and (m.state in ('open', 'in_progress') or (m.state = 'done' and m.completed_at >= ${dayEnd}))
          order by m.due_date nulls last, m.id`,
    );
    const overdue = (measure: OpenMeasure) => measure.due_date !== null && measure.due_date < day;
    return {
      blocks: [
        { kind: 'heading', text: 'Offene Maßnahmen' },
        measures.length === 0
          ? { kind: 'text', text: 'Keine offenen Maßnahmen aus Beratungen.' }
          : {
              kind: 'table',
              columns: [
                { label: 'Maßnahme', width: 0.4 },
                { label: 'Verantwortlich', width: 0.18 },
                { label: 'Frist', width: 0.16 },
                { label: 'Stand', width: 0.12 },
                { label: 'Beratungsmodul', width: 0.14 },
              ],
              rows: measures.map((measure) => [
                measure.title,
                measure.owner ?? '',
                measure.due_date
                  ? `${de.date(measure.due_date)}${overdue(measure) ? ' (überfällig)' : ''}`
                  : '',
                MEASURE_STATE_LABELS[measure.state],
                measure.module,
              ]),
            },
      ],
      tables: [
        exportTable<OpenMeasure>({
          sheet: 'Offene Maßnahmen',
          title: `${municipality.name}: offene Maßnahmen am ${de.date(day)}`,
          columns: [
            ['Maßnahme', (measure) => measure.title],
            ['Verantwortlich', (measure) => measure.owner],
            ['Frist', (measure) => measure.due_date],
            ['Überfällig', (measure) => overdue(measure)],
            ['Stand', (measure) => MEASURE_STATE_LABELS[measure.state]],
            ['Beratungsmodul', (measure) => measure.module],
          ],
          rows: measures,
          width: 24,
        }),
      ],
    };
  },
};

/** The profile's municipality as the consulting services name an administration they read for it. */
const administrationOf = (municipality: RegionDetail) => ({
  regionId: municipality.id,
  ags: municipality.ags,
  name: municipality.name,
});

// ---------------------------------------------------------------- Digitalisierungs-Check

const checkSection: ProfileSectionBuilder = {
  id: 'check',
  async build({ db, day, municipality }) {
    const result = await checkResultOf(db, administrationOf(municipality), null);
    // The newest check submitted by the end of the profile's day: a later one is not known then.
    const dayEnd = endOfGermanDay(day).getTime();
    const submitted = result.history.filter(
      (submission) => submission.submittedAt !== null && Date.parse(submission.submittedAt) < dayEnd,
    );
    const latest = submitted[0] ?? null;
    const previous = submitted[1] ?? null;
    const heading: PdfBlock = { kind: 'heading', text: 'Digitalisierungs-Check' };
    if (!latest?.scores)
      return {
        blocks: [
          heading,
          { kind: 'text', text: 'Bis zu diesem Tag wurde kein Digitalisierungs-Check abgegeben.' },
        ],
        tables: [],
      };
    const score = (value: number | null | undefined) =>
      value === null || value === undefined ? '–' : de.integer(value);
    const peerMedian = (key: string) =>
      result.peers.land.dimensions.find((d) => d.key === key)?.median ?? null;
    const before = (key: string) => previous?.scores?.dimensions.find((d) => d.key === key)?.score ?? null;
    const rows = latest.scores.dimensions.map((dimension) => ({
      name: dimension.name,
      score: dimension.score,
      answered: `${dimension.answered} von ${dimension.questions}`,
      peers: peerMedian(dimension.key),
      previous: before(dimension.key),
    }));
    return {
      blocks: [
        heading,
        {
          kind: 'text',
          text:
            `Abgegeben am ${de.date((latest.submittedAt as string).slice(0, 10))} (Fragebogen Version ${latest.questionnaireVersion}), ` +
            `Punkte von 0 bis 100. Gesamt: ${score(latest.scores.overall)}; ` +
            `Median vergleichbarer Kommunen im Land (${result.peers.land.group}, ${de.integer(result.peers.land.count)} mit Check): ${score(result.peers.land.overall)}.`,
        },
        {
          kind: 'table',
          columns: [
            { label: 'Dimension', width: 0.4 },
            { label: 'Punkte', width: 0.14 },
            { label: 'Beantwortet', width: 0.16 },
            { label: 'Vergleichsgruppe', width: 0.15 },
            { label: 'Vorheriger Check', width: 0.15 },
          ],
          rows: rows.map((row) => [
            row.name,
            score(row.score),
            row.answered,
            score(row.peers),
            score(row.previous),
          ]),
        },
      ],
      tables: [
        exportTable<(typeof rows)[number]>({
          sheet: 'Digitalisierungs-Check',
          title: `${municipality.name}: Digitalisierungs-Check vom ${de.date((latest.submittedAt as string).slice(0, 10))}`,
          columns: [
            ['Dimension', (row) => row.name],
            ['Punkte (0–100)', (row) => row.score],
            ['Beantwortet', (row) => row.answered],
            ['Median der Vergleichsgruppe', (row) => row.peers],
            ['Vorheriger Check', (row) => row.previous],
          ],
          rows,
          width: 24,
        }),
      ],
    };
  },
};

// ---------------------------------------------------------------- Quick Wins

/** At most this many in the PDF (the XLSX has all): the profile stays at one or two pages. */
const QUICK_WINS_IN_PDF = 8;

const quickWinsSection: ProfileSectionBuilder = {
  id: 'quick-wins',
  async build({ db, day, municipality }) {
    const heading: PdfBlock = { kind: 'heading', text: 'Quick Wins' };
    // Quick wins come from today's statuses of the peers; a profile of an earlier day has none to offer.
    if (day !== today())
      return {
        blocks: [
          heading,
          {
            kind: 'text',
            text: 'Quick Wins werden aus dem heutigen Stand berechnet; für einen früheren Tag gibt es sie nicht.',
            muted: true,
          },
        ],
        tables: [],
      };
    const wins = await quickWinsOf(db, administrationOf(municipality));
    const open = wins.items.filter((win) => win.measure === null);
    const solutions = (win: QuickWin) =>
      win.solutions.map((entry) => `${SOLUTION_KIND_LABELS[entry.solution]} ${entry.count}`).join(', ');
    return {
      blocks: [
        heading,
        {
          kind: 'text',
          text:
            open.length === 0
              ? 'Keine fehlenden Zielleistungen, die vergleichbare Kommunen mit einer gemeinsamen Lösung anbieten.'
              : `Zielleistungen unter Reifegrad 3, die vergleichbare Kommunen im Land (${wins.peerGroup}) mit einer gemeinsamen Lösung anbieten, nach Zahl der Kommunen: ${de.integer(open.length)}${open.length > QUICK_WINS_IN_PDF ? `, die ersten ${QUICK_WINS_IN_PDF}` : ''}.`,
        },
        ...(open.length === 0
          ? []
          : [
              {
                kind: 'table' as const,
                columns: [
                  { label: 'Leistung', width: 0.46 },
                  { label: 'Kommunen', width: 0.14 },
                  { label: 'Lösungen', width: 0.26 },
                  { label: 'Eigener Reifegrad', width: 0.14 },
                ],
                rows: open
                  .slice(0, QUICK_WINS_IN_PDF)
                  .map((win) => [win.name, de.integer(win.peers), solutions(win), String(win.maturityLevel)]),
              },
            ]),
      ],
      tables: [
        exportTable<QuickWin>({
          sheet: 'Quick Wins',
          title: `${municipality.name}: Quick Wins am ${de.date(day)}`,
          columns: [
            ['OZG-ID', (win) => win.ozgId],
            ['Leistung', (win) => win.name],
            ['Themenfeld', (win) => win.themenfeld],
            ['Vergleichbare Kommunen', (win) => win.peers],
            ['Lösungen', (win) => solutions(win)],
            ['Online seit (frühestens)', (win) => win.since],
            ['Jahre online (Mittel)', (win) => win.meanYearsOnline],
            ['Eigener Reifegrad', (win) => win.maturityLevel],
            ['Maßnahme vereinbart', (win) => win.measure !== null],
          ],
          rows: wins.items,
          width: 24,
        }),
      ],
    };
  },
};

/**
 * The profile's sections, in the order of the pages: the OZG status, the
 * comparison, the Digitalisierungs-Check, the quick wins and the open measures.
 */
export const PROFILE_SECTIONS: readonly ProfileSectionBuilder[] = [
  ozgStatusSection,
  peerComparisonSection,
  checkSection,
  quickWinsSection,
  openMeasuresSection,
];

/** The municipality and its sections as of a day. */
async function buildProfile(db: Db, regionId: number, day: string, sections = PROFILE_SECTIONS) {
  const [row] = await queryRowsAs(
    db,
    z.object({ ags: z.string() }),
    sql`select ags from region_versions where region_id = ${regionId}
          and valid_from <= ${day}::date and (valid_to is null or valid_to > ${day}::date)`,
  );
  if (!row) throw new AppError('not_found', `Die Kommune gab es am ${de.date(day)} noch nicht.`);
  const municipality = await getRegion({ db, key: row.ags, asOf: day });
  const landAncestor = municipality.ancestors.find((ancestor) => ancestor.level === 'land');
  const land = landAncestor ?? { ags: municipality.ags.slice(0, 2), name: '' };
  const context: ProfileContext = { db, day, municipality, land };
  const built: ProfileSection[] = [];
  for (const section of sections) built.push(await section.build(context));
  return { municipality, built };
}

const kreisOf = (municipality: RegionDetail) =>
  municipality.ancestors.find((ancestor) => ancestor.level === 'kreis')?.name;

/** The profile as PDF; `occasion` names the consultation a frozen profile was made for. */
export async function profilePdf(
  db: Db,
  regionId: number,
  day: string,
  occasion?: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const { municipality, built } = await buildProfile(db, regionId, day);
  const kreis = kreisOf(municipality);
  return renderPdf({
    title: `Kommunalprofil ${municipality.name}`,
    subtitle: [
      `${REGION_KIND_LABELS[municipality.kind]}${kreis ? ` im ${kreis}` : ''}`,
      `AGS ${municipality.ags}`,
      municipality.population !== null ? `${de.integer(municipality.population)} Einwohner` : null,
      `Stand ${de.date(day)}`,
      occasion ?? null,
    ]
      .filter(Boolean)
      .join(' · '),
    day,
    subject: `OZG-Stand, Vergleich und Maßnahmen von ${municipality.name} am ${de.date(day)}`,
    blocks: built.flatMap((section) => section.blocks),
    footer: `OZG-Umsetzungsdashboard · Kommunalprofil ${municipality.name}, Stand ${de.date(day)}`,
  });
}

/** The profile's figures as XLSX, a worksheet per table of its sections. */
/** A municipality's profile as of a day; it names measures and consultations, so officers read only their own. */
export async function municipalityProfile({
  db,
  actor,
  regionId,
  day,
  format,
}: {
  db: Db;
  actor: Actor;
  regionId: number;
  day: string;
  format: 'pdf' | 'xlsx';
}): Promise<Uint8Array<ArrayBuffer>> {
  authorizeConsultationRead({ actor, input: { regionId } });
  return format === 'xlsx' ? profileXlsx(db, regionId, day) : profilePdf(db, regionId, day);
}

export async function profileXlsx(db: Db, regionId: number, day: string): Promise<Uint8Array<ArrayBuffer>> {
  const { built } = await buildProfile(db, regionId, day);
  return tablesXlsx(built.flatMap((section) => section.tables));
}

/**
 * Freezes the profile of a consultation recorded as held, from the figures as
 * of the day it was held, in the caller's transaction. Stored once (a second
 * call keeps the first bytes).
 */
export async function freezeConsultationProfile(
  db: Db,
  consultation: { id: number; regionId: number; heldOn: string; moduleName: string },
): Promise<void> {
  const pdf = await profilePdf(
    db,
    consultation.regionId,
    consultation.heldOn,
    `zur Beratung „${consultation.moduleName}“ am ${de.date(consultation.heldOn)}`,
  );
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await db.execute(sql`
    insert into consultation_profiles (consultation_id, day, pdf, sha256)
    values (${consultation.id}, ${consultation.heldOn}, ${Buffer.from(pdf)}, ${sha256})
    on conflict (consultation_id) do nothing`);
}

/** bytea: a Buffer (a Uint8Array) from pg, a Uint8Array from PGlite; text ("\x…") if a driver gives it so. */
const StoredProfileRow = z.object({
  pdf: z.union([z.instanceof(Uint8Array), z.string()]),
  sha256: z.string(),
  day: z.string(),
  ags: z.string(),
});

/**
 * The stored profile of a held consultation, byte for byte. A held
 * consultation without one (recorded before profiles were frozen, or loaded
 * with the demo) gets it now, from the figures as recorded on the day it was
 * held: the as-of replay never knows a later day, so these are the bytes that
 * freezing on that day would have stored.
 */
export async function storedProfile(
  db: Db,
  consultationId: number,
): Promise<{ pdf: Uint8Array; sha256: string; day: string; ags: string }> {
  const read = () =>
    queryRowsAs(
      db,
      StoredProfileRow,
      sql`select p.pdf, p.sha256, p.day::text as day, v.ags from consultation_profiles p
          join consultations c on c.id = p.consultation_id
          join region_versions v on v.region_id = c.region_id and v.valid_to is null
          where p.consultation_id = ${consultationId}`,
    );
  let [row] = await read();
  if (!row) {
    const [held] = await queryRowsAs(
      db,
      z.object({ region_id: z.number().int(), held_on: z.string(), module_name: z.string() }),
      sql`select c.region_id, c.held_on::text as held_on, m.name as module_name
          from consultations c join consulting_modules m on m.id = c.module_id
          where c.id = ${consultationId} and c.state = 'held'`,
    );
    if (held) {
      await freezeConsultationProfile(db, {
        id: consultationId,
        regionId: held.region_id,
        heldOn: held.held_on,
        moduleName: held.module_name,
      });
      [row] = await read();
    }
  }
  if (!row)
    throw new AppError(
      'not_found',
      'Zu dieser Beratung ist kein Profil gespeichert: es wird festgehalten, wenn sie als durchgeführt erfasst wird.',
    );
  return { ...row, pdf: toBytes(row.pdf) };
}

/** bytea comes as a Buffer from pg and as a Uint8Array from PGlite; text ("\x…") if a driver gives it so. */
function toBytes(value: Uint8Array | string): Uint8Array {
  if (typeof value === 'string') return new Uint8Array(Buffer.from(value.replace(/^\\x/, ''), 'hex'));
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
