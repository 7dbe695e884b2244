import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../../../../components/ChartFrame';
import { BAR_LABEL_ROOM, barShareLabel, namesAxis, shareAxis } from '../../../../components/chart-axes';
import { CHART_COLOURS } from '../../../../lib/chart-palette';
import type { UptakeChartRow } from '../../consulting-model';

/** Share of municipalities consulted, per area, as horizontal bar pairs. Only draws; the table says the same. */
export default function UptakeBarChart({ rows, narrow }: { rows: UptakeChartRow[]; narrow: boolean }) {
  const height = Math.max(160, rows.length * 40 + 70);
  const max = Math.max(0.1, ...rows.flatMap((row) => [row.ozg, row.verwaltungsdigitalisierung]));
  const top = Math.min(1, Math.ceil(max * 10) / 10);
  return (
    <ChartFrame>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: 8, right: BAR_LABEL_ROOM, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={CHART_COLOURS.grid} horizontal={false} />
          <XAxis {...shareAxis({ top })} />
          <YAxis {...namesAxis('name', narrow ? 120 : 240, narrow)} />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} />
          <Bar
            dataKey="ozg"
            name="OZG"
            fill={CHART_COLOURS.barHighlight}
            barSize={12}
            isAnimationActive={false}
            label={barShareLabel}
          />
          <Bar
            dataKey="verwaltungsdigitalisierung"
            name="Verwaltungsdigitalisierung"
            fill={CHART_COLOURS.bar}
            barSize={12}
            isAnimationActive={false}
            label={barShareLabel}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
