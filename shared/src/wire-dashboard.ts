/** Wire schemas that serve the dashboard's navigation and overview: search and recent activity. */
import { z } from 'zod';
import { THEMENFELDER } from './catalog';
import { REGION_KINDS, REGION_LEVELS } from './regions';
import { safeText } from './wire-primitives';

export const SEARCH_LIMIT = 10;

export const SearchQuerySchema = z.object({
  q: safeText()
    .trim()
    .min(2, 'Mindestens 2 Zeichen eingeben')
    .max(100)
    .meta({ description: 'part of a name, an AGS or ARS (prefix), or an OZG-ID', example: 'Kassel' }),
});

export const SearchResultSchema = z
  .object({
    query: z.string(),
    regions: z.array(
      z.object({
        ags: z.string(),
        ars: z.string(),
        name: z.string(),
        level: z.enum(REGION_LEVELS),
        kind: z.enum(REGION_KINDS),
        parentName: z.string().nullable().meta({ description: 'to tell regions of the same name apart' }),
      }),
    ),
    services: z.array(
      z.object({ ozgId: z.number().int(), name: z.string(), themenfeld: z.enum(THEMENFELDER) }),
    ),
    more: z.object({
      regions: z.boolean().meta({ description: `more than ${SEARCH_LIMIT} regions match` }),
      services: z.boolean().meta({ description: `more than ${SEARCH_LIMIT} services match` }),
    }),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const ActivitySchema = z
  .object({
    days: z.number().int(),
    since: z.string().meta({ description: 'ISO date: changes from this day on are counted' }),
    targetServices: z.number().int().meta({ description: 'target services of the administrations below' }),
    updatedStatuses: z.number().int().meta({ description: 'of them changed within the period' }),
    updatedShare: z.number().nullable(),
  })
  .meta({ id: 'Activity' });
export type Activity = z.infer<typeof ActivitySchema>;
