import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../client';
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
