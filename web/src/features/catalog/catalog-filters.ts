import { EXECUTING_LEVELS, THEMENFELDER } from '@ozg/shared';
import { z } from 'zod';
import { parseSearch } from '../../lib/navigation';
import type { ServiceFilters } from '../../lib/queries/services';
import { oneOfParam, textParam } from '../../lib/search-params';

/** The catalogue's filters in the URL (?themenfeld=…&ebene=…&relevanz=…&q=…); unknown values mean "all". */
export const catalogSearch = z.object({
  themenfeld: oneOfParam(THEMENFELDER),
  ebene: oneOfParam([...EXECUTING_LEVELS, 'none']),
  relevanz: oneOfParam(['true', 'false']),
  q: textParam(200),
});

/** The filters as the API takes them. */
export function filtersFromSearch(search: URLSearchParams): ServiceFilters {
  const { themenfeld, ebene, relevanz, q } = parseSearch(catalogSearch, search);
  return {
    themenfeld: themenfeld ?? undefined,
    executingLevel: ebene ?? undefined,
    relevant: relevanz ?? undefined,
    q: q === '' ? undefined : q,
  };
}

/** The URL of the catalogue with these filters. */
export function catalogPath(filters: ServiceFilters): string {
  const query = new URLSearchParams();
  if (filters.themenfeld) query.set('themenfeld', filters.themenfeld);
  if (filters.executingLevel) query.set('ebene', filters.executingLevel);
  if (filters.relevant) query.set('relevanz', filters.relevant);
  if (filters.q) query.set('q', filters.q);
  return query.size > 0 ? `/leistungen?${query}` : '/leistungen';
}
