import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../lib/format';
import { ChartFrame } from './ChartFrame';
import { AXIS_TICK, HORIZONTAL_GRID, lineChartProps, MEASURED_LINE } from './chart-axes';

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
        <LineChart data={series} {...lineChartProps(16)}>
          <CartesianGrid {...HORIZONTAL_GRID} />
          <XAxis dataKey="month" tickFormatter={monthTick} tick={AXIS_TICK} minTickGap={12} />
          <YAxis tickFormatter={(value: number) => formatNumber(value)} tick={AXIS_TICK} width={64} />
          <Tooltip
            labelFormatter={(month) => monthTick(String(month))}
            formatter={(value) => [formatNumber(typeof value === 'number' ? value : null), 'Anträge']}
          />
          <Line dataKey="applications" {...MEASURED_LINE} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
