import type { Model2Figures as Figures } from '@ozg/shared';
import { countOf, formatNumber, formatShare } from '../lib/format';
import { navigate, withSearch } from '../lib/navigation';
import { SelectFilter } from './SelectFilter';
import { type Tile, Tiles } from './Tiles';
import './model-switch.css';

const LEVEL_OPTIONS = [0, 1, 2, 3, 4, 5, 6, 7].map((level) => ({
  value: String(level),
  label: `Stufe ${level}`,
}));

/**
 * The figures by Reifegradmodell 2.0 (decision 020): share assessed, share at
 * or above a chosen level (?ab=), share "Bearbeitung analog", and the
 * distribution over the levels 0-7. Shared by the region and service pages.
 */
export function Model2Figures({
  figures,
  title = 'Kennzahlen nach Reifegradmodell 2.0',
}: {
  figures: Figures;
  title?: string;
}) {
  const tiles: Tile[] = [
    {
      label: 'Bewertet (2.0)',
      value: formatShare(figures.assessedShare),
      detail: `${formatNumber(figures.assessed)} von ${formatNumber(figures.counted)} Zielleistungen vollständig nach Reifegradmodell 2.0 bewertet`,
    },
    {
      label: `Ab Stufe ${figures.minLevel} (2.0)`,
      value: formatShare(figures.atOrAboveShare),
      detail: `${countOf(figures.atOrAbove, 'bewertete Leistung', 'bewertete Leistungen')} ab Stufe ${figures.minLevel}`,
    },
    {
      label: 'Online-Antrag, Bearbeitung analog',
      value: formatShare(figures.analogShare),
      detail: `${countOf(figures.analogProcessing, 'Zielleistung', 'Zielleistungen')}: Antrag online, Bearbeitung im Hintergrund noch nicht digital (oder nicht bewertet)`,
    },
  ];
  const top = Math.max(1, ...figures.levelCounts);
  return (
    <section aria-labelledby="kennzahlen-2" className="panel model2-panel">
      <h2 id="kennzahlen-2">{title}</h2>
      <SelectFilter
        id="ab-stufe"
        label="Anteil ab Stufe"
        value={String(figures.minLevel)}
        options={LEVEL_OPTIONS}
        onChange={(value) => navigate(withSearch({ ab: value ?? null }), { replace: true })}
      />
      <Tiles tiles={tiles} />
      <table className="level-bars">
        <caption>Bewertete Zielleistungen je Stufe 0-7 (Reifegradmodell 2.0)</caption>
        <thead>
          <tr>
            <th scope="col">Stufe</th>
            <th scope="col">Leistungen</th>
            <th scope="col">
              <span className="visually-hidden">Balken</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.levelCounts.map((count, level) => (
            <tr key={level}>
              <th scope="row">{level}</th>
              <td>{formatNumber(count)}</td>
              <td className="bar-cell" aria-hidden="true">
                <span className="bar" style={{ width: `${(count / top) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="tile-detail">
        Nicht bewertet: {formatNumber(figures.counted - figures.assessed)} Zielleistungen (zählen nicht als
        Stufe 0). OZG-konform zur Frist 2022 bleibt Reifegradmodell 1.1 ab Stufe 3.
      </p>
    </section>
  );
}
