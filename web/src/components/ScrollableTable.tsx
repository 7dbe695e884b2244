import type { ReactNode } from 'react';

/**
 * A wrapper that lets a wide table scroll sideways on narrow screens. It is
 * focusable so that keyboard users can scroll it too (WCAG 2.1.1; axe rule
 * scrollable-region-focusable) and named so that screen readers announce it.
 */
export function ScrollableTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
