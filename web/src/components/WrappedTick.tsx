import { wrapLabel } from '../lib/region-names';

/** Phones and desktops alike: category tick text never below 12 px (issue item 7). */
export const TICK_FONT_SIZE = 12;

/**
 * A category-axis tick of a horizontal recharts bar chart whose label wraps
 * at word boundaries (SVG text does not wrap, and recharts would cut it),
 * right-aligned beside the bar and centred on it. `width` is the axis width
 * in px; about 0.55 em per character is the average of a German label.
 */
export function WrappedTick({
  x,
  y,
  payload,
  width,
  fontSize = TICK_FONT_SIZE,
  fill = '#1b2430',
}: {
  x?: number;
  y?: number;
  payload?: { value?: unknown };
  width: number;
  fontSize?: number;
  fill?: string;
}) {
  const text = String(payload?.value ?? '');
  const lines = wrapLabel(text, Math.max(6, Math.floor((width - 8) / (fontSize * 0.55))));
  const lineHeight = fontSize * 1.15;
  const firstDy = -((lines.length - 1) * lineHeight) / 2;
  return (
    <text
      x={x}
      y={y}
      textAnchor="end"
      dominantBaseline="central"
      fontSize={fontSize}
      fill={fill}
      className="wrapped-tick"
    >
      {lines.map((line, index) => (
        <tspan key={`${index}-${line}`} x={x} dy={index === 0 ? firstDy : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
