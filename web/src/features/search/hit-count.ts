import { formatNumber } from '../../lib/format';

/**
 * The count beside a heading of hits: the API sends at most a limit of hits
 * and a `more` flag, so with more the true count is unknown and the heading
 * says "mehr als 10" instead of claiming exactly 10.
 */
export function hitCount(shown: number, more: boolean): string {
  return more ? `mehr als ${formatNumber(shown)}` : formatNumber(shown);
}
