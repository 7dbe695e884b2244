import { useEffect } from 'react';

const APP_NAME = 'OZG-Umsetzungsdashboard';

/** Sets the browser tab's title: "<page> – OZG-Umsetzungsdashboard". */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} – ${APP_NAME}`;
  }, [title]);
}
