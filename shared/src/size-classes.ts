/**
 * Size classes by inhabitants, for comparing municipalities with fair peers
 * (the usual steps of German municipal statistics).
 */
export const SIZE_CLASSES = [
  { id: 'unter_5000', label: 'unter 5.000', min: 0, max: 5_000 },
  { id: '5000_10000', label: '5.000 bis unter 10.000', min: 5_000, max: 10_000 },
  { id: '10000_20000', label: '10.000 bis unter 20.000', min: 10_000, max: 20_000 },
  { id: '20000_50000', label: '20.000 bis unter 50.000', min: 20_000, max: 50_000 },
  { id: '50000_100000', label: '50.000 bis unter 100.000', min: 50_000, max: 100_000 },
  { id: 'ab_100000', label: '100.000 und mehr', min: 100_000, max: Number.POSITIVE_INFINITY },
] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number]['id'];
export const SIZE_CLASS_IDS = SIZE_CLASSES.map((sizeClass) => sizeClass.id) as [SizeClass, ...SizeClass[]];

export function sizeClassOf(population: number): SizeClass {
  return (
    SIZE_CLASSES.find((sizeClass) => population >= sizeClass.min && population < sizeClass.max) ??
    SIZE_CLASSES[0]
  ).id;
}
