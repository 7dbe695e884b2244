import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now; follows changes (e.g. a rotated phone). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

export const NARROW_SCREEN = '(max-width: 600px)';
