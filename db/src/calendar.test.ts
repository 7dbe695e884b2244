import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoTimestampSql } from './calendar';
import { type Database, queryRows } from './client';
import { createTestDatabase } from './testing/index';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const read = async (value: ReturnType<typeof sql>) => {
  const [row] = await queryRows<{ iso: string | null }>(database.db, sql`select ${value} as iso`);
  return row?.iso;
};

describe('isoTimestampSql', () => {
  const instant = sql`'2026-03-29 01:59:59.987+01'::timestamptz`;

  it('writes the instant in UTC, as the JavaScript Date would', async () => {
    const expected = new Date('2026-03-29T00:59:59.987Z').toISOString();
    expect(await read(isoTimestampSql(instant, 'milliseconds'))).toBe(expected);
    expect(await read(isoTimestampSql(instant))).toBe(expected.replace('.987', ''));
  });

  it('formats a whole expression, not only its last operand', async () => {
    // `at time zone` binds tighter than `+`: without parentheses this would be text + interval.
    expect(await read(isoTimestampSql(sql`${instant} + make_interval(hours => 24)`))).toBe(
      '2026-03-30T00:59:59Z',
    );
  });

  it('keeps null as null', async () => {
    expect(await read(isoTimestampSql(sql`null::timestamptz`))).toBeNull();
  });
});
