import { formatDate } from '../../lib/format';
import { ErrorState, Loading } from '../States';
import { RegionMap } from './RegionMap';
import { useKreisProgress } from './use-kreis-progress';

/** The Kreise of a Land or Regierungsbezirk coloured by their OZG-konform share (Reifegrad 3 or higher), today or on `asOf`. */
export function KreisProgressMap({
  regionKey,
  hrefFor,
  headingLevel,
  asOf,
}: {
  regionKey: string;
  hrefFor?: (ags: string) => string;
  headingLevel?: 2 | 3;
  asOf?: string | null;
}) {
  const progress = useKreisProgress(regionKey, asOf ?? undefined);
  if (progress.isPending) return <Loading label="Die Karte der Kreise" />;
  if (progress.error) return <ErrorState error={progress.error} onRetry={progress.refetch} />;
  return (
    <RegionMap
      regionKey={regionKey}
      values={progress.values}
      title={asOf ? `OZG-konform je Kreis am ${formatDate(asOf)}` : 'OZG-konform je Kreis'}
      valueLabel="OZG-konform"
      {...(hrefFor ? { hrefFor } : {})}
      {...(headingLevel ? { headingLevel } : {})}
    />
  );
}
