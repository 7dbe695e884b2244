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
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: 20, right: 48, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#e3e8ef" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={percentTick}
            tick={{ fill: '#4a5567', fontSize: 12 }}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={narrow ? 112 : 220}
            interval={0}
            tickFormatter={narrow ? shortName : undefined}
            tick={{ fill: '#1b2430', fontSize: narrow ? 11 : 13 }}
          />
          {reference ? (
            <ReferenceLine
              x={reference.share}
              stroke="#a3161d"
              strokeDasharray="4 3"
              label={{
                value: `${reference.label} ${formatShare(reference.share)}`,
                position: 'top',
                fill: '#a3161d',
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
              fill: '#1b2430',
            }}
          >
            {rows.map((row) => (
              <Cell key={row.ags} fill={row.ags === highlightAgs ? '#16365c' : '#5b9bd5'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
