import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { TICK_FONT_SIZE, WrappedTick } from '../../../../components/WrappedTick';
import { formatShare } from '../../../../lib/format';
import type { UptakeChartRow } from '../../consulting-model';

const percentTick = (share: number) => `${Math.round(share * 100)} %`;

/** Share of municipalities consulted, per area, as horizontal bar pairs. Only draws; the table says the same. */
export default function UptakeBarChart({ rows, narrow }: { rows: UptakeChartRow[]; narrow: boolean }) {
  const height = Math.max(160, rows.length * 40 + 70);
  const max = Math.max(0.1, ...rows.flatMap((row) => [row.ozg, row.verwaltungsdigitalisierung]));
  const top = Math.min(1, Math.ceil(max * 10) / 10);
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: 8, right: 56, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#e3e8ef" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, top]}
            tickFormatter={percentTick}
            tick={{ fill: '#4a5567', fontSize: 12 }}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={narrow ? 120 : 240}
            interval={0}
            tick={<WrappedTick width={narrow ? 120 : 240} fontSize={narrow ? TICK_FONT_SIZE : 13} />}
          />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} />
          <Bar
            dataKey="ozg"
            name="OZG"
            fill="#16365c"
            barSize={12}
            isAnimationActive={false}
            label={{
              position: 'right',
              formatter: (value: unknown) => formatShare(typeof value === 'number' ? value : null),
              fontSize: TICK_FONT_SIZE,
              fill: '#1b2430',
            }}
          />
          <Bar
            dataKey="verwaltungsdigitalisierung"
            name="Verwaltungsdigitalisierung"
            fill="#5b9bd5"
            barSize={12}
            isAnimationActive={false}
            label={{
              position: 'right',
              formatter: (value: unknown) => formatShare(typeof value === 'number' ? value : null),
              fontSize: TICK_FONT_SIZE,
              fill: '#1b2430',
            }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
