import { formatDate } from '../../lib/format';
import type { Model2Query } from '../../lib/queries/regions';
import { ErrorState, Loading } from '../States';
import { RegionMap } from './RegionMap';
import { useKreisProgress } from './use-kreis-progress';
import '../model-switch.css';

/**
 * The Kreise of a Land or Regierungsbezirk coloured by their OZG-konform share
 * (Reifegrad 3 or higher), today or on `asOf`; with `model2` by
 * the share of the target services at or above a level of Reifegradmodell 2.0.
 */
export function KreisProgressMap({
  regionKey,
  hrefFor,
  headingLevel,
  asOf,
  model2,
}: {
  regionKey: string;
  hrefFor?: (ags: string) => string;
  headingLevel?: 2 | 3;
  asOf?: string | null;
  model2?: Model2Query;
}) {
  const by2 = model2 ?? null;
  const progress = useKreisProgress(regionKey, asOf ?? undefined, by2);
  if (progress.isPending) return <Loading label="Die Karte der Kreise" />;
  if (progress.error) return <ErrorState error={progress.error} onRetry={progress.refetch} />;
  // The level the API counted from (its default is the conformant level of the newest 2.0 version).
  const level = by2 ? (by2.minLevel ?? progress.minLevel ?? 3) : null;
  return (
    <RegionMap
      regionKey={regionKey}
      values={progress.values}
      title={
        level !== null
          ? `Reifegradmodell 2.0 ab Stufe ${level} je Kreis${asOf ? ` am ${formatDate(asOf)}` : ''}`
          : asOf
            ? `OZG-konform je Kreis am ${formatDate(asOf)}`
            : 'OZG-konform je Kreis'
      }
      valueLabel={level !== null ? `Reifegradmodell 2.0, ab Stufe ${level}` : 'OZG-konform'}
      {...(level !== null
        ? {
            note: (
              <>
                Anteil der Zielleistungen, die nach Reifegradmodell 2.0 mindestens Stufe {level} erreichen;
                nicht bewertete zählen als nicht erreicht (nicht als Stufe 0), ein Kreis ganz ohne Bewertung
                hat keine Angabe. <span className="badge-provisional">Arbeitsstand, vom Land anpassbar</span>
              </>
            ),
          }
        : {})}
      {...(hrefFor ? { hrefFor } : {})}
      {...(headingLevel ? { headingLevel } : {})}
    />
  );
}
