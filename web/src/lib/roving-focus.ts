import { type RefObject, useEffect, useRef } from 'react';

export type RovingOrientation = 'vertical' | 'horizontal' | 'both';

const FORWARD: Record<RovingOrientation, readonly string[]> = {
  vertical: ['ArrowDown'],
  horizontal: ['ArrowRight'],
  both: ['ArrowDown', 'ArrowRight'],
};
const BACKWARD: Record<RovingOrientation, readonly string[]> = {
  vertical: ['ArrowUp'],
  horizontal: ['ArrowLeft'],
  both: ['ArrowUp', 'ArrowLeft'],
};

/**
 * Where a key moves the focus within a group of `count` items, or null when
 * the key is not the group's: arrows one step (stopping at the ends), Home
 * and End to the first and last.
 */
export function rovingTarget(
  key: string,
  current: number,
  count: number,
  orientation: RovingOrientation,
): number | null {
  if (count === 0) return null;
  if (FORWARD[orientation].includes(key)) return Math.min(current + 1, count - 1);
  if (BACKWARD[orientation].includes(key)) return Math.max(current - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * One Tab stop for a group of links or buttons (the rows of a table, its
 * column headers, the tiles of a map); the arrow keys move within it
 * (WAI-ARIA "roving tabindex"). Without it a keyboard user tabs through 26
 * Kreise twice before reaching the next block. The item last focused keeps
 * the stop, so Tab out and back returns to it. Items that are not shown
 * (a column hidden on phones) are skipped. Attach the ref to the group's
 * container; `selector` finds the items inside it.
 */
export function useRovingFocus<E extends HTMLElement>(
  selector: string,
  orientation: RovingOrientation,
): RefObject<E | null> {
  const ref = useRef<E>(null);
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    let active: HTMLElement | null = null;
    const items = () =>
      [...container.querySelectorAll<HTMLElement>(selector)].filter(
        (item) => item.getClientRects().length > 0,
      );
    const settle = () => {
      const list = items();
      if (!active || !list.includes(active)) active = list[0] ?? null;
      for (const item of list) item.tabIndex = item === active ? 0 : -1;
    };
    const onFocus = (event: FocusEvent) => {
      const list = items();
      if (event.target instanceof HTMLElement && list.includes(event.target)) {
        active = event.target;
        settle();
      }
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const list = items();
      const current = event.target instanceof HTMLElement ? list.indexOf(event.target) : -1;
      if (current < 0) return;
      const next = rovingTarget(event.key, current, list.length, orientation);
      if (next === null) return;
      event.preventDefault();
      active = list[next] ?? active;
      settle();
      active?.focus();
    };
    settle();
    // Rows come and go with sorting and loading; tabIndex changes are attributes and do not retrigger.
    const observer = new MutationObserver(settle);
    observer.observe(container, { childList: true, subtree: true });
    container.addEventListener('focusin', onFocus);
    container.addEventListener('keydown', onKey);
    return () => {
      observer.disconnect();
      container.removeEventListener('focusin', onFocus);
      container.removeEventListener('keydown', onKey);
    };
  }, [selector, orientation]);
  return ref;
}
