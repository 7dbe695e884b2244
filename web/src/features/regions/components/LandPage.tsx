import { todayInGermany } from '@ozg/shared';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { useSearchParams } from '../../../lib/navigation';
import { asOfParam, landParam, minLevelParam, modelParam } from '../../../lib/search-params';
import { LandOverview } from './LandOverview';

/**
 * The start page: the Land given as ?land=06 (Hessen by default), today or on
 * ?stand=YYYY-MM-DD. The app passes in the key dates panel (another feature).
 */
export function LandPage({ keyDates }: { keyDates?: (landKey: string) => ReactNode } = {}) {
  const today = todayInGermany();
  const { land, stand, modell, ab } = useSearchParams(
    z.object({ land: landParam(), stand: asOfParam(today), modell: modelParam(), ab: minLevelParam() }),
  );
  return (
    <LandOverview
      landKey={land}
      keyDates={keyDates?.(land)}
      asOf={stand}
      today={today}
      model={modell}
      minLevel={ab}
    />
  );
}
