/** The Land the consulting programme runs in (Hessen funds it, domain.md). */
export const CONSULTING_LAND = '06';

/** The consultation page of a municipality. */
export const consultationPath = (ags: string) => `/beratung/kommune/${ags}`;

/** The Digitalisierungs-Check form of a municipality. */
export const checkPath = (ags: string) => `/beratung/kommune/${ags}/check`;
