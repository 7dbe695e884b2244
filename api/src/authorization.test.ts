import { type Database, queryRows } from '@ozg/db';
import { sampleGv100 } from '@ozg/db/testing';
import { ErrorBodySchema, type Status } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCheckRoute, getQuestionnaireRoute, getRulesRoute } from './routes/check/check.routes';
import { datahubDifferencesRoute } from './routes/datahub/datahub.routes';
import { bulkUpdateRoute, listStatusesRoute } from './routes/statuses/statuses.routes';
import { type DemoRole, demoTestApp, readBody, signInAs, type TestApp, type TestClient } from './testing';
import { apiDocument, operations } from './testing-routes';

/**
 * Every mutating route against every role: allowed gets 2xx (or, for an
 * import the demo refuses, that import's own answer), the others 403,
 * signed-out 401, and a refused request changes nothing. Not here: signing
 * in and out, which every role may (auth.test.ts).
 */
let database: Database;
let app: TestApp;
const clients = {} as Record<DemoRole, TestClient>;
const ROLES: DemoRole[] = ['admin', 'officer', 'kreisOfficer', 'consultant', 'viewer'];
const GEMEINDE = '06435901'; // the demo officer's Gemeinde
const OTHER_GEMEINDE = '06435902'; // a neighbour in the same Landkreis
const KREIS = '06435'; // the demo Kreis officer's Landkreis
const HUNDESTEUER = 99031;
const KFZ = 99022; // a Kreis-level service of the demo catalogue

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  for (const role of ROLES) clients[role] = await signInAs(app, role);
});
afterAll(async () => {
  await database.close();
});

async function statusOf(key: string, ozgId: number): Promise<Status> {
  const res = await clients.admin.request('GET', `/api/v1/regions/${key}/statuses?q=${ozgId}`);
  const status = (await readBody(res, listStatusesRoute, 200)).items[0];
  if (!status) throw new Error(`kein Status ${key}/${ozgId}`);
  return status;
}

type Request = { method: string; path: string; body?: unknown; headers?: Record<string, string> };
type RouteCase = {
  name: string;
  allowed: DemoRole[];
  /** What an allowed role gets when not 2xx: the demo refuses official imports (422), after the role check. */
  allowedStatus?: number;
  prepare: () => Promise<Request>;
};

const csvHeaders = { 'content-type': 'text/csv' };
let keyDayCounter = 0;
const ROUTES: RouteCase[] = [
  {
    name: 'PATCH /statuses/{id} (Gemeinde service)',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const s = await statusOf(GEMEINDE, HUNDESTEUER);
      return {
        method: 'PATCH',
        path: `/api/v1/statuses/${s.id}`,
        body: { version: s.version, note: `Notiz ${Date.now()}` },
      };
    },
  },
  {
    name: 'PATCH /statuses/{id} (Kreis service)',
    allowed: ['admin', 'kreisOfficer'],
    prepare: async () => {
      const s = await statusOf(KREIS, KFZ);
      return {
        method: 'PATCH',
        path: `/api/v1/statuses/${s.id}`,
        body: { version: s.version, note: `Notiz ${Date.now()}` },
      };
    },
  },
  {
    name: 'POST /statuses/bulk',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const s = await statusOf(GEMEINDE, HUNDESTEUER);
      return {
        method: 'POST',
        path: '/api/v1/statuses/bulk',
        body: { statuses: [{ id: s.id, version: s.version }], changes: { contact: `Kontakt ${Date.now()}` } },
      };
    },
  },
  {
    name: 'POST /statuses/confirm (Gemeinde service)',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const s = await statusOf(GEMEINDE, HUNDESTEUER);
      return {
        method: 'POST',
        path: '/api/v1/statuses/confirm',
        body: { statuses: [{ id: s.id, version: s.version }] },
      };
    },
  },
  {
    name: 'POST /statuses/confirm (Kreis service)',
    allowed: ['admin', 'kreisOfficer'],
    prepare: async () => {
      const s = await statusOf(KREIS, KFZ);
      return {
        method: 'POST',
        path: '/api/v1/statuses/confirm?mode=dry-run',
        body: { statuses: [{ id: s.id, version: s.version }] },
      };
    },
  },
  {
    name: 'POST /statuses/bulk?mode=dry-run',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const s = await statusOf(GEMEINDE, HUNDESTEUER);
      return {
        method: 'POST',
        path: '/api/v1/statuses/bulk?mode=dry-run',
        body: { statuses: [{ id: s.id, version: s.version }], changes: { contact: `Kontakt ${Date.now()}` } },
      };
    },
  },
  {
    name: "POST /change-sets/{id}/undo (the officer's own bulk edit)",
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const s = await statusOf(GEMEINDE, HUNDESTEUER);
      const res = await clients.officer.request('POST', '/api/v1/statuses/bulk', {
        statuses: [{ id: s.id, version: s.version }],
        changes: { contact: `Kontakt ${Date.now()}` },
      });
      const { changeSetId } = await readBody(res, bulkUpdateRoute, 200);
      return { method: 'POST', path: `/api/v1/change-sets/${changeSetId}/undo` };
    },
  },
  {
    name: 'POST /regions/{key}/statuses.csv',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const s = await statusOf(GEMEINDE, HUNDESTEUER);
      return {
        method: 'POST',
        path: `/api/v1/regions/${GEMEINDE}/statuses.csv?mode=commit`,
        body: `status_id;version;notiz\n${s.id};${s.version};CSV ${Date.now()}\n`,
        headers: csvHeaders,
      };
    },
  },
  {
    name: 'PUT /services/executing-levels',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'PUT',
      path: '/api/v1/services/executing-levels',
      body: { services: [{ ozgId: HUNDESTEUER, executingLevel: 'gemeinde' }] },
    }),
  },
  {
    name: 'POST /services/executing-levels.csv',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/services/executing-levels.csv',
      body: `ozg_id;ausfuehrende_ebene\n${HUNDESTEUER};Gemeinde\n`,
      headers: csvHeaders,
    }),
  },
  {
    name: 'PUT /regions/{key}/applicability-exceptions',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'PUT',
      path: `/api/v1/regions/${GEMEINDE}/applicability-exceptions`,
      body: { ozgId: KFZ, applies: false, reason: 'Test der Berechtigungen' },
    }),
  },
  {
    name: 'DELETE /regions/{key}/applicability-exceptions/{ozgId}',
    allowed: ['admin'],
    prepare: async () => {
      await database.db.execute(sql`
        insert into applicability_exceptions (region_id, ozg_id, applies, reason)
        select region_id, ${KFZ}, false, 'vorbereitet' from region_versions where ags = ${GEMEINDE} and valid_to is null
        on conflict do nothing`);
      return { method: 'DELETE', path: `/api/v1/regions/${GEMEINDE}/applicability-exceptions/${KFZ}` };
    },
  },
  {
    // Future days: added, not frozen yet (freezing a past day replays it, which is tested elsewhere).
    name: 'POST /key-dates',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/key-dates',
      body: { day: `2031-01-${String(++keyDayCounter).padStart(2, '0')}`, label: 'Prüftag' },
    }),
  },
  {
    name: 'POST /consulting/modules',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/consulting/modules',
      body: { name: `Modul ${Date.now()}`, area: 'ozg', description: 'Test' },
    }),
  },
  {
    name: 'PATCH /consulting/modules/{id}',
    allowed: ['admin'],
    prepare: async () => {
      const [module] = await queryRows<{ id: number; version: number }>(
        database.db,
        sql`select id, version from consulting_modules order by id limit 1`,
      );
      return {
        method: 'PATCH',
        path: `/api/v1/consulting/modules/${module?.id}`,
        body: { version: module?.version, description: `Beschreibung ${Date.now()}` },
      };
    },
  },
  {
    // The officer requests one for their own municipality.
    name: 'POST /regions/{key}/consultations (own municipality)',
    allowed: ['admin', 'consultant', 'officer'],
    prepare: async () => {
      await cancelConsultations('ozg');
      return {
        method: 'POST',
        path: `/api/v1/regions/${GEMEINDE}/consultations`,
        body: { moduleId: await ozgModule() },
      };
    },
  },
  {
    name: 'POST /regions/{key}/consultations (another municipality)',
    allowed: ['admin', 'consultant'],
    prepare: async () => {
      await cancelConsultations('ozg', OTHER_GEMEINDE);
      return {
        method: 'POST',
        path: `/api/v1/regions/${OTHER_GEMEINDE}/consultations`,
        body: { moduleId: await ozgModule() },
      };
    },
  },
  {
    name: 'PATCH /consultations/{id}',
    allowed: ['admin', 'consultant'],
    prepare: async () => {
      const consultation = await freshConsultation('requested');
      return {
        method: 'PATCH',
        path: `/api/v1/consultations/${consultation.id}`,
        body: { action: 'schedule', version: consultation.version, scheduledFor: '2026-12-10' },
      };
    },
  },
  {
    name: 'POST /consultations/{id}/measures',
    allowed: ['admin', 'consultant'],
    prepare: async () => {
      const consultation = await freshConsultation('held');
      return {
        method: 'POST',
        path: `/api/v1/consultations/${consultation.id}/measures`,
        body: { title: 'Online-Antrag Hundesteuer einführen', ozgIds: [HUNDESTEUER] },
      };
    },
  },
  {
    name: 'PATCH /measures/{id} (the officer follows up their own)',
    allowed: ['admin', 'consultant', 'officer'],
    prepare: async () => {
      const consultation = await freshConsultation('held');
      const [measure] = await queryRows<{ id: number; version: number }>(
        database.db,
        sql`insert into measures (consultation_id, title) values (${consultation.id}, 'Maßnahme') returning id, version`,
      );
      return {
        method: 'PATCH',
        path: `/api/v1/measures/${measure?.id}`,
        body: { version: measure?.version, state: 'in_progress' },
      };
    },
  },
  {
    name: 'POST /datahub/decisions (Klärung)',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const res = await clients.admin.request('GET', `/api/v1/datahub/differences/${GEMEINDE}`);
      const difference = (await readBody(res, datahubDifferencesRoute, 200)).items[0];
      if (!difference) throw new Error('keine Abweichung in der Demo');
      return {
        method: 'POST',
        path: '/api/v1/datahub/decisions',
        body: {
          mode: 'commit',
          items: [
            {
              statusId: difference.statusId,
              version: difference.version,
              kind: difference.kind,
              decision: 'clarify',
              reason: `Klärung ${Date.now()}`,
            },
          ],
        },
      };
    },
  },
  {
    name: 'POST /imports/datahub',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/imports/datahub?fileName=datahub.csv',
      // Another Gemeinde than the officer's: the matrix's decisions keep their import.
      body: `ars;ozgid;leika_key;url;online_status\n064350902902;${HUNDESTEUER};;https://x.demo.example/${Date.now()};ok\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  {
    name: 'POST /imports/gv100',
    allowed: ['admin'],
    allowedStatus: 422,
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/imports/gv100?fileName=gv100.txt',
      body: sampleGv100({ date: '20250101' }),
      headers: { 'content-type': 'text/plain' },
    }),
  },
  {
    name: 'POST /imports/catalog',
    allowed: ['admin'],
    // A malformed file: refused with its line, all or nothing, after the role check.
    allowedStatus: 422,
    prepare: async () => {
      const form = new FormData();
      form.set(
        'ozg',
        new File(['ozg_id,name,lebenslage,themenfeld\n12,Kurz,Leben,Bauen & Wohnen\n'], 'ozg.csv'),
      );
      form.set('leika', new File(['leika_key,name,leika_typ,ozg_id\n'], 'leika.csv'));
      return { method: 'POST', path: '/api/v1/imports/catalog?replaceDemo=true', body: form };
    },
  },
  {
    name: 'POST /imports/successors',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/imports/successors?fileName=aenderungen.csv',
      body: 'old_ags,new_ags,date,kind\n06435014,06415000,01.01.2026,Schlüsseländerung\n',
      headers: { 'content-type': 'text/csv' },
    }),
  },
  {
    name: 'POST /imports/usage',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/imports/usage?fileName=nutzung.csv',
      body: `AGS;OZG-ID;Monat;Anträge\n${GEMEINDE};${HUNDESTEUER};2025-01;12\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  {
    name: 'POST /imports/boundaries',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/imports/boundaries?fileName=kreis.geojson',
      body: JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { AGS: KREIS, GEN: 'Main-Kinzig-Kreis' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [9.0, 50.1],
                  [9.5, 50.1],
                  [9.5, 50.4],
                  [9.0, 50.4],
                  [9.0, 50.1],
                ],
              ],
            },
          },
        ],
      }),
      headers: { 'content-type': 'application/geo+json' },
    }),
  },
  {
    name: 'POST /users',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/users',
      body: {
        email: `neu-${Date.now()}-${Math.random().toString(36).slice(2)}@demo.example`,
        role: 'viewer',
        password: 'ein-langes-passwort-2026',
      },
    }),
  },
  {
    name: 'PATCH /users/{id}',
    allowed: ['admin'],
    prepare: async () => {
      const [user] = await queryRows<{ id: number }>(
        database.db,
        sql`select id from users where email = 'lesen@demo.example'`,
      );
      return {
        method: 'PATCH',
        path: `/api/v1/users/${user?.id}`,
        body: { displayName: `Lesen ${Date.now()}` },
      };
    },
  },
  {
    name: 'POST /imports/maturity-model',
    allowed: ['admin'],
    // A level the model does not have: refused with its line, all or nothing, after the role check.
    allowedStatus: 422,
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/imports/maturity-model?fileName=rgm.csv',
      body: [
        'art;schluessel;name;block;stufe;text',
        'modell;2.0;Reifegradmodell 2.0 Hessen;;;',
        'einstellung;konform_ab;;;3;',
        'stufe;;Offline;;0;',
        'stufe;;Online;;1;',
        'kriterium;e_akte;E-Akte;back_office;1;Ja',
        'kriterium;e_akte;E-Akte;back_office;9;Zu hoch',
      ].join('\r\n'),
      headers: csvHeaders,
    }),
  },
  {
    name: 'POST /consulting/check/questionnaires',
    allowed: ['admin'],
    // A question weighted 0: refused with its line after the role check; the current version stays.
    allowedStatus: 422,
    prepare: async () => ({
      method: 'POST',
      path: '/api/v1/consulting/check/questionnaires?fileName=check.csv',
      body: [
        'dimension;dimension_name;dimension_weight;question;text;help;weight;answers',
        'akte;E-Akte;1;eakte;Gibt es eine E-Akte?;;0;Nein=0 | Ja=2',
      ].join('\n'),
      headers: csvHeaders,
    }),
  },
  {
    name: 'PUT /regions/{key}/check/draft (own municipality)',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const { questionnaire, draft } = await checkOf(GEMEINDE);
      const first = questionnaire.definition.dimensions[0]?.questions[0]?.key as string;
      return {
        method: 'PUT',
        path: `/api/v1/regions/${GEMEINDE}/check/draft`,
        body: { questionnaireVersion: questionnaire.version, answers: { [first]: 0 }, version: draft },
      };
    },
  },
  {
    name: 'POST /regions/{key}/check/submissions (own municipality)',
    allowed: ['admin', 'officer'],
    prepare: async () => {
      const { questionnaire, draft } = await checkOf(GEMEINDE);
      const answers = Object.fromEntries(
        questionnaire.definition.dimensions.flatMap((d) => d.questions.map((q) => [q.key, 0])),
      );
      return {
        method: 'POST',
        path: `/api/v1/regions/${GEMEINDE}/check/submissions`,
        body: { questionnaireVersion: questionnaire.version, answers, draftVersion: draft },
      };
    },
  },
  {
    name: 'PUT /consulting/recommendation-rules',
    allowed: ['admin'],
    prepare: async () => {
      const res = await clients.admin.request('GET', '/api/v1/consulting/recommendation-rules');
      const { version, rules } = await readBody(res, getRulesRoute, 200);
      return { method: 'PUT', path: '/api/v1/consulting/recommendation-rules', body: { version, rules } };
    },
  },
];

/** The current questionnaire and the version of a municipality's draft (null when there is none). */
async function checkOf(ags: string) {
  const questionnaire = await readBody(
    await clients.admin.request('GET', '/api/v1/consulting/check/questionnaire'),
    getQuestionnaireRoute,
    200,
  );
  const check = await readBody(
    await clients.admin.request('GET', `/api/v1/regions/${ags}/check`),
    getCheckRoute,
    200,
  );
  return { questionnaire, draft: check.draft?.version ?? null };
}

async function cancelConsultations(area: string, ags = GEMEINDE): Promise<void> {
  await database.db.execute(sql`
    update consultations set state = 'cancelled', cancelled_reason = 'Testvorbereitung', version = version + 1
    where area = ${area}::consulting_area and state <> 'cancelled'
      and region_id = (select region_id from region_versions where ags = ${ags} and valid_to is null)`);
}

async function ozgModule(): Promise<number | undefined> {
  const [module] = await queryRows<{ id: number }>(
    database.db,
    sql`select id from consulting_modules where area = 'ozg' and active order by id limit 1`,
  );
  return module?.id;
}

/** A consultation of the officer's Gemeinde in the area Verwaltungsdigitalisierung, in the given state. */
async function freshConsultation(state: 'requested' | 'held'): Promise<{ id: number; version: number }> {
  await cancelConsultations('verwaltungsdigitalisierung');
  const [row] = await queryRows<{ id: number; version: number }>(
    database.db,
    sql`insert into consultations (region_id, module_id, area, state, held_on)
        select v.region_id, m.id, m.area, ${state}::consultation_state, ${state === 'held' ? '2026-11-02' : null}::date
        from region_versions v, consulting_modules m
        where v.ags = ${GEMEINDE} and v.valid_to is null and m.area = 'verwaltungsdigitalisierung'
        order by m.id limit 1
        returning id, version`,
  );
  return row as { id: number; version: number };
}

/**
 * What a refused request must leave untouched: the data version, the consulting records, users,
 * successors, outlines, the check (questionnaires, submissions, recommendation rules) and the maturity models.
 */
const dataVersion = async () =>
  (
    await queryRows<{ v: string }>(
      database.db,
      sql`select concat_ws(':', (select data_version from instance_state),
            (select count(*) || '/' || coalesce(sum(version), 0) from consulting_modules),
            (select count(*) || '/' || coalesce(sum(version), 0) from consultations),
            (select count(*) || '/' || coalesce(sum(version), 0) from measures),
            (select md5(coalesce(string_agg(u.email || u.display_name || u.role || u.active, ',' order by u.id), ''))
               from users u),
            (select count(*) from region_successions),
            (select count(*) from kreis_boundaries),
            (select count(*) || '/' || coalesce(sum(version), 0) from check_submissions),
            (select count(*) from check_questionnaires),
            (select count(*) from recommendation_rule_sets),
            (select count(*) from maturity_models)) as v`,
    )
  )[0]?.v;

describe('authorization matrix', () => {
  it('covers every mutating route of the API except signing in and out', async () => {
    const covered = new Set(
      ROUTES.map((route) => {
        const [method, path = ''] = route.name.split(' ');
        return `${method} ${path.split('?')[0]}`;
      }),
    );
    const mutating = operations(await apiDocument(app))
      .filter(({ method }) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
      .map(({ method, path }) => `${method} ${path.replace(/^\/api\/v1/, '')}`)
      .filter((route) => route !== 'POST /auth/login' && route !== 'POST /auth/logout');
    expect(mutating.length).toBeGreaterThan(25);
    expect(mutating.filter((route) => !covered.has(route))).toEqual([]);
  });

  for (const route of ROUTES) {
    for (const role of [...ROLES, 'signed-out' as const]) {
      const allowed = role !== 'signed-out' && route.allowed.includes(role);
      const expected = role === 'signed-out' ? 401 : allowed ? '2xx' : 403;
      it(`${route.name} as ${role}: ${expected}`, async () => {
        const request = await route.prepare();
        const before = await dataVersion();
        const res =
          role === 'signed-out'
            ? await app.request(request.path, {
                method: request.method,
                headers: { 'content-type': 'application/json', ...request.headers },
                ...(request.body === undefined
                  ? {}
                  : { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }),
              })
            : await clients[role].request(request.method, request.path, request.body, request.headers);
        if (allowed && route.allowedStatus) {
          expect(res.status, await res.clone().text()).toBe(route.allowedStatus);
        } else if (allowed) {
          expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(300);
        } else {
          expect(res.status).toBe(expected);
          // Any route: the error shape itself, not a route's schema.
          const body = ErrorBodySchema.parse(await res.json());
          expect(body.error.code).toBe(role === 'signed-out' ? 'unauthenticated' : 'forbidden');
          expect(await dataVersion()).toBe(before);
        }
      });
    }
  }
});
