import { median, medianOfHistogram } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client';
import { queryRows } from './client';
import { medianOfHistogramSql } from './domain-sql';
import { createTestDatabase } from './testing/index';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('medianOfHistogramSql', () => {
  const histograms: Record<string, number>[] = [
    {},
    { '4': 0 },
    { '7': 1 },
    { '3': 1, '10': 1 },
    { '-2': 2, '5': 1, '40': 3 },
    { '100': 2, '9': 2, '12': 1, '0': 0 },
    Object.fromEntries(Array.from({ length: 900 }, (_, day) => [String(day * 3 - 40), (day * 7) % 5])),
  ];
  it.each(histograms.map((histogram, index) => [index, histogram] as const))(
    'gives the value of medianOfHistogram (histogram %i)',
    async (_index, histogram) => {
      const [row] = await queryRows<{ median: number | null }>(
        database.db,
        sql`select ${medianOfHistogramSql(sql`${JSON.stringify(histogram)}::jsonb`)} as median`,
      );
      expect(row?.median ?? null).toBe(medianOfHistogram(histogram));
    },
  );
  it('is the median of the values the histogram counts', async () => {
    const values = [1, 1, 2, 8, 8, 8, 30];
    const histogram: Record<string, number> = {};
    for (const value of values) histogram[value] = (histogram[value] ?? 0) + 1;
    const [row] = await queryRows<{ median: number | null }>(
      database.db,
      sql`select ${medianOfHistogramSql(sql`${JSON.stringify(histogram)}::jsonb`)} as median`,
    );
    expect(row?.median).toBe(median(values));
  });
});
