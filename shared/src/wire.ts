/** Wire schemas shared by the API (validation, OpenAPI) and the web app (types). */
import { z } from 'zod';
import { THEMENFELDER } from './catalog';
import { Model2FiguresSchema, Model2SeriesPointSchema } from './maturity-figures';
import { ADMINISTRATIONS_DEFINITION } from './progress';
import { REGION_KINDS, REGION_LEVELS } from './regions';
import { idParamSchema } from './wire-primitives';

export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'rate_limited',
  'internal',
  /** 503: too many requests wait for the embedded database (decision 028); retry after Retry-After. */
  'overloaded',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The single error shape of every failed request. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().meta({ description: 'German, for people' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const DATASET_KINDS = ['empty', 'demo', 'official'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.object({
      kind: z.enum(['pglite', 'postgres']),
      serverVersion: z.string(),
      migrations: z.object({
        applied: z.number().int(),
        available: z.number().int(),
        upToDate: z.boolean(),
        latest: z.string().nullable(),
      }),
    }),
    dataset: z.enum(DATASET_KINDS).meta({ description: 'demo = generated, fictional data' }),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof HealthSchema>;

export const RegionKeyParamSchema = z.object({
  key: z
    .string()
    .regex(
      /^(\d{2}|\d{3}|\d{5}|\d{8}|\d{12})$/,
      'AGS (2, 3, 5 oder 8 Ziffern) oder ARS (12 Ziffern) erwartet',
    )
    .meta({ param: { name: 'key', in: 'path' }, example: '06412' }),
});

/** An OZG-ID in a path, e.g. /services/{ozgId}/coverage. */
export const OzgIdParamSchema = idParamSchema().meta({
  param: { name: 'ozgId', in: 'path' },
  example: 10513,
});

export const RegionSummarySchema = z
  .object({
    id: z.number().int(),
    ags: z.string().meta({ example: '06412' }),
    ars: z.string().meta({ example: '06412' }),
    name: z.string(),
    level: z.enum(REGION_LEVELS),
    kind: z.enum(REGION_KINDS),
    population: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'inhabitants; sum of the Gemeinden for higher levels' }),
    areaHectares: z.number().int().nullable(),
    sonderstatus: z.boolean().meta({ description: 'Sonderstatusstadt (Hessen, HGO § 4a)' }),
    validFrom: z.string().meta({ description: 'ISO date from which this territory is valid' }),
  })
  .meta({ id: 'RegionSummary' });
export type RegionSummary = z.infer<typeof RegionSummarySchema>;

export const RegionDetailSchema = RegionSummarySchema.extend({
  // The kind too, so that a page can say "im Main-Kinzig-Kreis" or "in der Stadt Kassel".
  parent: z
    .object({ ags: z.string(), name: z.string(), level: z.enum(REGION_LEVELS), kind: z.enum(REGION_KINDS) })
    .nullable(),
  ancestors: z
    .array(
      z.object({
        ags: z.string(),
        name: z.string(),
        level: z.enum(REGION_LEVELS),
        kind: z.enum(REGION_KINDS),
      }),
    )
    .meta({ description: 'from the Land down to the parent' }),
  descendants: z.object({
    bezirke: z.number().int(),
    kreise: z.number().int(),
    gemeinden: z.number().int(),
  }),
}).meta({ id: 'RegionDetail' });
export type RegionDetail = z.infer<typeof RegionDetailSchema>;

export const RegionChildrenSchema = z
  .object({
    parent: RegionSummarySchema,
    children: z.array(RegionSummarySchema),
  })
  .meta({ id: 'RegionChildren' });
export type RegionChildren = z.infer<typeof RegionChildrenSchema>;

const ADMINISTRATIONS_DESCRIPTION = `${ADMINISTRATIONS_DEFINITION} (the same definition today and with asOf; a German calendar day)`;

export const ProgressFiguresSchema = z.object({
  targetServices: z.number().int(),
  levelCounts: z.array(z.number().int()).length(5).meta({ description: 'target services at Reifegrad 0..4' }),
  conformant: z.number().int().meta({ description: 'Reifegrad >= 3 (OZG-konform)' }),
  conformantShare: z.number().nullable(),
  populationWeightedShare: z
    .number()
    .nullable()
    .meta({ description: 'each status weighted by the inhabitants its administration serves' }),
  onlineByDeadline: z.number().int().meta({ description: 'Reifegrad >= 3 with online since <= 2022-12-31' }),
  onlineByDeadlineShare: z.number().nullable(),
  overdue: z.number().int().meta({ description: 'target services still below Reifegrad 3' }),
  medianDaysLate: z
    .number()
    .nullable()
    .meta({ description: 'median days after the deadline at which late services went online' }),
});

export const RegionProgressSchema = z
  .object({
    region: RegionSummarySchema,
    administrations: z.number().int().meta({ description: ADMINISTRATIONS_DESCRIPTION }),
    figures: ProgressFiguresSchema,
    byThemenfeld: z
      .array(z.object({ themenfeld: z.enum(THEMENFELDER), figures: ProgressFiguresSchema }))
      .meta({
        description: 'the Themenfelder with at least one target service on that day; others are left out',
      }),
    model2: Model2FiguresSchema.optional().meta({ description: 'only with model=2.0' }),
  })
  .meta({ id: 'RegionProgress' });
export type RegionProgress = z.infer<typeof RegionProgressSchema>;

export const PROGRESS_SORTS = [
  'conformantShare',
  'populationWeightedShare',
  'overdue',
  'name',
  'population',
] as const;

export const ChildrenProgressSchema = z
  .object({
    parent: RegionSummarySchema,
    children: z.array(
      z.object({
        region: RegionSummarySchema,
        administrations: z.number().int().meta({ description: ADMINISTRATIONS_DESCRIPTION }),
        figures: ProgressFiguresSchema,
        rank: z
          .number()
          .int()
          .nullable()
          .meta({ description: '1 = highest OZG-konform share among the children' }),
        model2: Model2FiguresSchema.optional().meta({ description: 'only with model=2.0' }),
      }),
    ),
  })
  .meta({ id: 'ChildrenProgress' });
export type ChildrenProgress = z.infer<typeof ChildrenProgressSchema>;

const SeriesPointSchema = z.object({
  date: z.string(),
  targetServices: z.number().int(),
  conformant: z.number().int(),
  share: z.number().nullable(),
  model2: Model2SeriesPointSchema.nullable().optional().meta({
    description:
      'only with model=2.0: the figures by Reifegradmodell 2.0 from the latest 2.0 snapshot at or before the day; null before the first one (unknown, not 0)',
  }),
});

const ForecastSchema = z.union([
  z.object({
    reachable: z.literal(true),
    target: z.number(),
    date: z.string(),
    earliest: z.string(),
    latest: z.string().nullable(),
    slopePerYear: z.number(),
  }),
  z.object({
    reachable: z.literal(false),
    target: z.number(),
    reason: z.enum(['reached', 'flat_or_falling', 'too_few_points', 'beyond_horizon']),
  }),
]);

export const ProgressSeriesSchema = z
  .object({
    region: RegionSummarySchema,
    monthly: z.array(SeriesPointSchema).meta({
      description:
        'state at the end of each month (German calendar days); the last month ends on asOf (default: today)',
    }),
    daily: z
      .array(SeriesPointSchema)
      .meta({ description: 'state at the end of each of the 90 days up to asOf (default: today)' }),
    deadline: SeriesPointSchema.meta({
      description:
        'state on 31.12.2022, the OZG deadline; on asOf when that is earlier (nothing after asOf is read)',
    }),
    forecast: z.object({
      method: z.string(),
      horizon: z
        .string()
        .meta({ description: 'the last day a forecast names; later dates are "beyond_horizon"' }),
      full: ForecastSchema.meta({ description: 'when 100 % are OZG-konform at the recent pace' }),
      threeQuarters: ForecastSchema.meta({ description: 'when 75 % are OZG-konform at the recent pace' }),
    }),
    model2: z
      .object({
        version: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'newest stored 2.0 version (its conformant level is the default minLevel)' }),
        minLevel: z.number().int(),
        firstDay: z
          .string()
          .nullable()
          .meta({ description: "the region's first 2.0 snapshot up to asOf; the points before it are null" }),
      })
      .optional()
      .meta({
        description:
          'only with model=2.0: the course by Reifegradmodell 2.0 is in each point (model2); the forecast stays 1.1',
      }),
    recalculations: z
      .array(
        z.object({
          effectiveFrom: z
            .string()
            .meta({ description: 'Stichtag of the directory: the change counts from here' }),
          recalculatedOn: z
            .string()
            .meta({ description: 'import day (Europe/Berlin) on which the series was recomputed' }),
          fileName: z.string(),
        }),
      )
      .meta({
        description:
          "territory changes of the region's Land loaded after their Stichtag: the figures from effectiveFrom on were recalculated on recalculatedOn (decision 009)",
      }),
  })
  .meta({ id: 'ProgressSeries' });
export type ProgressSeries = z.infer<typeof ProgressSeriesSchema>;

export const CoverageSchema = z
  .object({
    service: z.object({ ozgId: z.number().int(), name: z.string(), themenfeld: z.enum(THEMENFELDER) }),
    region: RegionSummarySchema,
    mustOffer: z.number().int().meta({ description: 'administrations with the service in their target set' }),
    offering: z.number().int().meta({ description: 'of them at Reifegrad >= 3' }),
    share: z.number().nullable(),
    populationShare: z
      .number()
      .nullable()
      .meta({ description: 'inhabitants served by those offering it / by all that must' }),
    flaechendeckend: z.boolean().meta({ description: 'every administration that must offer it does' }),
    atLeastOne: z
      .boolean()
      .meta({ description: 'the federal dashboard\'s "online": one administration is enough' }),
    levelCounts: z.array(z.number().int()).length(5),
    solutions: z.array(z.object({ solution: z.string().nullable(), count: z.number().int() })),
    model2: Model2FiguresSchema.optional().meta({ description: 'only with model=2.0' }),
  })
  .meta({ id: 'Coverage' });
export type Coverage = z.infer<typeof CoverageSchema>;

export const LaggardSchema = z.object({
  region: z.object({
    ags: z.string(),
    name: z.string(),
    kind: z.enum(REGION_KINDS),
    population: z.number().int().nullable(),
  }),
  kreis: z.object({ ags: z.string(), name: z.string() }).nullable(),
  sizeClass: z.string(),
  targetServices: z.number().int(),
  conformant: z.number().int(),
  share: z.number().nullable(),
  peerCount: z.number().int().meta({ description: 'municipalities in the peer group, itself included' }),
  peerMedian: z.number().nullable(),
  gap: z
    .number()
    .nullable()
    .meta({ description: 'share minus the peer median; negative = behind its peers' }),
  changeTwelveMonths: z.number().nullable().meta({ description: 'share now minus share 12 months ago' }),
  overdue: z.number().int(),
  consultationHeld: z.boolean(),
  model2: z
    .object({
      counted: z.number().int().meta({ description: 'counted statuses (in the target set)' }),
      assessed: z.number().int().meta({ description: 'of them with a complete 2.0 assessment' }),
      assessedShare: z.number().nullable().meta({ description: 'assessed / counted' }),
      atOrAbove: z.number().int().meta({ description: 'assessed statuses at 2.0 level >= minLevel' }),
      share: z.number().nullable().meta({
        description:
          'atOrAbove / counted: the 2.0 share among the counted statuses (not assessed counts as not reached), the value ranked; null when nothing is assessed',
      }),
      peerCount: z.number().int(),
      peerMedian: z.number().nullable(),
      gap: z.number().nullable().meta({ description: 'share minus the peer median by 2.0' }),
      changeTwelveMonths: z.number().nullable().optional().meta({
        description:
          'share now minus the share by 2.0 from the latest 2.0 snapshot at or before the day 12 months ago; null when there is none or nothing was assessed then',
      }),
    })
    .optional()
    .meta({ description: 'only with model=2.0: the figures by Reifegradmodell 2.0 that rank the list' }),
});
export type Laggard = z.infer<typeof LaggardSchema>;

export const LaggardsSchema = z
  .object({
    region: RegionSummarySchema,
    peerGroup: z
      .string()
      .meta({ description: 'what makes peers: kind and size class, optionally the same Kreis' }),
    model: z.enum(['1.1', '2.0']).meta({ description: 'the model that ranks the list' }),
    model2: z
      .object({ version: z.number().int().nullable(), minLevel: z.number().int() })
      .optional()
      .meta({ description: 'only with model=2.0: the newest 2.0 version and the level counted from' }),
    items: z.array(LaggardSchema),
  })
  .meta({ id: 'Laggards' });
export type Laggards = z.infer<typeof LaggardsSchema>;

export const AdoptionHintsSchema = z
  .object({
    region: z.object({ ags: z.string(), name: z.string() }),
    service: z.object({ ozgId: z.number().int(), name: z.string() }),
    alreadyOffered: z.boolean(),
    solutions: z.array(
      z.object({
        solution: z.string().nullable(),
        neighbours: z
          .number()
          .int()
          .meta({ description: 'municipalities of the same Kreis offering it this way' }),
        peers: z
          .number()
          .int()
          .meta({ description: 'municipalities of the same kind and size class in the Land' }),
        municipalities: z
          .number()
          .int()
          .meta({ description: 'distinct municipalities (neighbours and peers, each counted once)' }),
        since: z.string().nullable().meta({ description: 'earliest "online seit" among them' }),
        averageSince: z
          .string()
          .nullable()
          .meta({ description: 'mean "online seit" among them (ISO date; null when none has one)' }),
        examples: z.array(z.object({ ags: z.string(), name: z.string(), url: z.string().nullable() })),
      }),
    ),
  })
  .meta({ id: 'AdoptionHints' });
export type AdoptionHints = z.infer<typeof AdoptionHintsSchema>;
