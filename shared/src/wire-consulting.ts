/** Wire schemas of the consulting programme: modules, consultations, measures, worklist, report. */
import { z } from 'zod';
import { REGION_KINDS } from './regions';
import { idSchema, plausibleDate, safeText, versionSchema } from './wire-primitives';

export const CONSULTING_AREAS = ['ozg', 'verwaltungsdigitalisierung'] as const;
export type ConsultingArea = (typeof CONSULTING_AREAS)[number];
export const CONSULTING_AREA_LABELS: Record<ConsultingArea, string> = {
  ozg: 'OZG',
  verwaltungsdigitalisierung: 'Verwaltungsdigitalisierung',
};

export const CONSULTATION_STATES = ['requested', 'scheduled', 'held', 'cancelled'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];
export const CONSULTATION_STATE_LABELS: Record<ConsultationState, string> = {
  requested: 'Angefragt',
  scheduled: 'Terminiert',
  held: 'Durchgeführt',
  cancelled: 'Abgesagt',
};

export const MEASURE_STATES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type MeasureState = (typeof MEASURE_STATES)[number];
export const MEASURE_STATE_LABELS: Record<MeasureState, string> = {
  open: 'Offen',
  in_progress: 'In Arbeit',
  done: 'Erledigt',
  dropped: 'Verworfen',
};

const text = (label: string, max: number) =>
  safeText().trim().min(1, `${label} fehlt`).max(max, `${label}: höchstens ${max} Zeichen`);

export const ConsultingModuleSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    area: z.enum(CONSULTING_AREAS),
    description: z.string(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'ConsultingModule' });
export type ConsultingModule = z.infer<typeof ConsultingModuleSchema>;

export const ConsultingModuleInputSchema = z
  .object({
    name: text('Name', 200),
    area: z.enum(CONSULTING_AREAS),
    description: safeText().trim().max(4000).default(''),
    active: z.boolean().default(true),
  })
  .meta({ id: 'ConsultingModuleInput' });

export const ConsultingModuleUpdateSchema = z
  .object({
    version: versionSchema(),
    name: text('Name', 200).optional(),
    description: safeText().trim().max(4000).optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'ConsultingModuleUpdate' });

/** Who can be named as the consultant of a consultation: active consultants and admins. */
export const ConsultantSchema = z
  .object({ id: z.number().int(), displayName: z.string() })
  .meta({ id: 'Consultant' });
export type Consultant = z.infer<typeof ConsultantSchema>;

export const MeasureSchema = z
  .object({
    id: z.number().int(),
    consultationId: z.number().int(),
    title: z.string(),
    owner: z.string().nullable(),
    dueDate: z.string().nullable(),
    state: z.enum(MEASURE_STATES),
    overdue: z.boolean().meta({ description: 'due date passed and neither done nor dropped' }),
    ozgIds: z.array(z.number().int()),
    completedAt: z.string().nullable(),
    /** Status changes of the linked services the measure caused (linked when it was completed). */
    statusEventIds: z.array(z.number().int()),
    version: z.number().int(),
  })
  .meta({ id: 'Measure' });
export type Measure = z.infer<typeof MeasureSchema>;

export const MeasureInputSchema = z
  .object({
    title: text('Titel', 300),
    owner: safeText().trim().max(200).nullable().default(null),
    dueDate: plausibleDate().nullable().default(null),
    ozgIds: z.array(idSchema()).max(100).default([]),
  })
  .meta({ id: 'MeasureInput' });

export const MeasureUpdateSchema = z
  .object({
    version: versionSchema(),
    title: text('Titel', 300).optional(),
    owner: safeText().trim().max(200).nullable().optional(),
    dueDate: plausibleDate().nullable().optional(),
    state: z.enum(MEASURE_STATES).optional(),
    ozgIds: z.array(idSchema()).max(100).optional(),
  })
  .meta({ id: 'MeasureUpdate' });

export const StatusSnapshotSchema = z
  .object({
    date: z.string(),
    targetServices: z.number().int(),
    levelCounts: z.array(z.number().int()),
    conformant: z.number().int(),
    conformantShare: z.number().nullable(),
  })
  .meta({ id: 'ConsultationStatusSnapshot' });
export type StatusSnapshot = z.infer<typeof StatusSnapshotSchema>;

export const ConsultationSchema = z
  .object({
    id: z.number().int(),
    region: z.object({ ags: z.string(), name: z.string() }),
    module: z.object({ id: z.number().int(), name: z.string() }),
    area: z.enum(CONSULTING_AREAS),
    state: z.enum(CONSULTATION_STATES),
    requestedAt: z.string(),
    /** Who started it: the municipality asked itself, or the consulting offered it. */
    requestedBy: z.enum(['municipality', 'consulting']),
    /** What the municipality wrote with its own request. */
    requestNote: z.string().nullable(),
    scheduledFor: z.string().nullable(),
    consultant: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
    heldOn: z.string().nullable(),
    outcomeNotes: z.string().nullable(),
    statusSnapshot: StatusSnapshotSchema.nullable(),
    profileSha256: z.string().nullable().meta({
      description:
        'SHA-256 of the municipality profile (PDF) stored when the consultation was recorded as held; GET /consultations/{id}/profile serves it',
    }),
    cancelledReason: z.string().nullable(),
    measures: z.array(MeasureSchema),
    version: z.number().int(),
  })
  .meta({ id: 'Consultation' });
export type Consultation = z.infer<typeof ConsultationSchema>;

export const ConsultationRequestSchema = z
  .object({
    moduleId: idSchema(),
    /** A municipality asking itself says what it needs; the consulting's offers carry none. */
    note: safeText().trim().max(2000, 'Notiz: höchstens 2000 Zeichen').optional(),
  })
  .meta({ id: 'ConsultationRequest' });

/** One step of a consultation: schedule, record as held, or cancel (with the version read). */
export const ConsultationUpdateSchema = z
  .discriminatedUnion('action', [
    z.object({
      action: z.literal('schedule'),
      version: versionSchema(),
      scheduledFor: plausibleDate(),
      consultantUserId: idSchema().nullable().default(null),
    }),
    z.object({
      action: z.literal('hold'),
      version: versionSchema(),
      heldOn: plausibleDate(),
      outcomeNotes: safeText().trim().max(10_000).default(''),
    }),
    z.object({
      action: z.literal('cancel'),
      version: versionSchema(),
      reason: text('Grund der Absage', 2000),
    }),
  ])
  .meta({ id: 'ConsultationUpdate' });
export type ConsultationUpdate = z.infer<typeof ConsultationUpdateSchema>;

export const WorklistItemSchema = z.object({
  region: z.object({
    ags: z.string(),
    name: z.string(),
    kind: z.enum(REGION_KINDS),
    population: z.number().int().nullable(),
  }),
  kreis: z.object({ ags: z.string(), name: z.string() }).nullable(),
  share: z.number().nullable(),
  peerMedian: z.number().nullable(),
  gap: z.number().nullable(),
  overdue: z.number().int(),
  /** The areas in which the municipality has no consultation yet (none requested, scheduled or held). */
  openAreas: z.array(z.enum(CONSULTING_AREAS)),
  /** How many quick wins it has (missing services comparable municipalities run on a shared solution). */
  quickWins: z.number().int(),
});
export type WorklistItem = z.infer<typeof WorklistItemSchema>;

/** A consultation a municipality asked for itself that nobody has scheduled yet. */
export const WorklistRequestSchema = z.object({
  consultationId: z.number().int(),
  region: z.object({ ags: z.string(), name: z.string() }),
  kreis: z.object({ ags: z.string(), name: z.string() }).nullable(),
  module: z.object({ id: z.number().int(), name: z.string() }),
  area: z.enum(CONSULTING_AREAS),
  requestedAt: z.string(),
  note: z.string().nullable(),
});
export type WorklistRequest = z.infer<typeof WorklistRequestSchema>;

export const WorklistSchema = z
  .object({
    peerGroup: z.string(),
    /** Open requests of municipalities, oldest first, whether or not they lag behind. */
    requests: z.array(WorklistRequestSchema),
    items: z.array(WorklistItemSchema),
  })
  .meta({ id: 'ConsultingWorklist' });
export type Worklist = z.infer<typeof WorklistSchema>;

export const UptakeRowSchema = z.object({
  region: z.object({ ags: z.string(), name: z.string(), level: z.string() }),
  municipalities: z.number().int(),
  /** Per area: municipalities with a held consultation, and their share. */
  held: z.record(
    z.enum(CONSULTING_AREAS),
    z.object({ count: z.number().int(), share: z.number().nullable() }),
  ),
  openMeasures: z.number().int(),
  overdueMeasures: z.number().int(),
});
export type UptakeRow = z.infer<typeof UptakeRowSchema>;

export const ConsultingReportSchema = z
  .object({
    region: z.object({ ags: z.string(), name: z.string() }),
    date: z.string(),
    uptake: z.array(UptakeRowSchema),
    effect: z.object({
      method: z.string(),
      /** Consultations held at least 12 months ago: mean change of the OZG-konform share in the 12 months after. */
      consulted: z.object({ count: z.number().int(), meanChange: z.number().nullable() }),
      /** The same window for comparable municipalities (same kind and size class) without a held consultation. */
      comparison: z.object({ count: z.number().int(), meanChange: z.number().nullable() }),
    }),
  })
  .meta({ id: 'ConsultingReport' });
export type ConsultingReport = z.infer<typeof ConsultingReportSchema>;
