import type { RegionKind } from '@ozg/shared';

/**
 * The one short label of a region for charts, tables and the map, where the
 * official name is too long ("Wiesbaden, Landeshauptstadt") or ambiguous (the
 * Landkreis "Kassel" beside the city "Kassel, documenta-Stadt"):
 * - the title after the comma goes ("Kassel, documenta-Stadt" → "Kassel"),
 * - a Landkreis not called "…kreis" gets "Lkr." ("Kassel" → "Lkr. Kassel"),
 *   so that it never reads like the city of the same name,
 * - a Regierungsbezirk gets the usual "Reg.-Bez." ("Regierungsbezirk Darmstadt"
 *   → "Reg.-Bez. Darmstadt").
 * Full names stay in titles, the accessible names and the search.
 */
export function regionShortName(region: { name: string; kind: RegionKind }): string {
  const base = region.name.replace(/,.*$/, '').trim() || region.name.trim();
  if (region.kind === 'regierungsbezirk') return base.replace(/^Regierungsbezirk\s+/, 'Reg.-Bez. ');
  if (region.kind === 'landkreis') {
    const place = base.replace(/^Landkreis\s+/, '');
    return /kreis/i.test(place) ? place : `Lkr. ${place}`;
  }
  return base;
}

/**
 * Splits a label into lines of at most `maxChars` at spaces and after
 * hyphens, never inside a word, for SVG text (which does not wrap by itself).
 * A single word longer than a line stays whole on its own line.
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  const parts = label.split(/(?<=-)|\s+/).filter((part) => part.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    const joiner = line === '' || line.endsWith('-') ? '' : ' ';
    if (line !== '' && (line + joiner + part).length > maxChars) {
      lines.push(line);
      line = part;
    } else line += joiner + part;
  }
  if (line !== '') lines.push(line);
  return lines;
}
