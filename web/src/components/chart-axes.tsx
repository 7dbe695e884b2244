/**
 * The axis setup every recharts chart of the app shares: share axes in
 * percent, category axes whose names wrap (WrappedTick), tick text in the
 * chart palette and never below 12 px, values written beside the bars. Spread
 * into recharts' own `<XAxis>`/`<YAxis>`/`<Bar label>`: recharts finds its
 * axes among the chart's children, so they stay recharts elements. Only types
 * come from recharts here, so this module adds nothing to the initial bundle.
 */
import type { LabelListProps, XAxisProps, YAxisProps } from 'recharts';
import { CHART_COLOURS } from '../lib/chart-palette';
import { formatShare } from '../lib/format';
import { TICK_FONT_SIZE, WrappedTick } from './WrappedTick';

/** Tick text of numeric and time axes. */
export const AXIS_TICK = { fill: CHART_COLOURS.tick, fontSize: TICK_FONT_SIZE } as const;

/** Ticks of a full share axis: every quarter. */
export const QUARTERS = [0, 0.25, 0.5, 0.75, 1];

/** A share (0–1) as a whole percent, for axis ticks: "25 %". */
export const percentTick = (share: number) => `${Math.round(share * 100)} %`;

/** A numeric axis of shares from 0 to `top` (at most 1), in percent. */
export function shareAxis({
  top = 1,
  ticks,
}: {
  top?: number;
  ticks?: number[];
} = {}): XAxisProps & YAxisProps {
  return {
    type: 'number',
    domain: [0, top],
    ...(ticks ? { ticks } : {}),
    tickFormatter: percentTick,
    tick: AXIS_TICK,
  };
}

/**
 * The names axis of a horizontal bar chart: every name shown, wrapped at word
 * boundaries within `width` px; slightly larger text where there is room.
 */
export function namesAxis(dataKey: string, width: number, narrow: boolean): YAxisProps {
  return {
    type: 'category',
    dataKey,
    width,
    interval: 0,
    tick: <WrappedTick width={width} fontSize={narrow ? TICK_FONT_SIZE : 13} />,
  };
}

/** Room right of the bars for the share written at their end: "100,0 %" at 12 px needs about 52 px. */
export const BAR_LABEL_ROOM = 60;

/** The share written at the end of each bar. */
export const barShareLabel: LabelListProps = {
  position: 'right',
  formatter: (value: unknown) => formatShare(typeof value === 'number' ? value : null),
  fontSize: TICK_FONT_SIZE,
  fill: CHART_COLOURS.ink,
};

/** Horizontal grid lines only: the values are read against the y axis. */
export const HORIZONTAL_GRID = { stroke: CHART_COLOURS.grid, vertical: false } as const;

/** Props of every line chart: room above for a reference label; the table beside it is the accessible form. */
export const lineChartProps = (top: number) =>
  ({ margin: { top, right: 16, bottom: 4, left: 0 }, accessibilityLayer: false }) as const;

/** The measured line: solid, no dots, drawn at once (no animation that screenshots or reduced motion catch). */
export const MEASURED_LINE = {
  type: 'monotone',
  stroke: CHART_COLOURS.line,
  strokeWidth: 2.5,
  dot: false,
  isAnimationActive: false,
} as const;
