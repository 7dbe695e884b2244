import { EXECUTING_LEVELS, type ExecutingLevel, isThemenfeld } from '@ozg/shared';
import type { ServiceFilters } from './api/get-services';

/** Reads the catalogue's filters from the URL (?themenfeld=…&ebene=…&relevanz=…&q=…), ignoring unknown values. */
export function filtersFromSearch(search: URLSearchParams): ServiceFilters {
  const themenfeld = search.get('themenfeld') ?? '';
  const level = search.get('ebene') ?? '';
  const relevant = search.get('relevanz');
  const q = (search.get('q') ?? '').trim();
  return {
    themenfeld: isThemenfeld(themenfeld) ? themenfeld : undefined,
    executingLevel:
      level === 'none' || (EXECUTING_LEVELS as readonly string[]).includes(level)
        ? (level as ExecutingLevel | 'none')
        : undefined,
    relevant: relevant === 'true' || relevant === 'false' ? relevant : undefined,
    q: q === '' ? undefined : q.slice(0, 200),
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
