import { todayInGermany } from '@ozg/shared';
import type { ReactNode } from 'react';
import { useLocation } from '../../../app/router';
import { DEFAULT_LAND, parseAsOf } from '../region-paths';
import { LandOverview } from './LandOverview';

/** The start page: the Land given as ?land=06 (Hessen by default), today or on ?stand=YYYY-MM-DD. */
export function LandPage({ keyDates }: { keyDates?: (landKey: string) => ReactNode } = {}) {
  const { search } = useLocation();
  const key = search.get('land');
  const today = todayInGermany();
  const landKey = key && /^\d{2}$/.test(key) ? key : DEFAULT_LAND;
  return (
    <LandOverview
      landKey={landKey}
      keyDates={keyDates?.(landKey)}
      asOf={parseAsOf(search.get('stand'), today)}
      today={today}
    />
  );
}
