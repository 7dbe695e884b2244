import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Database, QUERY_CANCELED, queryRows, queryRowsAs, RowShapeError } from './client';
import { createTestDatabase } from './testing/test-db';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('queryRowsAs', () => {
  it('returns the parsed rows when they match the row schema, with the driver types of int, timestamptz and jsonb', async () => {
    const rows = await queryRowsAs(
      database.db,
      z.object({ n: z.number().int(), at: z.string(), doc: z.object({ a: z.number() }), label: z.string() }),
      sql`select 1::int as n, now() as at, '{"a": 2}'::jsonb as doc, 'x' as label`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.n).toBe(1);
    // drizzle hands timestamptz through as text with both drivers.
    expect(Number.isNaN(Date.parse(rows[0]?.at ?? ''))).toBe(false);
    expect(rows[0]?.doc).toEqual({ a: 2 });
  });

  it('throws a RowShapeError naming the column when a column has the wrong type', async () => {
    const query = queryRowsAs(
      database.db,
      z.object({ id: z.number(), total: z.number() }),
      sql`select 1::int as id, 'many'::text as total`,
    );
    await expect(query).rejects.toThrow(RowShapeError);
    await expect(query).rejects.toThrow(/rows\[0\]\.total/);
  });

  it('names the first bad row when an earlier row matches', async () => {
    const query = queryRowsAs(
      database.db,
      z.object({ id: z.number(), total: z.number() }),
      sql`select * from (values (1, 2), (2, null)) as t(id, total) order by id`,
    );
    await expect(query).rejects.toThrow(/rows\[1\]\.total/);
  });
});

describe('cancelOnAbort', () => {
  it('cancels a running statement when the signal aborts on a server; runs it to its end embedded', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const running = database.cancelOnAbort(controller.signal, () =>
      database.db.execute(sql`select pg_sleep(${database.kind === 'postgres' ? 20 : 0.3})`),
    );
    setTimeout(() => controller.abort(), 300);
    if (database.kind === 'postgres') {
      await expect(running).rejects.toMatchObject({ cause: { code: QUERY_CANCELED } });
      expect(Date.now() - started).toBeLessThan(10_000);
      // Once aborted, the work gets no further connection; other work is untouched.
      await expect(
        database.cancelOnAbort(controller.signal, () => database.db.execute(sql`select 1`)),
      ).rejects.toMatchObject({ cause: { code: QUERY_CANCELED } });
    } else {
      await running;
    }
    expect(await queryRows(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('never gives a connection that a cancel was sent for back to the pool, so a late cancel hits no other work', async () => {
    if (database.kind !== 'postgres') return; // embedded nothing is cancelled
    // A cancel request travels on a connection of its own: if the statement ends first and the pool hands
    // the connection to the next request, the cancel stops that request's statement (a 500 in the bench).
    const controller = new AbortController();
    let pid: number | undefined;
    const running = database.cancelOnAbort(controller.signal, () =>
      database.db.transaction(async (tx) => {
        [{ pid } = { pid: undefined }] = await queryRows<{ pid: number }>(
          tx,
          sql`select pg_backend_pid() as pid`,
        );
        await tx.execute(sql`select pg_sleep(20)`);
      }),
    );
    setTimeout(() => controller.abort(), 300);
    await expect(running).rejects.toMatchObject({ cause: { code: QUERY_CANCELED } });
    expect(pid).toBeGreaterThan(0);
    // The backend is closed, not left idle in the pool.
    await expect
      .poll(
        async () =>
          (
            await queryRows<{ n: number }>(
              database.db,
              sql`select count(*)::int as n from pg_stat_activity where pid = ${pid as number}`,
            )
          )[0]?.n,
        { timeout: 5000 },
      )
      .toBe(0);
    expect(await queryRows(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });
});
