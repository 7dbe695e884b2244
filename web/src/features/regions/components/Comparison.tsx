import type { RegionLevel } from '@ozg/shared';
import { lazy, type ReactNode, Suspense } from 'react';
import { Loading } from '../../../components/States';
import { NARROW_SCREEN, useMediaQuery } from '../../../lib/use-media-query';
import type { ProgressRow } from '../progress-rows';
import { ProgressTable } from './ProgressTable';
import '../../../components/model-switch.css';

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
  model2Level,
}: {
  rows: ProgressRow[];
  caption: string;
  highlightAgs?: string | undefined;
  reference?: { label: string; share: number } | undefined;
  rowLinks?: RegionLinks | undefined;
  /** By Reifegradmodell 2.0 from this level (rows from toProgressRows(…, true)); 1.1 when missing. */
  model2Level?: number | null | undefined;
}) {
  const narrow = useMediaQuery(NARROW_SCREEN);
  const by2 = model2Level != null;
  const shareOf = (row: ProgressRow) => (by2 ? row.model2Share : row.conformantShare);
  const chartRows = [...rows].sort((a, b) => (shareOf(b) ?? -1) - (shareOf(a) ?? -1));
  return (
    <>
      {by2 ? (
        <p className="comparison-model-note">
          Diagramm, Rang und erste Spalte nach Reifegradmodell 2.0: Anteil der Zielleistungen ab Stufe{' '}
          {model2Level} (nicht bewertete zählen als nicht erreicht; ganz ohne Bewertung kein Wert und kein
          Rang). <span className="badge-provisional">Arbeitsstand, vom Land anpassbar</span>
        </p>
      ) : null}
      <Suspense fallback={<Loading label="Das Diagramm" />}>
        <ComparisonBarChart
          rows={chartRows}
          highlightAgs={highlightAgs}
          reference={reference}
          narrow={narrow}
          {...(by2 ? { valueKey: 'model2Share' as const } : {})}
        />
      </Suspense>
      <ProgressTable
        rows={rows}
        caption={caption}
        highlightAgs={highlightAgs}
        rowLinks={rowLinks}
        model2Level={model2Level}
      />
    </>
  );
}
