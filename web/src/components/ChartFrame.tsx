import { type ReactNode, useEffect, useRef } from 'react';

/** What the browser would stop at with Tab inside a chart; a tabindex of its own is left alone. */
const FOCUSABLE_SVG = 'svg:not([tabindex]), svg g:not([tabindex])';

/**
 * The frame of every recharts chart. The charts only draw: the figure around
 * each carries the sentence and the table that say the same, so the drawing is
 * hidden from screen readers and must not take Tab stops either. recharts
 * renders its layers through React portals, and React listens for focus
 * events on every portal container, which makes Chromium put each of those
 * unnamed <g> elements into the tab order (15 stops on the start page). The
 * frame takes them out again whenever the chart adds some, and keeps the
 * chart reachable for the mouse (the tooltip), which `inert` would not.
 */
export function ChartFrame({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const untab = () => {
      for (const element of frame.querySelectorAll(FOCUSABLE_SVG)) element.setAttribute('tabindex', '-1');
    };
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(frame, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return (
    <div className="chart" aria-hidden="true" ref={ref}>
      {children}
    </div>
  );
}
