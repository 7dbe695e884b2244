import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame } from '../../../../components/ChartFrame';
import {
  BAR_LABEL_ROOM,
  barShareLabel,
  namesAxis,
  QUARTERS,
  shareAxis,
} from '../../../../components/chart-axes';
import { CHART_COLOURS } from '../../../../lib/chart-palette';
import { formatShare } from '../../../../lib/format';
import { regionShortName } from '../../../../lib/region-names';
import type { ProgressRow } from '../../progress-rows';

/** Horizontal bars of the OZG-konform share (or the 2.0 share); the highlighted region in a darker colour. Only draws. */
export default function ComparisonBarChart({
  rows,
  highlightAgs,
  reference,
  narrow,
  valueKey = 'conformantShare',
}: {
  rows: ProgressRow[];
  highlightAgs?: string | undefined;
  /** The parent's share, drawn as a vertical line. */
  reference?: { label: string; share: number } | undefined;
  narrow: boolean;
  valueKey?: 'conformantShare' | 'model2Share';
}) {
  // The shared short names ("Lkr. Kassel", "Reg.-Bez. Darmstadt"), as in the table and on the map.
  const data = rows.map((row) => ({ ...row, label: regionShortName(row) }));
  const axisWidth = narrow ? 120 : 220;
  // Room for a label wrapped onto two lines on phones.
  const height = Math.max(120, rows.length * (narrow ? 34 : 26) + 40);
  return (
    <ChartFrame>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 20, right: BAR_LABEL_ROOM, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={CHART_COLOURS.grid} horizontal={false} />
          <XAxis {...shareAxis({ ticks: QUARTERS })} />
          <YAxis {...namesAxis('label', axisWidth, narrow)} />
          {reference ? (
            <ReferenceLine
              x={reference.share}
              stroke={CHART_COLOURS.reference}
              strokeDasharray="4 3"
              label={{
                value: `${reference.label} ${formatShare(reference.share)}`,
                position: 'top',
                fill: CHART_COLOURS.reference,
                fontSize: 12,
              }}
            />
          ) : null}
          <Bar dataKey={valueKey} isAnimationActive={false} barSize={16} label={barShareLabel}>
            {rows.map((row) => (
              <Cell
                key={row.ags}
                fill={row.ags === highlightAgs ? CHART_COLOURS.barHighlight : CHART_COLOURS.bar}
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
