import { KeyDatesPanel } from '../../features/key-dates/components/KeyDatesPanel';
import { LandPage } from '../../features/regions/components/LandPage';

/** The overview with the key dates panel (issue 17, item 6). */
export function LandPageWithKeyDates() {
  return <LandPage keyDates={(landKey) => <KeyDatesPanel landKey={landKey} />} />;
}
