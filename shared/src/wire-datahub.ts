import { z } from 'zod';
import { safeText } from './wire-primitives';

/*
 * Reconciliation with the federal Data Hub (decision 021): the differences
 * between a municipality's statuses and the Bund's records, and the officer's
 * decisions on them.
 */

export const DATAHUB_DIFFERENCE_KINDS = [
  'online_at_bund',
  'not_listed',
  'url_differs',
  'bund_not_ok',
] as const;
export type DatahubDifferenceKind = (typeof DATAHUB_DIFFERENCE_KINDS)[number];

export const DATAHUB_DIFFERENCE_LABELS: Record<DatahubDifferenceKind, string> = {
  online_at_bund: 'Beim Bund online – Ihr Stand: nicht online',
  not_listed: 'Ihr Stand: online – beim Bund nicht gelistet',
  url_differs: 'URL weicht ab',
  bund_not_ok: 'Bund: Status „nicht ok“',
};

/** Only these kinds can be taken over: the others would lower a record on the Bund's word alone. */
export const DATAHUB_ACCEPTABLE_KINDS: readonly DatahubDifferenceKind[] = ['online_at_bund', 'url_differs'];

export const DATAHUB_DECISIONS = ['accept', 'reject', 'clarify'] as const;
export type DatahubDecision = (typeof DATAHUB_DECISIONS)[number];
export const DATAHUB_DECISION_LABELS: Record<DatahubDecision, string> = {
  accept: 'Übernehmen',
  reject: 'Ablehnen',
  clarify: 'Klärung',
};

export const DatahubDifferenceSchema = z
  .object({
    statusId: z.number().int(),
    version: z.number().int(),
    ozgId: z.number().int(),
    serviceName: z.string(),
    kind: z.enum(DATAHUB_DIFFERENCE_KINDS),
    /** The German sentence shown in the list, e.g. "Bund: online (URL …, Status ok) – Ihr Stand: Reifegrad 1". */
    text: z.string(),
    maturityLevel: z.number().int(),
    url: z.string().nullable(),
    onlineSince: z.string().nullable(),
    sourceUrl: z.string().nullable(),
    sourceStatus: z.enum(['ok', 'nicht ok']).nullable(),
    sourceCoverage: z.string().nullable(),
    /** When the Bund's value was imported (the difference is open since then at most). */
    importedAt: z.string(),
    acceptable: z.boolean(),
    /** Marked for clarification, with the note, while open. */
    clarify: z.object({ reason: z.string().nullable(), decidedAt: z.string() }).nullable(),
  })
  .meta({ id: 'DatahubDifference' });
export type DatahubDifference = z.infer<typeof DatahubDifferenceSchema>;

export const DatahubDifferencesSchema = z
  .object({
    regionId: z.number().int(),
    ags: z.string(),
    name: z.string(),
    /** The latest import that covers the region; null when the Bund's export had no record of it. */
    importedAt: z.string().nullable(),
    items: z.array(DatahubDifferenceSchema),
  })
  .meta({ id: 'DatahubDifferences' });
export type DatahubDifferences = z.infer<typeof DatahubDifferencesSchema>;

export const DatahubDecisionItemSchema = z
  .object({
    statusId: z.number().int().positive(),
    version: z.number().int().positive(),
    kind: z.enum(DATAHUB_DIFFERENCE_KINDS),
    decision: z.enum(DATAHUB_DECISIONS),
    reason: safeText().trim().max(1000, 'Begründung: höchstens 1000 Zeichen').optional(),
  })
  .meta({ id: 'DatahubDecisionItem' });

export const DatahubDecisionRequestSchema = z
  .object({
    mode: z.enum(['dry-run', 'commit']),
    items: z.array(DatahubDecisionItemSchema).min(1, 'Keine Abweichung ausgewählt').max(1000),
  })
  .meta({ id: 'DatahubDecisionRequest' });
export type DatahubDecisionRequest = z.infer<typeof DatahubDecisionRequestSchema>;

export const DatahubDecisionOutcomeSchema = z
  .object({
    statusId: z.number().int(),
    kind: z.enum(DATAHUB_DIFFERENCE_KINDS),
    serviceName: z.string(),
    decision: z.enum(DATAHUB_DECISIONS),
    /** The fields an acceptance changes, from and to. */
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  })
  .meta({ id: 'DatahubDecisionOutcome' });

export const DatahubDecisionResultSchema = z
  .object({
    mode: z.enum(['dry-run', 'commit']),
    applied: z.boolean(),
    summary: z.object({ accepted: z.number().int(), rejected: z.number().int(), clarify: z.number().int() }),
    items: z.array(DatahubDecisionOutcomeSchema),
    changeSetId: z.number().int().nullable(),
  })
  .meta({ id: 'DatahubDecisionResult' });
export type DatahubDecisionResult = z.infer<typeof DatahubDecisionResultSchema>;

export const DatahubKreisSchema = z
  .object({
    ags: z.string(),
    name: z.string(),
    open: z.number().int(),
    clarify: z.number().int(),
    gemeinden: z.number().int(),
    /** Days since the oldest open difference was imported. */
    oldestDays: z.number().int().nullable(),
  })
  .meta({ id: 'DatahubKreis' });
export const DatahubKreiseSchema = z
  .object({ items: z.array(DatahubKreisSchema) })
  .meta({ id: 'DatahubKreise' });
export type DatahubKreise = z.infer<typeof DatahubKreiseSchema>;
