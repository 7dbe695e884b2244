import { useCoverageIn } from '../../lib/queries/services';
import { ErrorState, Loading } from '../States';
import { RegionMap } from './RegionMap';
import { useKreisProgress } from './use-kreis-progress';

/**
 * One service across the Kreise of a Land or Regierungsbezirk: each Kreis
 * coloured by the share of its administrations that offer the service at
 * Reifegrad 3 or higher (the graded figure, not "somewhere online").
 */
export function ServiceCoverageMap({
  ozgId,
  regionKey,
  hrefFor,
}: {
  ozgId: number;
  regionKey: string;
  hrefFor?: (ags: string) => string;
}) {
  const kreise = useKreisProgress(regionKey);
  const coverages = useCoverageIn(
    ozgId,
    kreise.values.map((kreis) => kreis.ags),
  );
  if (kreise.isPending || (kreise.values.length > 0 && !coverages.data && !coverages.error))
    return <Loading label="Die Karte der Kreise" />;
  const error = kreise.error ?? coverages.error;
  if (error)
    return (
      <ErrorState
        error={error}
        onRetry={() => {
          kreise.refetch();
          coverages.refetch();
        }}
      />
    );
  const values = kreise.values.map((kreis, index) => ({
    ...kreis,
    share: coverages.data?.[index]?.share ?? null,
  }));
  return (
    <RegionMap
      regionKey={regionKey}
      values={values}
      title="Verbreitung je Kreis"
      valueLabel="Anteil, der die Leistung anbietet"
      {...(hrefFor ? { hrefFor } : {})}
    />
  );
}
