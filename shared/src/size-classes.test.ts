import { describe, expect, it } from 'vitest';
import { sizeClassOf } from './size-classes';

describe('sizeClassOf', () => {
  it('puts the bounds into the upper class', () => {
    expect(sizeClassOf(0)).toBe('unter_5000');
    expect(sizeClassOf(4_999)).toBe('unter_5000');
    expect(sizeClassOf(5_000)).toBe('5000_10000');
    expect(sizeClassOf(99_999)).toBe('50000_100000');
    expect(sizeClassOf(773_068)).toBe('ab_100000');
  });
});
