import { z } from 'zod';
import { idSchema, staleDaysSchema, versionSchema } from './wire-primitives';
import { CHANGE_SOURCES, StatusSchema } from './wire-tracking';

/*
 * Provenance and freshness of statuses (decisions 021 and 025): where each
 * field's value came from, when a person last vouched for a record
 * ("bestätigt": confirmed unchanged, edited by hand or by CSV, or a Data Hub
 * value taken over), and which administrations have let records go stale.
 */

export const ConfirmRequestSchema = z
  .object({
    statuses: z
      .array(z.object({ id: idSchema(), version: versionSchema() }).strict())
      .min(1, 'Mindestens ein Status')
      .max(2000, 'Höchstens 2000 Status auf einmal'),
  })
  .strict()
  .meta({ id: 'ConfirmRequest' });
export type ConfirmRequest = z.infer<typeof ConfirmRequestSchema>;

export const ConfirmStatusResultSchema = z.object({
  statusId: z.number().int(),
  ozgId: z.number().int(),
  serviceName: z.string(),
  outcome: z.enum(['confirm', 'conflict']),
  previousConfirmedAt: z.string().nullable().meta({ description: 'the confirmation this one replaces' }),
  current: StatusSchema.optional().meta({ description: 'conflict: the record as stored now' }),
});

export const ConfirmResultSchema = z
  .object({
    mode: z.enum(['dry-run', 'commit']),
    applied: z.boolean(),
    summary: z.object({
      confirm: z
        .number()
        .int()
        .meta({ description: 'statuses confirmed (commit) or to be confirmed (dry run)' }),
      conflicts: z.number().int().meta({ description: 'changed since the client read them' }),
      neverConfirmed: z.number().int().meta({ description: 'of those, confirmed for the first time' }),
    }),
    statuses: z.array(ConfirmStatusResultSchema),
    confirmedAt: z.string().nullable().meta({ description: 'commit: the time of the confirmation' }),
    items: z.array(StatusSchema).meta({ description: 'commit: the statuses as stored now' }),
  })
  .meta({ id: 'ConfirmResult' });
export type ConfirmResult = z.infer<typeof ConfirmResultSchema>;

/** The fields whose provenance is told: the editable fields and the target-set membership. */
export const PROVENANCE_FIELDS = [
  'maturityLevel',
  'maturityModel',
  'workflowState',
  'solution',
  'url',
  'plannedDate',
  'onlineSince',
  'contact',
  'note',
  'inTarget',
] as const;
export type ProvenanceField = (typeof PROVENANCE_FIELDS)[number];

export const FieldProvenanceSchema = z.object({
  source: z.enum(CHANGE_SOURCES),
  at: z.string().meta({ description: 'when the event was recorded' }),
  actor: z.string().nullable(),
  eventId: z.number().int(),
  matchesCurrent: z.boolean().meta({
    description:
      'the event set the value the record holds now; false when the record was changed without an event (history incomplete)',
  }),
});
export type FieldProvenance = z.infer<typeof FieldProvenanceSchema>;

export const StatusProvenanceSchema = z
  .object({
    statusId: z.number().int(),
    version: z.number().int(),
    confirmedAt: z.string().nullable(),
    fields: z
      .record(z.enum(PROVENANCE_FIELDS), FieldProvenanceSchema.nullable())
      .meta({ description: 'per field the last event that set it; null: no event names the field' }),
  })
  .meta({ id: 'StatusProvenance' });
export type StatusProvenance = z.infer<typeof StatusProvenanceSchema>;

export const FreshnessSchema = z
  .object({
    regionId: z.number().int(),
    ags: z.string(),
    name: z.string(),
    thresholdDays: z.number().int(),
    total: z.number().int().meta({ description: 'statuses in the target set' }),
    stale: z.number().int().meta({ description: 'not confirmed for more than thresholdDays (or never)' }),
    neverConfirmed: z.number().int(),
    lastConfirmedAt: z.string().nullable(),
    daysSinceLast: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'German calendar days since lastConfirmedAt' }),
    oldestConfirmedAt: z.string().nullable().meta({
      description: 'the oldest confirmation of a confirmed status (never confirmed ones are counted apart)',
    }),
    daysSinceOldest: z.number().int().nullable(),
  })
  .meta({ id: 'Freshness' });
export type Freshness = z.infer<typeof FreshnessSchema>;

export const RemindersSchema = z
  .object({
    freshness: FreshnessSchema,
    datahubOpen: z.number().int().meta({ description: 'open Data Hub differences (also those in Klärung)' }),
    brokenLinks: z.number().int().meta({ description: 'target statuses whose URL failed its last check' }),
  })
  .meta({ id: 'Reminders' });
export type Reminders = z.infer<typeof RemindersSchema>;

export const STALE_SORTS = ['stale', 'share', 'daysSinceLast', 'name', 'kreis'] as const;
export type StaleSort = (typeof STALE_SORTS)[number];

export const StaleListQuerySchema = z.object({
  days: staleDaysSchema(),
  sort: z.enum(STALE_SORTS).optional().meta({ description: 'Standard: stale (absteigend)' }),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});

export const StaleAdministrationSchema = z.object({
  regionId: z.number().int(),
  ags: z.string(),
  name: z.string(),
  kreis: z
    .object({ ags: z.string(), name: z.string() })
    .nullable()
    .meta({ description: 'null for a kreisfreie Stadt' }),
  total: z.number().int(),
  stale: z.number().int(),
  neverConfirmed: z.number().int(),
  lastConfirmedAt: z.string().nullable(),
  daysSinceLast: z.number().int().nullable(),
});
export type StaleAdministration = z.infer<typeof StaleAdministrationSchema>;

export const StaleListSchema = z
  .object({
    thresholdDays: z.number().int(),
    items: z.array(StaleAdministrationSchema),
    total: z.number().int().meta({ description: 'administrations with at least one stale status' }),
    staleStatuses: z.number().int().meta({ description: 'stale statuses over all of them' }),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'StaleList' });
export type StaleList = z.infer<typeof StaleListSchema>;
