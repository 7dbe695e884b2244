import { API_BASE, api } from '../../../lib/api-client';

/** The municipality profile as a file: PDF or the figures as XLSX (today's figures). */
export const profileFileUrl = (ags: string, format: 'pdf' | 'xlsx') =>
  `${API_BASE}${api.regions[':key'].profile.$path({ param: { key: ags }, query: { format } })}`;

/** The profile stored when the consultation was recorded as held. */
export const consultationProfileUrl = (id: number) =>
  `${API_BASE}${api.consultations[':id'].profile.$path({ param: { id: String(id) } })}`;
