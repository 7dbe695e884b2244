import { Model2Figures } from '../../../components/Model2Figures';
import { ErrorState, Loading } from '../../../components/States';
import { formatDate } from '../../../lib/format';
import { useProgress2 } from '../../../lib/queries/regions';

/** The figures by Reifegradmodell 2.0 of a region (today or on ?stand=), threshold from ?ab= (default the conformant level). */
export function Model2Panel({
  regionKey,
  asOf,
  minLevel,
}: {
  regionKey: string;
  asOf: string | null;
  minLevel: number | null;
}) {
  const progress = useProgress2(regionKey, asOf, true, minLevel);
  if (progress.isPending) return <Loading label="Die Kennzahlen nach Reifegradmodell 2.0" />;
  if (progress.isError) return <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />;
  const figures = progress.data.model2;
  if (!figures) return null;
  return (
    <Model2Figures
      figures={figures}
      {...(asOf ? { title: `Kennzahlen nach Reifegradmodell 2.0 am ${formatDate(asOf)}` } : {})}
    />
  );
}
