/** Wire schemas of sign-in, statuses, audit trail and applicability. */
import { z } from 'zod';
import { EXECUTING_LEVELS, THEMENFELDER } from './catalog';
import { LinkStateSchema } from './link-checks';
import { MATURITY_MODEL_VERSIONS, SOLUTION_KINDS, WORKFLOW_STATES } from './maturity';
import { CriterionChangeSchema } from './maturity-models';
import {
  idParamSchema,
  idSchema,
  pastDate,
  plausibleDate,
  safeText,
  staleDaysSchema,
  versionSchema,
} from './wire-primitives';

export const USER_ROLES = ['admin', 'officer', 'consultant', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABELS: Record<UserRole, string> = {
  admin: 'Ministerium (Administration)',
  officer: 'Kommune (Bearbeitung)',
  consultant: 'Beratung',
  viewer: 'Lesezugriff',
};

export const CHANGE_SOURCES = ['ui', 'csv', 'api', 'import', 'seed', 'system', 'datahub'] as const;
export type ChangeSourceKind = (typeof CHANGE_SOURCES)[number];
/** What a change set is: a bulk edit, a CSV commit, or the undo of one of them. */
export const CHANGE_SET_KINDS = ['bulk', 'csv', 'undo'] as const;
export type ChangeSetKind = (typeof CHANGE_SET_KINDS)[number];

/** Where a change came from, as the audit trail names it. */
export const CHANGE_SOURCE_LABELS: Record<ChangeSourceKind, string> = {
  ui: 'Dashboard',
  csv: 'CSV-Upload',
  api: 'Schnittstelle',
  import: 'Import',
  seed: 'Demo-Daten',
  system: 'System',
  datahub: 'Data Hub (Bund)',
};

export const LoginRequestSchema = z
  .object({
    email: safeText().trim().min(3, 'E-Mail-Adresse fehlt').max(320),
    password: safeText().min(1, 'Passwort fehlt').max(200),
  })
  .meta({ id: 'LoginRequest' });

export const MeSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    /** Regions the user may edit (officers), as AGS. */
    regions: z.array(z.object({ ags: z.string(), name: z.string() })),
    csrfToken: z.string().meta({ description: 'send as X-CSRF-Token with every write' }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

/** The current session without an error when there is none: the web app asks on every start. */
export const SessionSchema = z
  .object({ user: MeSchema.nullable().meta({ description: 'null when nobody is signed in' }) })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

export const StatusSchema = z
  .object({
    id: z.number().int(),
    regionId: z.number().int(),
    ozgId: z.number().int(),
    serviceName: z.string(),
    themenfeld: z.enum(THEMENFELDER),
    inTarget: z.boolean(),
    maturityLevel: z.number().int(),
    maturityModel: z.enum(MATURITY_MODEL_VERSIONS as ['1.1', '2.0']),
    workflowState: z.enum(WORKFLOW_STATES),
    solution: z.enum(SOLUTION_KINDS).nullable(),
    url: z.string().nullable(),
    plannedDate: z.string().nullable(),
    onlineSince: z.string().nullable(),
    contact: z.string().nullable(),
    note: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable().meta({ description: 'display name of the last editor' }),
    confirmedAt: z.string().nullable().meta({
      description:
        'when a person last vouched for the record: confirmed it unchanged, edited it, or took over a Data Hub value (decision 025)',
    }),
  })
  .meta({ id: 'Status' });
export type Status = z.infer<typeof StatusSchema>;

/**
 * The editable fields of a status. Rules across fields (see statusProblems in status-rules.ts):
 * Reifegrad >= 3 needs "online seit"; "online seit" is not in the future and
 * only set from Reifegrad 3; the URL is http(s).
 */
export const StatusChangesSchema = z
  .object({
    maturityLevel: z.number().int('Ganze Zahl erwartet').min(0).max(7),
    maturityModel: z.enum(MATURITY_MODEL_VERSIONS as ['1.1', '2.0']),
    workflowState: z.enum(WORKFLOW_STATES),
    solution: z.enum(SOLUTION_KINDS).nullable(),
    url: safeText().trim().max(2000).nullable(),
    plannedDate: plausibleDate().nullable(),
    onlineSince: pastDate().nullable(),
    contact: safeText().trim().max(300).nullable(),
    note: safeText().trim().max(5000).nullable(),
    /** Answers to maturity criteria (decision 019); they ride with the status write, its version and events. */
    criteria: z.array(CriterionChangeSchema).min(1, 'Keine Antwort angegeben').max(100),
  })
  .partial()
  .strict();
export type StatusChanges = z.infer<typeof StatusChangesSchema>;

export const StatusPatchSchema = StatusChangesSchema.extend({
  version: versionSchema(),
})
  .strict()
  .meta({ id: 'StatusPatch' });

export const BulkUpdateSchema = z
  .object({
    statuses: z
      .array(z.object({ id: idSchema(), version: versionSchema() }).strict())
      .min(1, 'Mindestens ein Status')
      .max(2000),
    changes: StatusChangesSchema.refine(
      (changes) => Object.keys(changes).length > 0,
      'Keine Änderung angegeben',
    ),
    options: z
      .object({
        levels: z.enum(['raise-only', 'lower']).default('raise-only').meta({
          description: 'raise-only (default): a status above the chosen Reifegrad keeps its level',
        }),
        onlineSince: z.enum(['keep', 'overwrite']).default('keep').meta({
          description: 'keep (default): a status that has "online seit" keeps its date',
        }),
      })
      .strict()
      .default({ levels: 'raise-only', onlineSince: 'keep' }),
  })
  .strict()
  .meta({ id: 'BulkUpdate' });

const FieldChangesSchema = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));

/** One status of a bulk edit: what it would get (dry run) or got (commit), in the shape of the CSV dry run. */
export const BulkStatusResultSchema = z.object({
  statusId: z.number().int(),
  ozgId: z.number().int(),
  serviceName: z.string(),
  outcome: z.enum(['changed', 'unchanged', 'error', 'conflict']),
  changes: FieldChangesSchema.optional(),
  errors: z.array(z.object({ column: z.string(), message: z.string() })).optional(),
  downgrade: z.boolean().meta({ description: 'the chosen Reifegrad is below the current one' }),
  onlineSinceAffected: z
    .boolean()
    .meta({ description: 'the status has an "online seit" that the change would clear or replace' }),
  kept: z
    .array(z.enum(['maturityLevel', 'onlineSince', 'criteria']))
    .meta({ description: 'what the options kept as it is' }),
  current: StatusSchema.optional().meta({ description: 'conflict: the record as stored now' }),
});
export type BulkStatusResult = z.infer<typeof BulkStatusResultSchema>;

export const BulkUpdateResultSchema = z
  .object({
    mode: z.enum(['dry-run', 'commit']),
    applied: z.boolean(),
    summary: z.object({
      changed: z.number().int(),
      unchanged: z.number().int(),
      errors: z.number().int(),
      conflicts: z.number().int(),
      downgrades: z
        .number()
        .int()
        .meta({ description: 'statuses that the change would lower (applied or not)' }),
      onlineSinceAffected: z.number().int(),
    }),
    statuses: z.array(BulkStatusResultSchema),
    items: z.array(StatusSchema).meta({ description: 'commit: the statuses as stored now' }),
    changeSetId: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'commit: the change set to undo it with (null when nothing changed)' }),
  })
  .meta({ id: 'BulkUpdateResult' });
export type BulkUpdateResult = z.infer<typeof BulkUpdateResultSchema>;

export const ChangeSetSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(CHANGE_SET_KINDS),
    source: z.enum(CHANGE_SOURCES),
    createdAt: z.string(),
    actor: z.string(),
    statusCount: z.number().int(),
    regions: z.array(z.object({ ags: z.string(), name: z.string() })),
    revertedBy: z.number().int().nullable().meta({ description: 'the undo that reverted it' }),
    undoableUntil: z.string().meta({ description: 'an undo is possible for 24 hours' }),
  })
  .meta({ id: 'ChangeSet' });
export type ChangeSet = z.infer<typeof ChangeSetSchema>;

export const ChangeSetListQuerySchema = z.object({
  region: z
    .string()
    .regex(/^\d{2,12}$/, 'AGS oder ARS erwartet')
    .optional()
    .meta({ description: 'only change sets touching this administration (AGS or ARS)' }),
});

export const UndoResultSchema = z
  .object({ changeSet: ChangeSetSchema, items: z.array(StatusSchema) })
  .meta({ id: 'UndoResult' });
export type UndoResult = z.infer<typeof UndoResultSchema>;

export const STATUS_SORTS = [
  'ozgId',
  'name',
  'themenfeld',
  'maturityLevel',
  'workflowState',
  'updatedAt',
  'confirmedAt',
] as const;

export const StatusListQuerySchema = z.object({
  themenfeld: z.enum(THEMENFELDER).optional(),
  maturityLevel: z.coerce.number().int().min(0).max(7).optional(),
  workflowState: z.enum(WORKFLOW_STATES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'true: target services still below Reifegrad 3' }),
  q: safeText().trim().max(200).optional().meta({ description: 'text in the service name, or an OZG-ID' }),
  includeOutOfTarget: z.enum(['true', 'false']).optional(),
  brokenLink: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'true: only statuses whose URL failed its last link check' }),
  staleDays: staleDaysSchema().meta({
    description: 'only statuses not confirmed for more than this many days, or never (decision 025)',
  }),
  sort: z.enum(STATUS_SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: idParamSchema().optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).optional(),
});

/** A status as the list shows it to one user: with whether that user may edit it. */
export const ListedStatusSchema = StatusSchema.extend({
  editable: z
    .boolean()
    .meta({ description: 'the signed-in user may edit this status (the rule of decision 003)' }),
  link: LinkStateSchema.nullable().meta({
    description:
      'the last check of its URL (link checks, issue #15); null without URL or before the first check',
  }),
}).meta({ id: 'ListedStatus' });
export type ListedStatus = z.infer<typeof ListedStatusSchema>;

export const StatusPageSchema = z
  .object({
    items: z.array(ListedStatusSchema),
    editable: z
      .boolean()
      .meta({ description: 'the signed-in user may edit statuses of this administration (bulk, CSV)' }),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'StatusPage' });

export const StatusEventSchema = z
  .object({
    id: z.number().int(),
    statusId: z.number().int(),
    regionId: z.number().int(),
    regionName: z.string(),
    ozgId: z.number().int(),
    serviceName: z.string(),
    occurredAt: z.string(),
    source: z.enum(CHANGE_SOURCES),
    actor: z.string().nullable(),
    before: z.record(z.string(), z.unknown()),
    after: z.record(z.string(), z.unknown()),
    changeSet: z
      .object({ id: z.number().int(), kind: z.enum(CHANGE_SET_KINDS) })
      .nullable()
      .meta({ description: 'the bulk edit, CSV commit or undo the change belongs to' }),
  })
  .meta({ id: 'StatusEvent' });
export type StatusEvent = z.infer<typeof StatusEventSchema>;

export const EventPageSchema = z
  .object({
    items: z.array(StatusEventSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'EventPage' });

export const PageQuerySchema = z.object({
  page: idParamSchema().optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});

/** Filters of an audit trail: days (in Germany, both included), where a change came from, who made it. */
export const EventQuerySchema = PageQuerySchema.extend({
  from: plausibleDate().optional(),
  to: plausibleDate().optional(),
  source: z.enum(CHANGE_SOURCES).optional(),
  user: idParamSchema().optional(),
  format: z
    .enum(['json', 'csv'])
    .optional()
    .meta({ description: 'csv: UTF-8 mit BOM und ";", alle Treffer' }),
}).refine((query) => !query.from || !query.to || query.from <= query.to, {
  message: 'Das Ende des Zeitraums liegt vor seinem Anfang.',
  path: ['to'],
});
export type EventQuery = z.infer<typeof EventQuerySchema>;

export const CsvLineResultSchema = z.object({
  line: z.number().int(),
  ozgId: z.number().int().nullable(),
  outcome: z.enum(['changed', 'unchanged', 'error', 'conflict']),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).optional(),
  errors: z.array(z.object({ column: z.string(), message: z.string() })).optional(),
  lowers: z
    .array(z.enum(['maturityLevel', 'onlineSince', 'criteria']))
    .optional()
    .meta({
      description:
        'what the line takes away: a lower Reifegrad, a moved or cleared "online seit", a criterion answered lower',
    }),
});
export type CsvLineResult = z.infer<typeof CsvLineResultSchema>;

export const CsvImportResultSchema = z
  .object({
    mode: z.enum(['dry-run', 'commit']),
    applied: z.boolean(),
    summary: z.object({
      changed: z.number().int(),
      unchanged: z.number().int(),
      errors: z.number().int(),
      conflicts: z.number().int(),
      lowering: z
        .number()
        .int()
        .meta({ description: 'changed lines that lower something (lowers); commit needs lowering=allow' }),
    }),
    lines: z.array(CsvLineResultSchema),
    changeSetId: z
      .number()
      .int()
      .nullable()
      .optional()
      .meta({ description: 'commit: the change set to undo it with' }),
  })
  .meta({ id: 'CsvImportResult' });
export type CsvImportResult = z.infer<typeof CsvImportResultSchema>;

export const ExecutingLevelUpdateSchema = z
  .object({
    services: z
      .array(z.object({ ozgId: idSchema(), executingLevel: z.enum(EXECUTING_LEVELS).nullable() }).strict())
      .min(1)
      .max(1000),
  })
  .strict()
  .meta({ id: 'ExecutingLevelUpdate' });

export const ApplicabilityExceptionSchema = z
  .object({
    regionAgs: z.string(),
    ozgId: idSchema(),
    applies: z.boolean(),
    reason: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ApplicabilityException' });

export const ApplicabilityExceptionInputSchema = z
  .object({
    ozgId: idSchema(),
    applies: z
      .boolean()
      .meta({ description: 'true: must offer it although its level does not; false: need not' }),
    reason: safeText().trim().min(3, 'Begründung fehlt').max(1000),
  })
  .strict()
  .meta({ id: 'ApplicabilityExceptionInput' });

export const TargetSyncResultSchema = z
  .object({ created: z.number().int(), changed: z.number().int() })
  .meta({ id: 'TargetSyncResult' });

export const ServiceSchema = z
  .object({
    ozgId: z.number().int(),
    name: z.string(),
    lebenslage: z.string(),
    themenfeld: z.enum(THEMENFELDER),
    municipallyRelevant: z.boolean(),
    executingLevel: z.enum(EXECUTING_LEVELS).nullable(),
    active: z.boolean(),
    leikaCount: z.number().int(),
  })
  .meta({ id: 'Service' });
export type Service = z.infer<typeof ServiceSchema>;

export const ServiceListQuerySchema = z.object({
  themenfeld: z.enum(THEMENFELDER).optional(),
  executingLevel: z.enum([...EXECUTING_LEVELS, 'none']).optional(),
  relevant: z.enum(['true', 'false']).optional(),
  q: safeText().trim().max(200).optional(),
});

export const ExecutingLevelResultSchema = z
  .object({ updated: z.number().int(), statusesCreated: z.number().int(), statusesChanged: z.number().int() })
  .meta({ id: 'ExecutingLevelResult' });
