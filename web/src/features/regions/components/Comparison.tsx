import type { RegionLevel } from '@ozg/shared';
import { lazy, type ReactNode, Suspense } from 'react';
import { Loading } from '../../../components/States';
import { NARROW_SCREEN, useMediaQuery } from '../../../lib/use-media-query';
import type { ProgressRow } from '../progress-rows';
import { ProgressTable } from './ProgressTable';

/** Links for the signed-in user beside a region (its workspace, its audit trail); the app provides them. */
export type RegionLinks = (region: { ags: string; name: string; level: RegionLevel }) => ReactNode;

const ComparisonBarChart = lazy(() => import('./charts/ComparisonBarChart'));

/** Regions side by side: a bar chart of the OZG-konform share and the sortable table with all figures. */
export function Comparison({
  rows,
  caption,
  highlightAgs,
  reference,
  rowLinks,
}: {
  rows: ProgressRow[];
  caption: string;
  highlightAgs?: string | undefined;
  reference?: { label: string; share: number } | undefined;
  rowLinks?: RegionLinks | undefined;
}) {
  const narrow = useMediaQuery(NARROW_SCREEN);
  const chartRows = [...rows].sort((a, b) => (b.conformantShare ?? -1) - (a.conformantShare ?? -1));
  return (
    <>
      <Suspense fallback={<Loading label="Das Diagramm" />}>
        <ComparisonBarChart
          rows={chartRows}
          highlightAgs={highlightAgs}
          reference={reference}
          narrow={narrow}
        />
      </Suspense>
      <ProgressTable rows={rows} caption={caption} highlightAgs={highlightAgs} rowLinks={rowLinks} />
    </>
  );
}
