import type { ReactNode } from 'react';

/** One key figure: what it is, its value, and a sentence that says how it is made up. */
export type Tile = {
  label: string;
  value: string;
  detail: ReactNode;
  /** A second line below the detail, e.g. a correction beside a frozen figure. */
  note?: ReactNode;
  /** Highlights a figure that asks for action (e.g. overdue measures). */
  warning?: boolean;
};

/** The row of key figures every overview page opens with; one markup, so one style and one reading order. */
export function Tiles({ tiles, className, label }: { tiles: Tile[]; className?: string; label?: string }) {
  return (
    <ul className={className ? `tiles ${className}` : 'tiles'} aria-label={label}>
      {tiles.map((tile) => (
        <li key={tile.label} className={tile.warning ? 'tile tile-warning' : 'tile'}>
          <span className="tile-label">{tile.label}</span>
          <span className="tile-value">{tile.value}</span>
          <span className="tile-detail">{tile.detail}</span>
          {tile.note}
        </li>
      ))}
    </ul>
  );
}
