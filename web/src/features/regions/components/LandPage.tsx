import { useLocation } from '../../../app/router';
import { LandOverview } from './LandOverview';

/** The start page: the Land given as ?land=06 (Hessen, the first customer, by default). */
export function LandPage() {
  const { search } = useLocation();
  const key = search.get('land');
  return <LandOverview landKey={key && /^\d{2}$/.test(key) ? key : '06'} />;
}
