import { describe, expect, it } from 'vitest';
import { rovingTarget } from './roving-focus';

describe('rovingTarget', () => {
  it('moves one step along the orientation and stops at the ends', () => {
    expect(rovingTarget('ArrowDown', 0, 3, 'vertical')).toBe(1);
    expect(rovingTarget('ArrowDown', 2, 3, 'vertical')).toBe(2);
    expect(rovingTarget('ArrowUp', 0, 3, 'vertical')).toBe(0);
    expect(rovingTarget('ArrowLeft', 2, 3, 'horizontal')).toBe(1);
    expect(rovingTarget('ArrowRight', 1, 3, 'both')).toBe(2);
    expect(rovingTarget('ArrowUp', 1, 3, 'both')).toBe(0);
  });

  it('leaves the other direction, other keys and empty groups alone', () => {
    expect(rovingTarget('ArrowRight', 0, 3, 'vertical')).toBeNull();
    expect(rovingTarget('ArrowDown', 0, 3, 'horizontal')).toBeNull();
    expect(rovingTarget('Tab', 0, 3, 'both')).toBeNull();
    expect(rovingTarget('Enter', 0, 3, 'both')).toBeNull();
    expect(rovingTarget('ArrowDown', 0, 0, 'vertical')).toBeNull();
  });

  it('jumps to the first and last with Home and End', () => {
    expect(rovingTarget('Home', 2, 5, 'vertical')).toBe(0);
    expect(rovingTarget('End', 0, 5, 'horizontal')).toBe(4);
  });
});
