import type { DatahubKreise } from '@ozg/shared';
import type { SortOrder } from '../../components/SortHeader';

type Kreis = DatahubKreise['items'][number];
export type KreisColumn = 'name' | 'open' | 'clarify' | 'gemeinden' | 'oldestDays';

/** Rows in the chosen order; a Kreis without an age (nothing open) sorts last either way. */
export function sortKreise(items: readonly Kreis[], sort: KreisColumn, order: SortOrder): Kreis[] {
  const direction = order === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    if (sort === 'name') return direction * a.name.localeCompare(b.name, 'de');
    const left = a[sort];
    const right = b[sort];
    if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
    return direction * (left - right) || a.name.localeCompare(b.name, 'de');
  });
}
