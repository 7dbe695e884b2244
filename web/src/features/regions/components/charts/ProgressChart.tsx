import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame } from '../../../../components/ChartFrame';
import {
  AXIS_TICK,
  HORIZONTAL_GRID,
  lineChartProps,
  MEASURED_LINE,
  QUARTERS,
  shareAxis,
} from '../../../../components/chart-axes';
import { CHART_COLOURS } from '../../../../lib/chart-palette';
import { formatDate, formatShare } from '../../../../lib/format';
import { type SeriesChartPoint, yearTicks } from '../../progress-series';

const yearOf = (time: number) => String(new Date(time).getUTCFullYear());

/**
 * OZG-konform share over time, the deadline as a vertical line and the
 * forecast dashed. Only draws: the figure around it carries the text and table.
 */
export default function ProgressChart({
  points,
  deadlineTime,
  label = 'OZG-konform',
}: {
  points: SeriesChartPoint[];
  /** null: no deadline line (the course by Reifegradmodell 2.0 has no 2022 deadline). */
  deadlineTime: number | null;
  /** What the measured line shows, for the tooltip. */
  label?: string;
}) {
  return (
    <ChartFrame>
      <ResponsiveContainer width="100%" height={300}>
        <LineChart data={points} {...lineChartProps(24)}>
          <CartesianGrid {...HORIZONTAL_GRID} />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            ticks={yearTicks(points)}
            tickFormatter={yearOf}
            tick={AXIS_TICK}
          />
          <YAxis {...shareAxis({ ticks: QUARTERS })} width={56} />
          <Tooltip
            labelFormatter={(time) => formatDate(new Date(Number(time)).toISOString())}
            formatter={(value, name) => [
              formatShare(typeof value === 'number' ? value : null),
              name === 'forecast' ? 'Prognose' : label,
            ]}
          />
          {deadlineTime !== null ? (
            <ReferenceLine
              x={deadlineTime}
              stroke={CHART_COLOURS.reference}
              strokeWidth={2}
              label={{
                value: 'Frist 31.12.2022',
                position: 'top',
                fill: CHART_COLOURS.reference,
                fontSize: 12,
              }}
            />
          ) : null}
          <Line dataKey="actual" {...MEASURED_LINE} connectNulls={false} />
          <Line
            type="linear"
            dataKey="forecast"
            stroke={CHART_COLOURS.line}
            strokeWidth={2}
            strokeDasharray="6 5"
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
