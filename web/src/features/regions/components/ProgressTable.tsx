import { REGION_KIND_LABELS } from '@ozg/shared';
import { type ReactNode, useState } from 'react';
import { nextOrder, SortHeader } from '../../../components/SortHeader';
import { formatNumber, formatShare } from '../../../lib/format';
import { Link } from '../../../lib/navigation';
import { regionShortName } from '../../../lib/region-names';
import { useRovingFocus } from '../../../lib/roving-focus';
import {
  firstDirection,
  type ProgressRow,
  type ProgressSort,
  type ProgressSortColumn,
  sortProgressRows,
} from '../progress-rows';

const COLUMNS: { key: ProgressSortColumn; label: string; numeric: boolean; narrow: boolean }[] = [
  { key: 'name', label: 'Gebiet', numeric: false, narrow: true },
  { key: 'conformantShare', label: 'OZG-konform', numeric: true, narrow: true },
  { key: 'populationWeightedShare', label: 'Nach Einwohnern', numeric: true, narrow: false },
  { key: 'onlineByDeadlineShare', label: 'Zur Frist online', numeric: true, narrow: false },
  { key: 'overdue', label: 'Überfällig', numeric: true, narrow: false },
  { key: 'population', label: 'Einwohner', numeric: true, narrow: false },
];

/**
 * Regions with their figures; every column header sorts. The headers are one
 * Tab stop and the rows' links another (arrow keys within), so that a table of
 * 26 Kreise does not take 32 stops on the way to the next block.
 */
export function ProgressTable({
  rows,
  caption,
  highlightAgs,
  linkTo = (row) => `/regionen/${row.ags}`,
  rowLinks,
  model2Level,
}: {
  rows: readonly ProgressRow[];
  caption: string;
  highlightAgs?: string | undefined;
  linkTo?: (row: ProgressRow) => string;
  /** Further links of a row for the signed-in user (its workspace, its audit trail). */
  rowLinks?: ((row: ProgressRow) => ReactNode) | undefined;
  /** By Reifegradmodell 2.0 from this level: its share first (and ranked), then the share assessed. */
  model2Level?: number | null | undefined;
}) {
  const by2 = model2Level != null;
  const columns: typeof COLUMNS = by2
    ? [
        COLUMNS[0] as (typeof COLUMNS)[number],
        { key: 'model2Share', label: `2.0 ab Stufe ${model2Level}`, numeric: true, narrow: true },
        { key: 'model2AssessedShare', label: 'Bewertet (2.0)', numeric: true, narrow: false },
        ...COLUMNS.slice(1).map((column) => ({ ...column, narrow: false })),
      ]
    : COLUMNS;
  const [sort, setSort] = useState<ProgressSort>({
    column: by2 ? 'model2Share' : 'conformantShare',
    direction: 'desc',
  });
  const sorted = sortProgressRows(rows, sort);
  const headers = useRovingFocus<HTMLTableSectionElement>('.sort-button', 'horizontal');
  const rowNames = useRovingFocus<HTMLTableSectionElement>(':scope > tr > th > a', 'vertical');
  const toggle = (column: ProgressSortColumn) =>
    setSort((current) => ({
      column,
      direction: nextOrder(current.column === column, current.direction, firstDirection(column)),
    }));

  return (
    <div className="table-scroll">
      <table className="data-table progress-table">
        <caption className="visually-hidden">
          {caption}; Spaltenköpfe sortieren die Tabelle. Pfeiltasten wechseln zwischen den Spaltenköpfen und
          zwischen den Zeilen.
        </caption>
        <thead ref={headers}>
          <tr>
            <th scope="col" className="numeric">
              Rang
            </th>
            {columns.map((column) => (
              <SortHeader
                key={column.key}
                label={column.label}
                column={column.key}
                sortedBy={sort.column}
                order={sort.direction}
                onSort={toggle}
                className={[column.numeric ? 'numeric' : '', column.narrow ? '' : 'hide-narrow']
                  .join(' ')
                  .trim()}
              />
            ))}
          </tr>
        </thead>
        <tbody ref={rowNames}>
          {sorted.map((row) => {
            const current = row.ags === highlightAgs;
            // The label the chart and the map use; the kind line below says what it is.
            const label = regionShortName(row);
            return (
              <tr key={row.ags} className={current ? 'row-current' : undefined}>
                <td className="numeric">{row.rank ?? '–'}</td>
                <th scope="row">
                  {current ? (
                    <span aria-current="true">
                      {label} <span className="badge">dieses Gebiet</span>
                    </span>
                  ) : (
                    <Link to={linkTo(row)}>{label}</Link>
                  )}
                  <span className="row-kind">{REGION_KIND_LABELS[row.kind]}</span>
                  {rowLinks?.(row)}
                </th>
                {by2 ? (
                  <>
                    <td className="numeric">
                      <ShareCell share={row.model2Share} />
                    </td>
                    <td className="numeric hide-narrow">{formatShare(row.model2AssessedShare)}</td>
                    <td className="numeric hide-narrow">{formatShare(row.conformantShare)}</td>
                  </>
                ) : (
                  <td className="numeric">
                    <ShareCell share={row.conformantShare} />
                  </td>
                )}
                <td className="numeric hide-narrow">{formatShare(row.populationWeightedShare)}</td>
                <td className="numeric hide-narrow">{formatShare(row.onlineByDeadlineShare)}</td>
                <td className="numeric hide-narrow">{formatNumber(row.overdue)}</td>
                <td className="numeric hide-narrow">{formatNumber(row.population)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ShareCell({ share }: { share: number | null }) {
  return (
    <div className="share">
      <span className="share-bar" aria-hidden="true">
        <span style={{ width: `${(share ?? 0) * 100}%` }} />
      </span>
      <span className="share-value">{formatShare(share)}</span>
    </div>
  );
}
