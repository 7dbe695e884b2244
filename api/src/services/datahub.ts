import { type Db, datahubCountsSql, differencesSql, queryRowsAs, refreshDatahubCounts } from '@ozg/db';
import {
  DATAHUB_ACCEPTABLE_KINDS,
  DATAHUB_DIFFERENCE_KINDS,
  type DatahubDecisionRequest,
  type DatahubDecisionResult,
  type DatahubDifference,
  type DatahubDifferenceKind,
  type DatahubDifferences,
  type DatahubKreise,
  OZG_CONFORMANT_LEVEL,
  type Status,
  type StatusChanges,
  todayInGermany,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
import { authorizeDatahubDecision, authorizeDatahubRead } from './policy';
import { diffStatus, getStatuses, StatusConflictError, writeStatuses } from './statuses';

/*
 * Reconciliation with the federal Data Hub (decision 021). The differences are
 * computed on read from the latest import that covers a region and the
 * current statuses, so they follow every edit without bookkeeping. A
 * rejection hides a difference until the Bund's value changes (source_value).
 */

const iso = (value: string | Date) => new Date(value).toISOString();

const DifferenceRow = z.object({
  status_id: z.number(),
  version: z.number(),
  region_id: z.number(),
  ozg_id: z.number(),
  maturity_level: z.number(),
  maturity_model: z.string(),
  url: z.string().nullable(),
  online_since: z.string().nullable(),
  source_url: z.string().nullable(),
  source_status: z.enum(['ok', 'nicht ok']).nullable(),
  source_coverage: z.string().nullable(),
  imported_at: z.union([z.string(), z.date()]),
  kind: z.enum(DATAHUB_DIFFERENCE_KINDS),
  source_value: z.string(),
  service_name: z.string(),
  clarify_reason: z.string().nullable(),
  clarify_at: z.union([z.string(), z.date()]).nullable(),
});
type DifferenceRow = z.infer<typeof DifferenceRow>;

const KIND_ORDER = Object.fromEntries(DATAHUB_DIFFERENCE_KINDS.map((kind, index) => [kind, index]));

const year = (date: string | null) => (date ? date.slice(0, 4) : null);

/** The sentence of a difference, as the officer reads it. */
function differenceText(row: DifferenceRow): string {
  const ownLevel =
    row.online_since !== null ? `online seit ${year(row.online_since)}` : `Reifegrad ${row.maturity_level}`;
  switch (row.kind) {
    case 'online_at_bund':
      return `Bund: online (URL ${row.source_url ?? '–'}, Status ok) – Ihr Stand: Reifegrad ${row.maturity_level}`;
    case 'not_listed':
      return `Ihr Stand: online seit ${year(row.online_since)} – beim Bund nicht gelistet`;
    case 'url_differs':
      return `URL weicht ab: Bund ${row.source_url} – Ihr Stand ${row.url ?? 'keine URL'}`;
    case 'bund_not_ok':
      return `Bund: Status nicht ok (URL ${row.source_url ?? '–'}) – Ihr Stand: ${ownLevel}`;
  }
}

function toDifference(row: DifferenceRow): DatahubDifference {
  return {
    statusId: row.status_id,
    version: row.version,
    ozgId: row.ozg_id,
    serviceName: row.service_name,
    kind: row.kind,
    text: differenceText(row),
    maturityLevel: row.maturity_level,
    url: row.url,
    onlineSince: row.online_since,
    sourceUrl: row.source_url,
    sourceStatus: row.source_status,
    sourceCoverage: row.source_coverage,
    importedAt: iso(row.imported_at),
    acceptable: DATAHUB_ACCEPTABLE_KINDS.includes(row.kind),
    clarify: row.clarify_at ? { reason: row.clarify_reason, decidedAt: iso(row.clarify_at) } : null,
  };
}

export async function listDatahubDifferences({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: { regionId: number; ags: string; name: string };
}): Promise<DatahubDifferences> {
  authorizeDatahubRead({ actor, input });
  const rows = await queryRowsAs(
    db,
    DifferenceRow,
    sql`${differencesSql(sql`region_id = ${input.regionId}`)} order by f.ozg_id`,
  );
  const [latest] = await queryRowsAs(
    db,
    z.object({ imported_at: z.union([z.string(), z.date()]) }),
    sql`select i.imported_at from datahub_imports i
        where i.id = (select max(import_id) from datahub_records where region_id = ${input.regionId})`,
  );
  rows.sort((a, b) => a.ozg_id - b.ozg_id || (KIND_ORDER[a.kind] ?? 0) - (KIND_ORDER[b.kind] ?? 0));
  return {
    regionId: input.regionId,
    ags: input.ags,
    name: input.name,
    importedAt: latest ? iso(latest.imported_at) : null,
    items: rows.map(toDifference),
  };
}

/**
 * What accepting a difference changes (decision 021): the record takes the
 * Bund's URL; for a service that is online at the Bund and below Reifegrad 3
 * in the record (model 1.1), level 3 "Online-Leistung" with "online seit" on
 * the day of the import that listed it, since the Bund knows no earlier date.
 */
function acceptedChanges(row: DifferenceRow): StatusChanges {
  const changes: StatusChanges = {};
  if (row.source_url) changes.url = row.source_url;
  if (row.kind === 'online_at_bund') {
    if (row.maturity_model === '1.1' && row.maturity_level < OZG_CONFORMANT_LEVEL)
      changes.maturityLevel = OZG_CONFORMANT_LEVEL;
    changes.onlineSince = todayInGermany(new Date(row.imported_at));
  }
  return changes;
}

/**
 * Decides on differences, first as a preview, then committed, all or nothing:
 * acceptances through the one write path (writeStatuses, source "datahub",
 * one change set for several, so they can be undone as one step), rejections
 * and clarifications as decisions. Every named status must still be at the
 * version read (else 409 with the current records) and the difference still
 * open (else 409 too: someone else decided meanwhile).
 */
export async function decideDatahubDifferences({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: DatahubDecisionRequest;
}): Promise<DatahubDecisionResult> {
  const keys = input.items.map((item) => `${item.statusId}:${item.kind}`);
  if (new Set(keys).size !== keys.length)
    throw new AppError('validation_failed', 'Eine Abweichung ist mehrfach angegeben.');
  for (const [index, item] of input.items.entries()) {
    if (item.decision === 'reject' && !item.reason)
      throw new AppError('validation_failed', 'Eine Ablehnung braucht eine Begründung.', [
        { path: `items.${index}.reason`, message: 'Begründung fehlt' },
      ]);
    if (item.decision === 'accept' && !DATAHUB_ACCEPTABLE_KINDS.includes(item.kind))
      throw new AppError(
        'validation_failed',
        'Diese Abweichung kann nicht übernommen werden (nur ablehnen oder zur Klärung markieren).',
        [{ path: `items.${index}.decision`, message: 'Übernehmen ist hier nicht möglich' }],
      );
  }
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const ids = [...new Set(input.items.map((item) => item.statusId))];
    const statuses = await getStatuses(t, ids);
    const byId = new Map(statuses.map((status) => [status.id, status]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new AppError('not_found', `Status ${missing.join(', ')} gibt es nicht.`);
    authorizeDatahubDecision({ actor, input: { regionIds: statuses.map((status) => status.regionId) } });
    const stale = input.items.filter((item) => byId.get(item.statusId)?.version !== item.version);
    if (stale.length > 0)
      throw new StatusConflictError(
        [...new Set(stale.map((item) => item.statusId))].map((id) => byId.get(id) as Status),
      );

    const regionIds = [...new Set(statuses.map((status) => status.regionId))];
    const open = await queryRowsAs(
      t,
      DifferenceRow,
      sql`${differencesSql(sql`region_id = any(${sql`${`{${regionIds.join(',')}}`}::int[]`})`)}
          and f.status_id = any(${`{${ids.join(',')}}`}::int[])`,
    );
    const openByKey = new Map(open.map((row) => [`${row.status_id}:${row.kind}`, row]));
    const gone = input.items.filter((item) => !openByKey.has(`${item.statusId}:${item.kind}`));
    if (gone.length > 0)
      throw new StatusConflictError(
        [...new Set(gone.map((item) => item.statusId))].map((id) => byId.get(id) as Status),
        `${gone.length === 1 ? 'Eine Abweichung ist' : `${gone.length} Abweichungen sind`} nicht mehr offen (inzwischen entschieden oder geändert). Bitte die Liste neu laden.`,
      );

    // Several acceptances of one status (online and URL) merge into one write.
    const changesById = new Map<number, StatusChanges>();
    const items = input.items.map((item) => {
      const row = openByKey.get(`${item.statusId}:${item.kind}`) as DifferenceRow;
      const status = byId.get(item.statusId) as Status;
      let changes = {};
      if (item.decision === 'accept') {
        const merged = { ...changesById.get(item.statusId), ...acceptedChanges(row) };
        changesById.set(item.statusId, merged);
        changes = diffStatus(status, acceptedChanges(row));
      }
      return {
        statusId: item.statusId,
        kind: item.kind,
        serviceName: status.serviceName,
        decision: item.decision,
        changes,
      };
    });
    const summary = {
      accepted: input.items.filter((item) => item.decision === 'accept').length,
      rejected: input.items.filter((item) => item.decision === 'reject').length,
      clarify: input.items.filter((item) => item.decision === 'clarify').length,
    };
    if (input.mode === 'dry-run')
      return { mode: input.mode, applied: false, summary, items, changeSetId: null };

    let changeSetId: number | null = null;
    if (changesById.size > 0) {
      ({ changeSetId } = await writeStatuses({
        db: t,
        actor,
        updates: [...changesById].map(([id, changes]) => ({
          id,
          version: (byId.get(id) as Status).version,
          changes,
        })),
        source: 'datahub',
        ...(changesById.size > 1 ? { changeSet: { kind: 'bulk' as const } } : {}),
      }));
      // Taking over the Bund's value confirms the record: writeStatuses sets confirmed_at (decision 025).
    }
    const decisions = input.items
      .filter((item) => item.decision !== 'accept')
      .map((item) => {
        const row = openByKey.get(`${item.statusId}:${item.kind}`) as DifferenceRow;
        return {
          region_id: row.region_id,
          ozg_id: row.ozg_id,
          kind: item.kind,
          source_value: row.source_value,
          decision: item.decision === 'reject' ? 'rejected' : 'clarify',
          reason: item.reason ?? null,
        };
      });
    if (decisions.length > 0)
      await t.execute(sql`
        insert into datahub_decisions (region_id, ozg_id, kind, source_value, decision, reason, actor_user_id)
        select d.region_id, d.ozg_id, d.kind, d.source_value, d.decision, d.reason, ${actor.id}
        from jsonb_to_recordset(${JSON.stringify(decisions)}::jsonb)
          as d(region_id int, ozg_id int, kind text, source_value text, decision text, reason text)`);
    // The stored per-region counts behind the ministry's view, in the decision's transaction.
    await refreshDatahubCounts(t, regionIds);
    return { mode: input.mode, applied: true, summary, items, changeSetId };
  });
}

/**
 * Per Kreis: open differences of its administrations and how old the oldest
 * is (ministry). From the stored counts per region (datahubCountsSql), not by
 * reconciling every record on read, which took seconds for Hessen alone.
 */
export async function datahubKreise({ db, now }: { db: Db; now?: Date }): Promise<DatahubKreise> {
  const rows = await queryRowsAs(
    db,
    z.object({
      ags: z.string(),
      name: z.string(),
      open: z.number(),
      clarify: z.number(),
      gemeinden: z.number(),
      oldest: z.union([z.string(), z.date()]).nullable(),
    }),
    sql`with c as (${await datahubCountsSql(db)})
        select k.ags, k.name, sum(c.open)::int as open, sum(c.clarify)::int as clarify,
          count(*) filter (where c.open > 0)::int as gemeinden, min(c.oldest) filter (where c.open > 0) as oldest
        from c
        join region_versions g on g.region_id = c.region_id and g.valid_to is null
        join region_versions k on k.ags = left(g.ags, 5) and k.valid_to is null
        group by k.ags, k.name
        having sum(c.open) > 0
        order by sum(c.open) desc, k.ags`,
  );
  const reference = (now ?? new Date()).getTime();
  return {
    items: rows.map((row) => ({
      ags: row.ags,
      name: row.name,
      open: row.open,
      clarify: row.clarify,
      gemeinden: row.gemeinden,
      oldestDays: row.oldest ? Math.floor((reference - new Date(row.oldest).getTime()) / 86_400_000) : null,
    })),
  };
}

export type { DatahubDifferenceKind };

/** How many differences the list of one administration shows (open or in Klärung): the start page's reminder. */
export async function countDatahubDifferences({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: { regionId: number };
}): Promise<number> {
  authorizeDatahubRead({ actor, input });
  const [row] = await queryRowsAs(
    db,
    z.object({ open: z.number() }),
    sql`select count(*)::int as open from (${differencesSql(sql`region_id = ${input.regionId}`)}) d`,
  );
  return row?.open ?? 0;
}
