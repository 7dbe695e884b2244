import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_MATURITY_DEFINITIONS, REIFEGRADMODELL_2_0 } from './maturity-definitions';
import {
  assess,
  CRITERION_BLOCKS,
  type MaturityDefinition,
  MaturityDefinitionSchema,
} from './maturity-models';

/** A random valid definition: 2-8 levels, 1-15 criteria, each reaching the top level and some below it. */
const definitionArb: fc.Arbitrary<MaturityDefinition> = fc
  .integer({ min: 1, max: 7 })
  .chain((max) =>
    fc.record({
      max: fc.constant(max),
      criteria: fc.array(
        fc.record({
          block: fc.constantFrom(...CRITERION_BLOCKS),
          below: fc.uniqueArray(fc.integer({ min: 0, max: max - 1 }), { maxLength: max }),
        }),
        { minLength: 1, maxLength: 15 },
      ),
      conformantLevel: fc.integer({ min: 0, max }),
      backOfficeLevel: fc.option(fc.integer({ min: 0, max }), { nil: null }),
    }),
  )
  .map(({ max, criteria, conformantLevel, backOfficeLevel }) => ({
    family: '2.0' as const,
    name: 'Zufallsmodell',
    provisional: true,
    conformantLevel,
    backOfficeLevel,
    levels: Array.from({ length: max + 1 }, (_, level) => ({ level, name: `Stufe ${level}`, meaning: '' })),
    criteria: criteria.map((criterion, index) => ({
      key: `k${index}`,
      name: `Kriterium ${index}`,
      block: criterion.block,
      levels: [...criterion.below, max].map((level) => ({ level, description: `Stufe ${level}` })),
    })),
  }));

/** A definition with answers to a random subset of its criteria, each one of the criterion's own levels. */
const assessedArb = definitionArb.chain((definition) =>
  fc.record({
    definition: fc.constant(definition),
    answers: fc.tuple(
      ...definition.criteria.map((criterion) =>
        fc.option(fc.constantFrom(...criterion.levels.map((option) => option.level)), { nil: undefined }),
      ),
    ),
  }),
);

describe('assess', () => {
  it('the level is the lowest criterion once every criterion is answered, and open (null) before', () => {
    fc.assert(
      fc.property(assessedArb, ({ definition, answers }) => {
        expect(MaturityDefinitionSchema.safeParse(definition).success).toBe(true);
        const map = new Map<string, number>();
        definition.criteria.forEach((criterion, index) => {
          const level = answers[index];
          if (level !== undefined) map.set(criterion.key, level);
        });
        const result = assess(definition, map);
        const given = [...map.values()];
        expect(result.answered).toBe(given.length);
        expect(result.upperBound).toBe(given.length === 0 ? null : Math.min(...given));
        if (given.length === definition.criteria.length) expect(result.level).toBe(Math.min(...given));
        else expect(result.level).toBeNull();
        // Not assessed is not level 0: an open assessment never reports a level.
        if (result.level !== null) expect(result.level).toBeLessThanOrEqual(result.upperBound as number);
      }),
      { numRuns: 300 },
    );
  });

  it('"Bearbeitung analog" holds exactly when the front end is conformant and a back-office criterion is missing or low', () => {
    fc.assert(
      fc.property(assessedArb, ({ definition, answers }) => {
        const map = new Map<string, number>();
        definition.criteria.forEach((criterion, index) => {
          const level = answers[index];
          if (level !== undefined) map.set(criterion.key, level);
        });
        const front = definition.criteria.filter((c) => c.block === 'front_end');
        const frontLevel =
          front.length > 0 && front.every((c) => map.has(c.key))
            ? Math.min(...front.map((c) => map.get(c.key) as number))
            : null;
        const backLow = definition.criteria
          .filter((c) => c.block === 'back_office')
          .some((c) => !map.has(c.key) || (map.get(c.key) as number) < (definition.backOfficeLevel ?? 0));
        const expected =
          definition.backOfficeLevel !== null &&
          frontLevel !== null &&
          frontLevel >= definition.conformantLevel &&
          backLow;
        expect(assess(definition, map).analogProcessing).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('an online form with paper behind it is "Bearbeitung analog" in Reifegradmodell 2.0', () => {
    const top = new Map(
      REIFEGRADMODELL_2_0.criteria.map((c) => [c.key, Math.max(...c.levels.map((option) => option.level))]),
    );
    expect(assess(REIFEGRADMODELL_2_0, top)).toMatchObject({ level: 7, analogProcessing: false });
    top.set('e_akte', 3);
    expect(assess(REIFEGRADMODELL_2_0, top)).toMatchObject({
      level: 3,
      frontEndLevel: 7,
      analogProcessing: true,
    });
  });
});

describe('MaturityDefinitionSchema', () => {
  it('accepts the shipped definitions (1.1: 10 criteria, 0-4; 2.0: 13 criteria, 0-7)', () => {
    const [v11, v20] = BUILTIN_MATURITY_DEFINITIONS.map((d) => MaturityDefinitionSchema.parse(d));
    expect(v11?.criteria).toHaveLength(10);
    expect(v11?.levels).toHaveLength(5);
    expect(v20?.criteria).toHaveLength(13);
    expect(v20?.levels).toHaveLength(8);
  });

  it('refuses a criterion that cannot reach the top level, since it would cap every service', () => {
    const broken = {
      ...REIFEGRADMODELL_2_0,
      criteria: [{ key: 'x', name: 'X', block: 'front_end', levels: [{ level: 3, description: 'nur 3' }] }],
    };
    const result = MaturityDefinitionSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('höchste Stufe 7');
  });
});
