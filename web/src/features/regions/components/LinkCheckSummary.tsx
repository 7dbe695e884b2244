import { formatCount, formatDateTime, formatNumber } from '../../../lib/format';
import { useMe } from '../../../lib/queries/me';
import { useRegionLinks } from '../../../lib/queries/region-links';

/**
 * How many of the region's services with a URL have a broken link (issue #15),
 * for signed-in readers only: the URLs belong to the statuses, which are not public.
 */
export function LinkCheckSummary({ regionKey }: { regionKey: string }) {
  const me = useMe();
  const links = useRegionLinks(regionKey, Boolean(me.data));
  if (!me.data || !links.data || links.data.checked === 0) return null;
  const { broken, withUrl, lastCheckedAt } = links.data;
  return (
    <p className={`panel link-summary${broken > 0 ? ' link-summary-broken' : ''}`}>
      <strong>Linkprüfung:</strong>{' '}
      {broken > 0
        ? `${formatCount(broken, 'Leistung hat', 'Leistungen haben')} einen defekten Link (von ${formatNumber(withUrl)} mit URL).`
        : `alle geprüften Links der ${formatCount(withUrl, 'Leistung', 'Leistungen')} mit URL sind erreichbar.`}{' '}
      Zuletzt geprüft {formatDateTime(lastCheckedAt)}.
    </p>
  );
}
