import { type Database, queryRows, schema } from '@ozg/db';
import { ImportFileError, importGv100 } from '@ozg/db/importers';
import { createTestDatabase, sampleGv100 } from '@ozg/db/testing';
import { EXECUTING_LEVELS } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './lib/errors';
import { deleteException, putException, setExecutingLevels } from './services/applicability';
import type { Actor } from './services/auth';
import { updateStatuses } from './services/statuses';
import { createUser } from './services/users';

const SERVICES = [90001, 90002, 90003, 90004];
let actor: Actor;

type Operation =
  | { kind: 'edit'; pick: number; level: number }
  | { kind: 'level'; ozgId: number; level: (typeof EXECUTING_LEVELS)[number] | null }
  | { kind: 'exception'; pick: number; ozgId: number; applies: boolean }
  | { kind: 'dropException'; pick: number; ozgId: number }
  | { kind: 'territoryChange' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      pick: fc.nat(),
      level: fc.integer({ min: 0, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('level' as const),
      ozgId: fc.constantFrom(...SERVICES),
      level: fc.constantFrom(...EXECUTING_LEVELS, null),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('exception' as const),
      pick: fc.nat(),
      ozgId: fc.constantFrom(...SERVICES),
      applies: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('dropException' as const),
      pick: fc.nat(),
      ozgId: fc.constantFrom(...SERVICES),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'territoryChange' as const }) },
);

async function apply(database: Database, op: Operation): Promise<void> {
  const { db } = database;
  const administrations = await queryRows<{ region_id: number }>(
    db,
    sql`select v.region_id from region_versions v join regions r on r.id = v.region_id
        where v.valid_to is null and r.level in ('gemeinde', 'kreis') order by v.region_id`,
  );
  const region = (pick: number) => administrations[pick % administrations.length]?.region_id as number;
  switch (op.kind) {
    case 'edit': {
      const statuses = await queryRows<{ id: number; version: number }>(
        db,
        sql`select id, version from service_statuses order by id`,
      );
      const target = statuses[op.pick % Math.max(1, statuses.length)];
      if (!target) return;
      await updateStatuses({
        db,
        actor,
        source: 'api',
        updates: [
          {
            id: target.id,
            version: target.version,
            changes: {
              maturityLevel: op.level,
              onlineSince: op.level >= 3 ? (op.pick % 2 === 0 ? '2022-06-15' : '2024-01-15') : null,
            },
          },
        ],
      });
      return;
    }
    case 'level':
      await setExecutingLevels({
        db,
        actor,
        services: [{ ozgId: op.ozgId, executingLevel: op.level }],
        source: 'api',
      });
      return;
    case 'exception':
      await putException({
        db,
        actor,
        regionId: region(op.pick),
        ozgId: op.ozgId,
        applies: op.applies,
        reason: 'Zufallstest',
        source: 'api',
      });
      return;
    case 'dropException':
      await deleteException({ db, actor, regionId: region(op.pick), ozgId: op.ozgId, source: 'api' }).catch(
        (error: unknown) => {
          if (!(error instanceof AppError && error.code === 'not_found')) throw error;
        },
      );
      return;
    case 'territoryChange':
      await importGv100({
        database,
        text: sampleGv100({ date: '20260101', moveStadtToOwnKreis: true }),
        fileName: 'neu.txt',
        today: '2026-11-25',
      }).catch((error: unknown) => {
        // Applied once; a second time the file is not newer, which the importer refuses. Anything else is a failure.
        if (!(error instanceof ImportFileError && /nicht neuer/.test(error.message))) throw error;
      });
  }
}

describe('rollups stay in step with the statuses', () => {
  it('after any random sequence of edits, imports and applicability changes, recomputing them finds no difference', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 25 }), async (operations) => {
        const database = await createTestDatabase();
        try {
          await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'alt.txt' });
          const admin = await createUser({
            db: database.db,
            email: 'admin@test.example',
            role: 'admin',
            regionKeys: [],
            password: 'ein-langes-passwort',
          });
          actor = {
            id: admin.id,
            email: admin.email,
            displayName: 'Test',
            role: 'admin',
            regions: [],
            editableRegionIds: [],
          };
          await database.db.insert(schema.ozgServices).values(
            SERVICES.map((ozgId, index) => ({
              ozgId,
              name: `Leistung ${index}`,
              lebenslage: 'Test',
              themenfeld: 'Querschnitt' as const,
              municipallyRelevant: true,
              executingLevel: index % 2 === 0 ? ('gemeinde' as const) : ('kreis' as const),
            })),
          );
          await setExecutingLevels({
            db: database.db,
            actor,
            services: [{ ozgId: 90004, executingLevel: 'gemeinde' }],
            source: 'api',
          });
          for (const op of operations) await apply(database, op);

          const differences = await queryRows<{ region_id: number }>(
            database.db,
            sql`with truth as (
                  select st.region_id, s.themenfeld,
                    count(*) filter (where in_target)::int as target_count,
                    count(*) filter (where in_target and maturity_level = 0)::int as level0,
                    count(*) filter (where in_target and maturity_level = 1)::int as level1,
                    count(*) filter (where in_target and maturity_level = 2)::int as level2,
                    count(*) filter (where in_target and maturity_level = 3)::int as level3,
                    count(*) filter (where in_target and maturity_level = 4)::int as level4,
                    count(*) filter (where in_target and maturity_level >= 3 and online_since <= '2022-12-31')::int as by_deadline
                  from service_statuses st join ozg_services s using (ozg_id) group by st.region_id, s.themenfeld)
                select coalesce(t.region_id, r.region_id) as region_id from truth t
                full join region_rollups r using (region_id, themenfeld)
                where (t.target_count, t.level0, t.level1, t.level2, t.level3, t.level4, t.by_deadline)
                  is distinct from (r.target_count, r.level0, r.level1, r.level2, r.level3, r.level4, r.online_by_deadline)`,
          );
          expect(differences).toEqual([]);
        } finally {
          await database.close();
        }
      }),
      { numRuns: 10 },
    );
  }, 180_000);
});
