import { type Database, queryRows } from '@ozg/db';
import { sql } from 'drizzle-orm';
import type { TestApp } from './testing';

/** One operation of the OpenAPI document, as far as the route-walking tests need it. */
export type Operation = {
  summary?: string;
  security?: unknown[];
  parameters?: { name: string; in: 'path' | 'query' }[];
  requestBody?: { content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
export type SchemaObject = {
  $ref?: string;
  properties?: Record<string, unknown>;
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
};
export type ApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject> };
};

export async function apiDocument(app: TestApp): Promise<ApiDocument> {
  return (await (await app.request('/api/v1/openapi.json')).json()) as ApiDocument;
}

export function operations(doc: ApiDocument) {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );
}

/** The top-level fields of a JSON body schema, through $ref and the variants of a union. */
export function bodyFields(doc: ApiDocument, schema: SchemaObject | undefined): string[] {
  if (!schema) return [];
  const resolved = schema.$ref ? doc.components.schemas[schema.$ref.split('/').at(-1) ?? ''] : schema;
  if (!resolved) return [];
  const variants = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])];
  return [
    ...new Set([...Object.keys(resolved.properties ?? {}), ...variants.flatMap((v) => bodyFields(doc, v))]),
  ];
}

/**
 * Per path parameter of the demo, a value the officer (Gemeinde 06435901) may
 * use and one of someone else, so that refusals by region show.
 */
export type RouteSamples = Record<string, [string, string]>;

export async function routeSamples(database: Database): Promise<RouteSamples> {
  const one = async (query: ReturnType<typeof sql>) => {
    const value = Object.values((await queryRows<Record<string, unknown>>(database.db, query))[0] ?? {})[0];
    if (value === undefined || value === null) throw new Error('Demo ohne Beispielwert');
    return String(value);
  };
  const own = "(select region_id from region_versions where ags = '06435901' and valid_to is null)";
  const measure = (first: string) =>
    one(
      sql.raw(
        `select m.id from measures m join consultations c on c.id = m.consultation_id order by (c.region_id ${first}) desc, m.id limit 1`,
      ),
    );
  return {
    key: [
      '06435901',
      await one(
        sql`select v.ags from region_versions v join regions r on r.id = v.region_id
            where r.level = 'gemeinde' and v.valid_to is null and v.ags <> '06435901' order by v.ags limit 1`,
      ),
    ],
    ozgId: ['99001', '99002'],
    statuses: [
      await one(sql.raw(`select id from service_statuses where region_id = ${own} order by id limit 1`)),
      await one(sql.raw(`select id from service_statuses where region_id <> ${own} order by id limit 1`)),
    ],
    users: [
      await one(sql`select id from users where email = 'lesen@demo.example'`),
      await one(sql`select id from users where email = 'admin@demo.example'`),
    ],
    consultations: [
      // The demo need not hold a consultation of the officer's Gemeinde: then the first one.
      await one(sql.raw(`select id from consultations order by (region_id = ${own}) desc, id limit 1`)),
      await one(sql.raw(`select id from consultations where region_id <> ${own} order by id limit 1`)),
    ],
    measures: [await measure(`= ${own}`), await measure(`<> ${own}`)],
    modules: [await one(sql`select min(id) from consulting_modules`), '999999'],
    // Two frozen default key dates of the demo.
    day: ['2022-12-31', '2024-07-24'],
    // The demo holds no change sets (they come from bulk edits and CSV commits): both are unknown (404).
    'change-sets': ['2147480001', '2147480002'],
  };
}

/**
 * The path under /api/v1 with its parameters filled in: variant 0 the
 * officer's own, 1 someone else's, or one raw value for every parameter.
 */
export function concretePath(samples: RouteSamples, path: string, variant: 0 | 1 | { raw: string }): string {
  return `/api/v1${path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (typeof variant === 'object') return variant.raw;
    const collection =
      name === 'id'
        ? (/^\/([\w-]+)\/\{id\}/.exec(
            path.replace('/consulting/modules', '/modules').replace('/maturity/statuses', '/statuses'),
          )?.[1] ?? '')
        : name;
    const values = samples[collection];
    if (!values) throw new Error(`kein Beispielwert für ${name} in ${path}`);
    return values[variant];
  })}`;
}
