import { z } from 'zod';

/*
 * Usage figures (decision 022): applications per region and service from the
 * imported monthly counts. Null means "no figures delivered", never 0.
 */

/** The two flags per Gemeinde and service (see USAGE_FLAG_LABELS and the methodology). */
export const USAGE_FLAGS = ['online_low_use', 'high_demand_offline'] as const;
export type UsageFlag = (typeof USAGE_FLAGS)[number];
export const USAGE_FLAG_LABELS: Record<UsageFlag, string> = {
  online_low_use: 'online, aber kaum genutzt',
  high_demand_offline: 'hohe Nachfrage, nicht online',
};

/** "Online, aber kaum genutzt": below this share of the peers' median applications per 1,000 inhabitants. */
export const LOW_USE_SHARE = 0.25;
/** "Hohe Nachfrage": the online peers' median is at least this many applications per 1,000 inhabitants in 12 months. */
export const HIGH_DEMAND_PER_THOUSAND = 5;
/** Peers needed (with the service online and figures delivered) before a flag is set. */
export const MIN_USAGE_PEERS = 3;

export const USAGE_NONE_LABEL = 'Keine Nutzungszahlen geliefert';

export const UsageWindowSchema = z
  .object({
    from: z.string().meta({ description: 'first month of the 12-month window, YYYY-MM' }),
    to: z.string().meta({ description: 'last month with figures, YYYY-MM' }),
  })
  .meta({ id: 'UsageWindow' });

export const UsageMonthSchema = z.object({
  month: z.string().meta({ example: '2026-03' }),
  applications: z.number().int(),
});

/** One Gemeinde × service with its rate, the peers' median and the flag. */
export const UsageCellSchema = z
  .object({
    ags: z.string(),
    name: z.string(),
    ozgId: z.number().int(),
    serviceName: z.string(),
    online: z.boolean(),
    applications12m: z.number().int().nullable(),
    perThousand: z.number().nullable(),
    peerMedianPerThousand: z.number().nullable(),
    peers: z
      .number()
      .int()
      .meta({ description: 'Gemeinden of the same Kreis with the service online and figures' }),
    flag: z.enum(USAGE_FLAGS).nullable(),
  })
  .meta({ id: 'UsageCell' });
export type UsageCell = z.infer<typeof UsageCellSchema>;

export const UsageServiceTotalSchema = z.object({
  ozgId: z.number().int(),
  name: z.string(),
  applications12m: z.number().int(),
  perThousand: z.number().nullable(),
});

export const RegionUsageSchema = z
  .object({
    region: z.object({ ags: z.string(), name: z.string(), level: z.string() }),
    window: UsageWindowSchema.nullable().meta({ description: 'null: no figures delivered anywhere' }),
    population: z.number().int(),
    populationDate: z.string().nullable().meta({ description: 'Stichtag of the inhabitants (GV100AD)' }),
    applications12m: z.number().int().nullable(),
    completed12m: z.number().int().nullable(),
    abandoned12m: z.number().int().nullable(),
    perThousand: z.number().nullable(),
    series: z.array(UsageMonthSchema),
    services: z.array(UsageServiceTotalSchema),
    flags: z
      .array(UsageCellSchema)
      .meta({ description: 'flagged Gemeinde × service cells below the region' }),
    method: z.string(),
  })
  .meta({ id: 'RegionUsage' });
export type RegionUsage = z.infer<typeof RegionUsageSchema>;

export const ServiceUsageSchema = z
  .object({
    service: z.object({ ozgId: z.number().int(), name: z.string() }),
    region: z.object({ ags: z.string(), name: z.string() }),
    window: UsageWindowSchema.nullable(),
    population: z.number().int().meta({ description: 'inhabitants of the Gemeinden that delivered figures' }),
    applications12m: z.number().int().nullable(),
    perThousand: z.number().nullable(),
    medianPerThousand: z.number().nullable(),
    series: z.array(UsageMonthSchema),
    gemeinden: z.array(UsageCellSchema),
    method: z.string(),
  })
  .meta({ id: 'ServiceUsage' });
export type ServiceUsage = z.infer<typeof ServiceUsageSchema>;
