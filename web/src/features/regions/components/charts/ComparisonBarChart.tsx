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
import { CHART_COLOURS } from '../../../../lib/chart-palette';
import { formatShare } from '../../../../lib/format';
import type { ProgressRow } from '../../progress-rows';

const percentTick = (share: number) => `${Math.round(share * 100)} %`;
/** Phones have no room for "Wiesbaden, Landeshauptstadt": the table below has the full names. */
const shortName = (name: string) => (name.length > 16 ? `${name.slice(0, 15).trimEnd()}…` : name);

/** Horizontal bars of the OZG-konform share; the highlighted region in a darker colour. Only draws. */
export default function ComparisonBarChart({
  rows,
  highlightAgs,
  reference,
  narrow,
}: {
  rows: ProgressRow[];
  highlightAgs?: string | undefined;
  /** The parent's share, drawn as a vertical line. */
  reference?: { label: string; share: number } | undefined;
  narrow: boolean;
}) {
  const height = Math.max(120, rows.length * 26 + 40);
  return (
    <ChartFrame>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: 20, right: 48, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={CHART_COLOURS.grid} horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={percentTick}
            tick={{ fill: CHART_COLOURS.tick, fontSize: 12 }}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={narrow ? 112 : 220}
            interval={0}
            tickFormatter={narrow ? shortName : undefined}
            tick={{ fill: CHART_COLOURS.ink, fontSize: narrow ? 11 : 13 }}
          />
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
          <Bar
            dataKey="conformantShare"
            isAnimationActive={false}
            barSize={16}
            label={{
              position: 'right',
              formatter: (value: unknown) => formatShare(typeof value === 'number' ? value : null),
              fontSize: 11,
              fill: CHART_COLOURS.ink,
            }}
          >
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
