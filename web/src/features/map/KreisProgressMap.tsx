import { ErrorState, Loading } from '../../components/States';
import { useKreisProgress } from './api/get-kreis-progress';
import { RegionMap } from './RegionMap';

/** The Kreise of a Land or Regierungsbezirk coloured by their OZG-konform share (Reifegrad 3 or higher). */
export function KreisProgressMap({
  regionKey,
  hrefFor,
  headingLevel,
}: {
  regionKey: string;
  hrefFor?: (ags: string) => string;
  headingLevel?: 2 | 3;
}) {
  const progress = useKreisProgress(regionKey);
  if (progress.isPending) return <Loading label="Die Karte der Kreise" />;
  if (progress.error) return <ErrorState error={progress.error} onRetry={progress.refetch} />;
  return (
    <RegionMap
      regionKey={regionKey}
      values={progress.values}
      title="OZG-konform je Kreis"
      valueLabel="OZG-konform"
      {...(hrefFor ? { hrefFor } : {})}
      {...(headingLevel ? { headingLevel } : {})}
    />
  );
}
