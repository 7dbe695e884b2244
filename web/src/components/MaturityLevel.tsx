import type { MaturityModel } from '@ozg/shared';
import './maturity-level.css';
import { maturityAccessible, maturityName } from '../lib/maturity';

/**
 * A status's Reifegrad as a badge: the number, its name (hidden on phones by
 * the table's styles) and the model version; screen readers hear the full
 * "Reifegrad 3 nach Reifegradmodell 1.1" instead of the abbreviation.
 */
export function MaturityLevel({ level, model }: { level: number; model: MaturityModel }) {
  const name = maturityName(level, model);
  return (
    <span className={`maturity-badge maturity-${level}`}>
      <span aria-hidden="true">
        {level}
        {name ? <span className="maturity-name"> – {name}</span> : null}{' '}
        <span className="maturity-model">(RGM {model})</span>
      </span>
      <span className="visually-hidden">
        {maturityAccessible(level, model)}
        {name ? `: ${name}` : ''}
      </span>
    </span>
  );
}
