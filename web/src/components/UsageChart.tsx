import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_COLOURS } from '../lib/chart-palette';
import { formatNumber } from '../lib/format';
import { ChartFrame } from './ChartFrame';
import { AXIS_TICK } from './chart-axes';

/** "2026-03" as "03/26" on the axis. */
const monthTick = (month: string) => `${month.slice(5, 7)}/${month.slice(2, 4)}`;

/**
 * Monthly applications as a line. Only draws: the figure around it carries the
 * sentence and the table (UsageFigure).
 */
export default function UsageChart({ series }: { series: { month: string; applications: number }[] }) {
  return (
    <ChartFrame>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart
          data={series}
          margin={{ top: 16, right: 16, bottom: 4, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={CHART_COLOURS.grid} vertical={false} />
          <XAxis dataKey="month" tickFormatter={monthTick} tick={AXIS_TICK} minTickGap={12} />
          <YAxis tickFormatter={(value: number) => formatNumber(value)} tick={AXIS_TICK} width={64} />
          <Tooltip
            labelFormatter={(month) => monthTick(String(month))}
            formatter={(value) => [formatNumber(typeof value === 'number' ? value : null), 'Anträge']}
          />
          <Line
            type="monotone"
            dataKey="applications"
            stroke={CHART_COLOURS.line}
            strokeWidth={2.5}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
