import type { Dispatch, SetStateAction } from 'react';

export type SortOrder = 'asc' | 'desc';

/**
 * The order after a click on a column header: the other way round on the
 * column already sorted by, otherwise the column's first order (names start
 * A–Z, some figures start with the largest).
 */
export const nextOrder = (alreadySorted: boolean, order: SortOrder, first: SortOrder = 'asc'): SortOrder =>
  alreadySorted ? (order === 'asc' ? 'desc' : 'asc') : first;

/** `onSort` for a table whose sort state is `{ sort, order }` (as the API's list parameters name them). */
export const sortBy =
  <Column extends string>(setSort: Dispatch<SetStateAction<{ sort: Column; order: SortOrder }>>) =>
  (column: Column) =>
    setSort((current) => ({ sort: column, order: nextOrder(current.sort === column, current.order) }));

/**
 * A column header of a sortable table: a button that sorts by the column,
 * `aria-sort` for screen readers and an arrow for the eye. Without `column`
 * the header is plain text (a column that does not sort).
 */
export function SortHeader<Column extends string>({
  label,
  column,
  sortedBy,
  order,
  onSort,
  className,
}: {
  label: string;
  column: Column | null;
  /** The column the table is sorted by now. */
  sortedBy: Column;
  order: SortOrder;
  onSort: (column: Column) => void;
  className?: string | undefined;
}) {
  const active = column !== null && column === sortedBy;
  return (
    <th
      scope="col"
      className={className || undefined}
      aria-sort={
        active ? (order === 'asc' ? 'ascending' : 'descending') : column === null ? undefined : 'none'
      }
    >
      {column === null ? (
        label
      ) : (
        <button type="button" className="sort-button" onClick={() => onSort(column)}>
          {label}
          <span className="sort-indicator" aria-hidden="true">
            {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      )}
    </th>
  );
}
