import type { RegionKind } from '@ozg/shared';

/**
 * Hessen's Regierungsbezirke and Kreise with their official keys and names
 * (facts of public law, as of 2023). The demo's Gemeinden below them are generated.
 */
export const DEMO_LAND = { ags: '06', name: 'Hessen' } as const;

export const DEMO_BEZIRKE = [
  { ags: '064', name: 'Regierungsbezirk Darmstadt' },
  { ags: '065', name: 'Regierungsbezirk Gießen' },
  { ags: '066', name: 'Regierungsbezirk Kassel' },
] as const;

type DemoKreis = {
  ags: string;
  name: string;
  kind: Extract<RegionKind, 'landkreis' | 'kreisfreie_stadt'>;
  population?: number;
};

/** Populations of the kreisfreie Städte are rounded plausible figures; Landkreise sum their generated Gemeinden. */
export const DEMO_KREISE: readonly DemoKreis[] = [
  { ags: '06411', name: 'Darmstadt, Wissenschaftsstadt', kind: 'kreisfreie_stadt', population: 160_000 },
  { ags: '06412', name: 'Frankfurt am Main, Stadt', kind: 'kreisfreie_stadt', population: 770_000 },
  { ags: '06413', name: 'Offenbach am Main, Stadt', kind: 'kreisfreie_stadt', population: 130_000 },
  { ags: '06414', name: 'Wiesbaden, Landeshauptstadt', kind: 'kreisfreie_stadt', population: 280_000 },
  { ags: '06431', name: 'Bergstraße', kind: 'landkreis' },
  { ags: '06432', name: 'Darmstadt-Dieburg', kind: 'landkreis' },
  { ags: '06433', name: 'Groß-Gerau', kind: 'landkreis' },
  { ags: '06434', name: 'Hochtaunuskreis', kind: 'landkreis' },
  { ags: '06435', name: 'Main-Kinzig-Kreis', kind: 'landkreis' },
  { ags: '06436', name: 'Main-Taunus-Kreis', kind: 'landkreis' },
  { ags: '06437', name: 'Odenwaldkreis', kind: 'landkreis' },
  { ags: '06438', name: 'Offenbach', kind: 'landkreis' },
  { ags: '06439', name: 'Rheingau-Taunus-Kreis', kind: 'landkreis' },
  { ags: '06440', name: 'Wetteraukreis', kind: 'landkreis' },
  { ags: '06531', name: 'Gießen', kind: 'landkreis' },
  { ags: '06532', name: 'Lahn-Dill-Kreis', kind: 'landkreis' },
  { ags: '06533', name: 'Limburg-Weilburg', kind: 'landkreis' },
  { ags: '06534', name: 'Marburg-Biedenkopf', kind: 'landkreis' },
  { ags: '06535', name: 'Vogelsbergkreis', kind: 'landkreis' },
  { ags: '06611', name: 'Kassel, documenta-Stadt', kind: 'kreisfreie_stadt', population: 200_000 },
  { ags: '06631', name: 'Fulda', kind: 'landkreis' },
  { ags: '06632', name: 'Hersfeld-Rotenburg', kind: 'landkreis' },
  { ags: '06633', name: 'Kassel', kind: 'landkreis' },
  { ags: '06634', name: 'Schwalm-Eder-Kreis', kind: 'landkreis' },
  { ags: '06635', name: 'Waldeck-Frankenberg', kind: 'landkreis' },
  { ags: '06636', name: 'Werra-Meißner-Kreis', kind: 'landkreis' },
];

// Syllables that make clearly invented place names ("Musterbach", "Ober-Beispielfeld").
const STEMS = ['Muster', 'Beispiel', 'Probe', 'Modell', 'Demo', 'Übungs', 'Vorlage', 'Schablonen'] as const;
const ENDINGS = [
  'bach',
  'feld',
  'hausen',
  'dorf',
  'heim',
  'au',
  'berg',
  'tal',
  'rode',
  'hain',
  'stein',
  'brunn',
] as const;
const PREFIXES = ['', 'Ober-', 'Nieder-', 'Alt-', 'Neu-'] as const;

/** All invented names, in a fixed order, so that each Gemeinde of the demo gets a different one. */
export function inventedPlaceNames(): string[] {
  const names: string[] = [];
  for (const prefix of PREFIXES) {
    for (const ending of ENDINGS) {
      for (const stem of STEMS) names.push(`${prefix}${stem}${ending}`);
    }
  }
  return names;
}
