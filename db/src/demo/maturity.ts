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
import { listMaturityModels } from '../maturity/models';

/**
 * Plausible criteria answers for the demo (decision 019): the OZG-konform
 * statuses of two in five administrations, and half of those of the demo
 * officer's Gemeinde (the other half stays for the officer to assess), are
 * assessed by both models. The 2.0 back office is paper for about a third of
 * them, so "Online-Antrag, Bearbeitung analog" shows. The 1.1 answers compute
 * the status's recorded level, so both stay consistent. Set-based, with
 * pseudo-random numbers from the status id: the same on every run.
 */
export async function insertDemoAssessments(db: Db, officerRegionAgs: string): Promise<void> {
  const models = await listMaturityModels(db);
  const v11 = models.find((model) => model.family === '1.1' && model.version === 1);
  const v20 = models.find((model) => model.family === '2.0' && model.version === 1);
  if (!v11 || !v20) throw new Error('Reifegradmodelle fehlen');
  const assessed = sql`
    select st.id, st.maturity_level as l,
      ((st.id::bigint * 2654435761) % 100)::int as r, ((st.id::bigint * 40503) % 100)::int as q
    from service_statuses st
    where st.in_target and st.maturity_level >= 3 and st.maturity_model = '1.1'
      and (st.region_id % 4 = 0
        or (st.ozg_id % 2 = 0 and st.region_id = (select region_id from region_versions where ags = ${officerRegionAgs} and valid_to is null)))`;
  await db.execute(sql`
    insert into maturity_answers (status_id, model_id, criterion_key, level, evidence_note)
    select s.id, ${v20.id}, c.key, c.level, c.note
    from (${assessed}) s
    cross join lateral (values
      ('information', 7, null),
      ('online_antrag', 7, null),
      ('nachweise_einreichen', 7, null),
      ('bezahlung_online', 7, null),
      ('antragseingang', case when s.r < 25 then 3 else 7 end,
        case when s.r < 12 then 'Ausdruck' when s.r < 25 then 'E-Mail/PDF' when s.q < 55 then 'civento-Workflow' else 'FIT-Connect' end),
      ('fachverfahren', case when s.r < 30 then 3 else 7 end, case when s.r >= 30 then 'Fachverfahren mit Schnittstelle' end),
      ('e_akte', case when s.r < 35 then 3 when s.q < 30 then 4 else 7 end, null),
      ('digitaler_bescheid', case when s.r < 50 or s.q < 40 then 4 else 7 end, null),
      ('e_payment_hkr', case when s.q < 45 then 4 else 7 end, null),
      ('statusmonitor', case when s.q < 80 then 5 else 7 end, null),
      ('deutschland_id', case when s.l = 4 or s.q >= 60 then 7 else 5 end, null),
      ('noots', case when s.l = 4 and s.q < 25 then 7 else 5 end, null),
      ('ende_zu_ende', 6, null)
    ) as c(key, level, note)`);
  // 1.1: every criterion at 4 for level 4; for level 3 the paper Bescheid is the lowest criterion.
  await db.execute(sql`
    insert into maturity_answers (status_id, model_id, criterion_key, level)
    select s.id, ${v11.id}, c.key, case when c.key = 'bescheid' and s.l = 3 then 3 else 4 end
    from (${assessed}) s
    cross join (values ('leistungsbeschreibung'), ('antragsformular'), ('antragsprozess'), ('nutzerkonto'),
      ('authentifizierung'), ('nachweise'), ('bezahlung'), ('antragsuebermittlung'), ('bescheid'), ('rueckkanal')) as c(key)`);
  const pairs = await queryRows<{ statusId: number; modelId: number }>(
    db,
    sql`select distinct status_id as "statusId", model_id as "modelId" from maturity_answers`,
  );
  await recomputeAssessments(db, pairs, new Map(models.map((model) => [model.id, model])));
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
