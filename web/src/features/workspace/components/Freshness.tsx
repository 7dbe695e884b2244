import { DEFAULT_STALE_DAYS, type Freshness } from '@ozg/shared';
import { daysAgo, formatCount, formatNumber } from '../../../lib/format';
import { Link } from '../../../lib/navigation';
import { useFreshness, useReminders } from '../../../lib/queries/freshness';

/** "zuletzt bestätigt vor 94 Tagen", or that nothing was ever confirmed. */
export function lastConfirmedText(freshness: Pick<Freshness, 'daysSinceLast'>): string {
  return freshness.daysSinceLast === null
    ? 'noch nie bestätigt'
    : `zuletzt bestätigt ${daysAgo(freshness.daysSinceLast)}`;
}

/**
 * The workspace header's badge (decision 025): when the administration last
 * confirmed a status and how many have not been confirmed within the
 * threshold; amber while any are stale.
 */
export function FreshnessBadge({ regionKey }: { regionKey: string }) {
  const freshness = useFreshness(regionKey);
  // The badge's place is kept while it loads, so the table below does not jump when it arrives.
  if (freshness.isPending)
    return (
      <p className="freshness-badge state-loading" aria-live="polite">
        Bestätigungsstand wird geladen …
      </p>
    );
  if (!freshness.data) return null;
  const { data } = freshness;
  return (
    <p className={`freshness-badge${data.stale > 0 ? ' freshness-stale' : ''}`} aria-live="polite">
      <span className="freshness-last">{lastConfirmedText(data)}</span>
      <span className="freshness-count">
        {data.stale === 0
          ? `alle ${formatNumber(data.total)} Leistungen in den letzten ${data.thresholdDays} Tagen bestätigt`
          : `${formatNumber(data.stale)} von ${formatCount(data.total, 'Leistung', 'Leistungen')} länger als ${data.thresholdDays} Tage nicht bestätigt`}
      </span>
    </p>
  );
}

/**
 * What an officer should look at for one administration, each with a link
 * to the place to act: stale statuses (the workspace filtered to them), open
 * Data Hub differences (the reconciliation page), broken links.
 */
export function Reminders({ regionKey, name }: { regionKey: string; name?: string }) {
  const reminders = useReminders(regionKey);
  if (!reminders.data) return null;
  const { freshness, datahubOpen, brokenLinks } = reminders.data;
  const items = [
    freshness.stale > 0 ? (
      <li key="stale">
        <Link to={`/arbeitsbereich/${regionKey}?veraltet=1`}>
          {formatCount(freshness.stale, 'Leistung', 'Leistungen')} länger als {DEFAULT_STALE_DAYS} Tage nicht
          bestätigt
        </Link>{' '}
        <span className="muted">({lastConfirmedText(freshness)})</span>
      </li>
    ) : null,
    datahubOpen > 0 ? (
      <li key="datahub">
        <Link to={`/arbeitsbereich/${regionKey}/abgleich`}>
          {formatCount(datahubOpen, 'offene Abweichung', 'offene Abweichungen')} zum Data Hub des Bundes
        </Link>
      </li>
    ) : null,
    brokenLinks > 0 ? (
      <li key="links">
        <Link to={`/arbeitsbereich/${regionKey}?links=defekt`}>
          {formatCount(brokenLinks, 'defekter Link', 'defekte Links')} bei Online-Leistungen
        </Link>
      </li>
    ) : null,
  ].filter(Boolean);
  const heading = name ? `Zu erledigen in ${name}` : 'Zu erledigen';
  return (
    <section className="panel reminders" aria-label={heading}>
      <h2>{heading}</h2>
      {items.length === 0 ? (
        <p className="muted">
          Nichts offen: alle Leistungen in den letzten {DEFAULT_STALE_DAYS} Tagen bestätigt, keine offenen
          Abweichungen zum Data Hub, keine defekten Links.
        </p>
      ) : (
        <ul className="reminder-list">{items}</ul>
      )}
    </section>
  );
}
