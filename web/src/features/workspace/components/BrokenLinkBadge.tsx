import type { LinkState } from '@ozg/shared';
import { brokenLinkText, formatDateTime } from '../../../lib/format';

/** The last check of the status's URL failed (issue #15): since when, and what came back. */
export function BrokenLinkBadge({ broken }: { broken: { url: string; link: LinkState } | undefined }) {
  if (!broken) return null;
  const { link } = broken;
  const detail = [
    broken.url,
    `zuletzt geprüft ${formatDateTime(link.checkedAt)}`,
    link.lastSuccessAt ? `zuletzt erreichbar ${formatDateTime(link.lastSuccessAt)}` : 'noch nie erreichbar',
  ].join(' · ');
  return (
    <span className="badge badge-link" title={detail}>
      {brokenLinkText(link)}
    </span>
  );
}
