import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../client';
import {
  administrationLinks,
  CURRENT,
  countedStatus,
  DERIVED_MODEL_FAMILY,
  newestAssessmentSql,
} from '../domain-sql';
import { recomputeAssessments } from '../maturity/assessments';
import { listMaturityModels, type StoredMaturityModel } from '../maturity/models';

/**
 * Plausible criteria answers for the demo (decision 019): the counted statuses
 * of one in four administrations, and half of those of the demo officer's
 * Gemeinde (the other half stays for the officer to assess), are assessed by
 * both models, at every 1.1 level: what is not online yet is assessed too, so
 * the 2.0 distribution runs from 0 to 7 as in the field. The 2.0 front end
 * follows the status's 1.1 level; behind an online application the back office
 * is paper for about a third of them ("Online-Antrag, Bearbeitung analog"), and
 * a few fully connected services of level 4 reach 6 (Statusmonitor, NOOTS) or 7
 * (end to end). The 1.1 answers compute the status's recorded level, so both
 * stay consistent. Set-based, with pseudo-random numbers from the status id:
 * the same on every run. `regionsPerStep` splits the work by region id and
 * `everyNth` sets the share of administrations (the national benchmark
 * assesses one in eight: its foreign-key checks alone take about 15 s per
 * million answers).
 */
export async function insertDemoAssessments(
  db: Db,
  officerRegionAgs: string | null,
  {
    regionsPerStep = Number.POSITIVE_INFINITY,
    everyNth = 4,
  }: { regionsPerStep?: number; everyNth?: number } = {},
): Promise<void> {
  const models = await listMaturityModels(db);
  const v11 = models.find((model) => model.family === '1.1' && model.version === 1);
  const v20 = models.find((model) => model.family === '2.0' && model.version === 1);
  if (!v11 || !v20) throw new Error('Reifegradmodelle fehlen');
  const modelsById = new Map(models.map((model) => [model.id, model]));
  const [range] = await queryRows<{ first: number | null; last: number | null }>(
    db,
    sql`select min(region_id) as first, max(region_id) as last from service_statuses`,
  );
  if (range?.first == null || range.last == null) return;
  const step = Math.min(regionsPerStep, range.last - range.first + 1);
  for (let from = range.first; from <= range.last; from += step)
    await assessRegions(db, {
      v11: v11.id,
      v20: v20.id,
      officerRegionAgs,
      from,
      to: from + step,
      everyNth,
      modelsById,
    });
}

/** The demo's answers for the statuses of regions with ids in [from, to), and their computed levels. */
async function assessRegions(
  db: Db,
  step: {
    v11: number;
    v20: number;
    officerRegionAgs: string | null;
    from: number;
    to: number;
    everyNth: number;
    modelsById: Map<number, StoredMaturityModel>;
  },
): Promise<void> {
  const { from, to } = step;
  const officerHalf =
    step.officerRegionAgs === null
      ? sql`false`
      : sql`(st.ozg_id % 2 = 0 and st.region_id = (select region_id from region_versions where ags = ${step.officerRegionAgs} and valid_to is null))`;
  const assessed = sql`
    select st.id, st.maturity_level as l,
      ((st.id::bigint * 2654435761) % 100)::int as r, ((st.id::bigint * 40503) % 100)::int as q
    from service_statuses st
    where ${countedStatus('st')} and st.region_id >= ${from} and st.region_id < ${to}
      and (st.region_id % ${step.everyNth} = 0 or ${officerHalf})`;
  await db.execute(sql`
    insert into maturity_answers (status_id, model_id, criterion_key, level, evidence_note)
    select s.id, ${step.v20}, c.key, c.level, c.note
    from (${assessed}) s
    cross join lateral (values
      ('information', case when s.l = 0 then 0 else 7 end, null),
      ('online_antrag', case when s.l <= 1 then 1 when s.l = 2 then 2 else 7 end, null),
      ('nachweise_einreichen', case when s.l < 3 then 2 else 7 end, null),
      ('bezahlung_online', case when s.l < 3 and s.q < 50 then 2 else 7 end, null),
      -- Without an online application (1.1 below 3) the application arrives on paper.
      ('antragseingang', case when s.l < 3 or s.r < 25 then 3 else 7 end,
        case when s.l < 3 or s.r < 12 then 'Ausdruck' when s.r < 25 then 'E-Mail/PDF'
          when s.q < 55 then 'civento-Workflow' else 'FIT-Connect' end),
      ('fachverfahren', case when s.r < 30 then 3 else 7 end, case when s.r >= 30 then 'Fachverfahren mit Schnittstelle' end),
      ('e_akte', case when s.r < 35 then 3 when s.q < 30 then 4 else 7 end, null),
      ('digitaler_bescheid', case when s.r < 50 or s.q < 40 then 4 else 7 end, null),
      ('e_payment_hkr', case when s.q < 45 then 4 else 7 end, null),
      ('statusmonitor', case when s.q < 80 then 5 else 7 end, null),
      ('deutschland_id', case when s.l = 4 or s.q >= 60 then 7 else 5 end, null),
      ('noots', case when s.l = 4 and (s.q < 25 or s.q >= 80) then 7 else 5 end, null),
      ('ende_zu_ende', case when s.l = 4 and s.q >= 80 and s.r >= 85 then 7 else 6 end, null)
    ) as c(key, level, note)`);
  // 1.1: every criterion at 4 for level 4; below, the criteria that hold the status at its level.
  await db.execute(sql`
    insert into maturity_answers (status_id, model_id, criterion_key, level)
    select s.id, ${step.v11}, c.key,
      case c.key
        when 'leistungsbeschreibung' then case when s.l = 0 then 0 else 4 end
        when 'antragsformular' then case when s.l <= 1 then 1 when s.l = 2 then 2 else 4 end
        when 'antragsprozess' then case when s.l <= 2 then 2 else 4 end
        when 'antragsuebermittlung' then case when s.l <= 2 then 2 else 4 end
        when 'bescheid' then case when s.l <= 3 then 3 else 4 end
        else 4
      end
    from (${assessed}) s
    cross join (values ('leistungsbeschreibung'), ('antragsformular'), ('antragsprozess'), ('nutzerkonto'),
      ('authentifizierung'), ('nachweise'), ('bezahlung'), ('antragsuebermittlung'), ('bescheid'), ('rueckkanal')) as c(key)`);
  const pairs = await queryRows<{ statusId: number; modelId: number }>(
    db,
    sql`select distinct a.status_id as "statusId", a.model_id as "modelId"
        from maturity_answers a join service_statuses st on st.id = a.status_id
        where st.region_id >= ${from} and st.region_id < ${to}`,
  );
  await recomputeAssessments(db, pairs, step.modelsById);
}

/** The demo's first day of assessments by Reifegradmodell 2.0 (published in July 2025). */
export const DEMO_MODEL2_START = '2025-07-01';

const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7] as const;
const FAMILY = sql.raw(`'${DERIVED_MODEL_FAMILY}'::maturity_model`);

/**
 * A plausible course by Reifegradmodell 2.0 for the demo (decision 020): the
 * demo's assessments carry no events, so the days before today are invented
 * here, as the 1.1 history is generated. Each assessed status gets a day of
 * assessment between DEMO_MODEL2_START and `today`, pseudo-random from its id
 * and more often later (the square root of a uniform number: the pace grows),
 * and counts from that day with the level and flag it has today; the counted
 * statuses count from the first day. Summed per region of today's territory
 * and accumulated over the days, a row per region and day on which its figures
 * changed, the last on `today` equal to the 2.0 totals (so the course ends
 * where today's figures stand). Set-based and deterministic.
 */
export async function insertDemoModelHistory(db: Db, today: string): Promise<void> {
  if (today < DEMO_MODEL2_START) return;
  const levelSums = sql.raw(LEVELS.map((level) => `sum(sum(d_level${level})) over w`).join(', '));
  const levelDeltas = sql.raw(
    LEVELS.map((level) => `(f.level = ${level})::int as d_level${level}`).join(', '),
  );
  const zeros = sql.raw(LEVELS.map((level) => `0 as d_level${level}`).join(', '));
  const columns = sql.raw(
    ['counted', 'assessed', ...LEVELS.map((level) => `level${level}`), 'analog'].join(', '),
  );
  await db.execute(sql`
    insert into region_model_snapshots (region_id, day, family, ${columns})
    with ${administrationLinks(CURRENT)},
    facts as (
      select st.region_id as admin_id, l.level, coalesce(l.analog_processing, false) as analog,
        l.assessed_status,
        ${DEMO_MODEL2_START}::date + floor(sqrt(((st.id::bigint * 2246822519) % 10007) / 10007.0)
          * (${today}::date - ${DEMO_MODEL2_START}::date))::int as day
      from service_statuses st
      left join lateral (select x.*, true as assessed_status from ${newestAssessmentSql('st')} x) l on true
      where ${countedStatus('st')}
    ),
    changes as (
      select admin_id, ${DEMO_MODEL2_START}::date as day, 1 as d_counted, 0 as d_assessed, ${zeros}, 0 as d_analog
      from facts
      union all
      select f.admin_id, f.day, 0, (f.level is not null)::int, ${levelDeltas}, f.analog::int
      from facts f where f.assessed_status
    )
    select l.ancestor_id, c.day, ${FAMILY}, sum(sum(c.d_counted)) over w, sum(sum(c.d_assessed)) over w,
      ${levelSums}, sum(sum(c.d_analog)) over w
    from links l join changes c on c.admin_id = l.admin_id
    group by l.ancestor_id, c.day
    window w as (partition by l.ancestor_id order by c.day)
    on conflict (region_id, family, day) do nothing`);
}
