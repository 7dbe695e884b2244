import { todayInGermany } from '@ozg/shared';
import { z } from 'zod';
import { useSearchParams } from '../../../lib/navigation';
import { asOfParam, landParam } from '../../../lib/search-params';
import { LandOverview } from './LandOverview';

/** The start page: the Land given as ?land=06 (Hessen by default), today or on ?stand=YYYY-MM-DD. */
export function LandPage() {
  const today = todayInGermany();
  const { land, stand } = useSearchParams(z.object({ land: landParam(), stand: asOfParam(today) }));
  return <LandOverview landKey={land} asOf={stand} today={today} />;
}
