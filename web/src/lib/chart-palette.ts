/**
 * The colours the charts draw with, in one place so that a unit test can hold
 * each of them to WCAG 2.1 contrast on the white page: 3:1 for graphics
 * (1.4.11), 4.5:1 where the colour is also used for text, as recharts paints a
 * legend entry in its series colour (1.4.3).
 */
export const CHART_COLOURS = {
  /** Bars of every region but the highlighted one; also legend text. */
  bar: '#3a78b5',
  /** The region the page is about, and the first series of a pair. */
  barHighlight: '#16365c',
  /** The course over time and its forecast. */
  line: '#0b6bcb',
  /** The deadline and the parent's reference line, with their labels. */
  reference: '#a3161d',
  /** Axis ticks. */
  tick: '#4a5567',
  /** Names and values written beside the bars. */
  ink: '#1b2430',
  /** Grid lines: decoration only, no contrast requirement. */
  grid: '#e3e8ef',
} as const;

/** sRGB channel to linear light, as WCAG 2.1 defines relative luminance. */
const linear = (channel: number) => {
  const value = channel / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
};

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a colour of the form #rrggbb: ${hex}`);
  const [red, green, blue] = match.slice(1).map((part) => linear(Number.parseInt(part, 16)));
  return 0.2126 * (red ?? 0) + 0.7152 * (green ?? 0) + 0.0722 * (blue ?? 0);
}

/** The WCAG contrast ratio of two #rrggbb colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
