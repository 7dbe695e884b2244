import { REGION_KIND_LABELS, type RegionSummary } from '@ozg/shared';
import { useState } from 'react';
import { formatNumber, formatShare } from '../../../lib/format';
import { type KreisSort, shapeKreisRows } from '../kreise-table';

const COLUMNS: { key: KreisSort['column']; label: string; className?: string }[] = [
  { key: 'name', label: 'Kreis' },
  { key: 'bezirk', label: 'Regierungsbezirk', className: 'hide-narrow' },
  { key: 'population', label: 'Einwohner', className: 'numeric' },
];

export function KreiseTable({
  kreise,
  bezirke,
  landPopulation,
}: {
  kreise: readonly RegionSummary[];
  bezirke: readonly RegionSummary[];
  landPopulation: number | null;
}) {
  const [sort, setSort] = useState<KreisSort>({ column: 'name', direction: 'asc' });
  const rows = shapeKreisRows(kreise, bezirke, landPopulation, sort);
  const toggle = (column: KreisSort['column']) =>
    setSort((current) => ({
      column,
      direction:
        current.column === column && current.direction === 'asc'
          ? 'desc'
          : column === 'population'
            ? 'desc'
            : 'asc',
    }));
  const ariaSort = (column: KreisSort['column']) =>
    sort.column === column ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';

  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">
          Kreise und kreisfreie Städte mit Regierungsbezirk und Einwohnerzahl; Spaltenköpfe sortieren die
          Tabelle.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" aria-sort={ariaSort(column.key)} className={column.className}>
                <button type="button" className="sort-button" onClick={() => toggle(column.key)}>
                  {column.label}
                  <span aria-hidden="true" className="sort-indicator">
                    {sort.column === column.key ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
            <th scope="col" className="hide-narrow">
              Art
            </th>
            <th scope="col" className="hide-narrow">
              AGS
            </th>
            <th scope="col">Anteil am Land</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.ags}>
              <th scope="row">{row.name}</th>
              <td className="hide-narrow">{row.bezirk ?? '–'}</td>
              <td className="numeric">{formatNumber(row.population)}</td>
              <td className="hide-narrow">{REGION_KIND_LABELS[row.kind]}</td>
              <td className="mono hide-narrow">{row.ags}</td>
              <td>
                <div className="share">
                  <span className="share-bar" aria-hidden="true">
                    <span style={{ width: `${row.relativeSize * 100}%` }} />
                  </span>
                  <span className="share-value">{formatShare(row.populationShare)}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
