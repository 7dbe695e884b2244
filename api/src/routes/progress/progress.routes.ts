import { createRoute } from '@hono/zod-openapi';
import {
  AdoptionHintsSchema,
  ChildrenProgressSchema,
  CoverageSchema,
  LaggardsSchema,
  MaturityMappingSchema,
  ModelQuerySchema,
  OzgIdParamSchema,
  PROGRESS_SORTS,
  ProgressSeriesSchema,
  REGION_KINDS,
  REGION_LEVELS,
  RegionKeyParamSchema,
  RegionProgressSchema,
  SIZE_CLASS_IDS,
} from '@ozg/shared';
import { z } from 'zod';
import { exportContent, FormatQuerySchema } from '../../lib/export';
import { errorResponses, jsonContent, signedIn } from '../../lib/router';
import { AsOfQuerySchema } from '../regions/regions.routes';

export const progressRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/progress',
  tags: ['Fortschritt'],
  summary:
    'Fortschritt eines Gebiets heute: Zielleistungen, Reifegrade, OZG-konformer Anteil (auch nach Einwohnern), Stand zur Frist 31.12.2022, überfällige Leistungen, je Themenfeld (öffentlich)',
  description:
    'Mit model=2.0 und asOf kommen die Kennzahlen nach Reifegradmodell 2.0 aus dem letzten Tagesstand nach 2.0 an oder vor dem Tag ' +
    '(region_model_snapshots): ein Stichtag kennt keine spätere Bewertung. Vor dem ersten Tagesstand nach 2.0 antwortet die API mit 400 und nennt ihn.',
  request: {
    params: RegionKeyParamSchema,
    query: AsOfQuerySchema.extend(FormatQuerySchema.shape).extend(ModelQuerySchema.shape),
  },
  responses: { 200: exportContent(RegionProgressSchema, 'Kennzahlen'), ...errorResponses(400, 404) },
});

export const childrenProgressRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/children/progress',
  tags: ['Fortschritt'],
  summary: 'Die untergeordneten Gebiete mit ihren Kennzahlen und ihrem Rang (öffentlich)',
  description:
    'Mit model=2.0 und asOf kommen die Kennzahlen nach Reifegradmodell 2.0 aus dem letzten Tagesstand nach 2.0 an oder vor dem Tag ' +
    '(region_model_snapshots): ein Stichtag kennt keine spätere Bewertung. Vor dem ersten Tagesstand nach 2.0 antwortet die API mit 400 und nennt ihn.',
  request: {
    params: RegionKeyParamSchema,
    query: AsOfQuerySchema.extend({
      sort: z.enum(PROGRESS_SORTS).optional(),
      order: z.enum(['asc', 'desc']).optional(),
      level: z.enum(REGION_LEVELS).optional().meta({
        description: 'all descendants of this level instead of the children, e.g. every Kreis of a Land',
      }),
      ...FormatQuerySchema.shape,
      ...ModelQuerySchema.shape,
    }),
  },
  responses: {
    200: exportContent(ChildrenProgressSchema, 'Kennzahlen je Gebiet'),
    ...errorResponses(400, 404),
  },
});

export const seriesRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/progress/series',
  tags: ['Fortschritt'],
  summary:
    'Verlauf des OZG-konformen Anteils (monatlich, täglich für 90 Tage) bis zum Stichtag asOf (Standard: heute), Stand zur Frist, Prognose; mit model=2.0 je Punkt auch der Anteil nach Reifegradmodell 2.0 (öffentlich)',
  description:
    'Mit model=2.0 (und minLevel, Standard: die konforme Stufe der neuesten 2.0-Version) trägt jeder Punkt zusätzlich model2: ' +
    'der Anteil der gezählten Leistungen ab minLevel nach Reifegradmodell 2.0 unter allen gezählten (nicht bewertet zählt als nicht erreicht; ' +
    'null, solange nichts bewertet ist), der Anteil bewertet und der Anteil „Online-Antrag, Bearbeitung analog“, ' +
    'jeweils aus dem letzten Tagesstand nach 2.0 an oder vor dem Tag (region_model_snapshots). ' +
    'Vor dem ersten Tagesstand nach 2.0 ist model2 null (unbekannt, nicht 0); model2.firstDay nennt ihn. ' +
    'Frühere Tage werden nicht nachträglich berechnet: Bewertungen haben kein Wirksamkeitsdatum, ein Tagesstand ist, was an dem Tag erfasst war. ' +
    'asOf gilt auch für 2.0: gelesen wird nur bis zu diesem Tag. Die Prognose bleibt die nach Reifegradmodell 1.1 (Frist 31.12.2022); ' +
    'ohne model bleibt die Antwort wie bisher (Entscheidung 020).',
  request: {
    params: RegionKeyParamSchema,
    query: AsOfQuerySchema.extend(FormatQuerySchema.shape).extend(ModelQuerySchema.shape),
  },
  responses: {
    200: exportContent(ProgressSeriesSchema, 'Verlauf und Prognose'),
    ...errorResponses(400, 404),
  },
});

export const coverageRoute = createRoute({
  method: 'get',
  path: '/services/{ozgId}/coverage',
  tags: ['Fortschritt'],
  summary:
    'Verbreitung einer Leistung in einem Gebiet: Anteil der Kommunen und der Einwohner, flächendeckend, mindestens eine, Reifegrade, Lösungen (öffentlich)',
  request: {
    params: z.object({
      ozgId: OzgIdParamSchema,
    }),
    query: z.object({
      region: RegionKeyParamSchema.shape.key.meta({ param: { name: 'region', in: 'query' }, example: '06' }),
      ...FormatQuerySchema.shape,
      ...ModelQuerySchema.shape,
    }),
  },
  responses: { 200: exportContent(CoverageSchema, 'Verbreitung'), ...errorResponses(400, 404) },
});

export const laggardsRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/laggards',
  tags: ['Fortschritt'],
  summary:
    'Kommunen im Vergleich mit fairen Vergleichsgruppen (Art, Größenklasse, optional Kreis): Abstand zum Median, Veränderung in 12 Monaten, überfällige Leistungen, Beratung; mit model=2.0 gereiht nach dem Anteil ab minLevel nach Reifegradmodell 2.0 unter den gezählten Leistungen (model2 je Kommune); als JSON, CSV oder XLSX',
  ...signedIn(),
  request: {
    params: RegionKeyParamSchema,
    query: z.object({
      sameKreis: z.enum(['true', 'false']).optional(),
      kind: z.enum(REGION_KINDS).optional(),
      sizeClass: z.enum(SIZE_CLASS_IDS).optional(),
      limit: z.coerce.number().int().min(1).max(20_000).optional(),
      ...FormatQuerySchema.shape,
      ...ModelQuerySchema.shape,
    }),
  },
  responses: {
    200: exportContent(LaggardsSchema, 'Nachzügler'),
    ...errorResponses(400, 401, 404),
  },
});

export const hintsRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/services/{ozgId}/hints',
  tags: ['Fortschritt'],
  summary:
    'Welche Lösungen vergleichbare und benachbarte Kommunen für eine Leistung nutzen, wie viele, seit wann',
  ...signedIn(),
  request: {
    params: RegionKeyParamSchema.extend({
      ozgId: OzgIdParamSchema,
    }),
  },
  responses: { 200: jsonContent(AdoptionHintsSchema, 'Hinweise'), ...errorResponses(400, 401, 404, 422) },
});

export const maturityMappingRoute = createRoute({
  method: 'get',
  path: '/regions/{key}/maturity-mapping',
  tags: ['Fortschritt'],
  summary:
    'Reifegrad 1.1 und 2.0 nebeneinander: Anzahl der gezählten Leistungen je Stufe 1.1 × Stufe 2.0 (neueste 2.0-Version, null = nicht bewertet) (öffentlich)',
  request: { params: RegionKeyParamSchema },
  responses: {
    200: jsonContent(MaturityMappingSchema, 'Kreuztabelle 1.1 × 2.0'),
    ...errorResponses(400, 404),
  },
});
