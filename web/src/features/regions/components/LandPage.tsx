import { todayInGermany } from '@ozg/shared';
import { useLocation } from '../../../app/router';
import { DEFAULT_LAND, parseAsOf } from '../region-paths';
import { LandOverview } from './LandOverview';

/** The start page: the Land given as ?land=06 (Hessen by default), today or on ?stand=YYYY-MM-DD. */
export function LandPage() {
  const { search } = useLocation();
  const key = search.get('land');
  const today = todayInGermany();
  return (
    <LandOverview
      landKey={key && /^\d{2}$/.test(key) ? key : DEFAULT_LAND}
      asOf={parseAsOf(search.get('stand'), today)}
      today={today}
    />
  );
}
