import type { ConsultingArea } from '@ozg/shared';

/** Query keys of the consulting feature; mutations invalidate by these prefixes. */
export const consultingKeys = {
  modules: ['consulting', 'modules'] as const,
  consultants: ['consulting', 'consultants'] as const,
  consultations: (ags: string) => ['regions', ags, 'consultations'] as const,
  worklist: (key: string, filter: { area: ConsultingArea | null; kreis: string | null }) =>
    ['regions', key, 'consulting', 'worklist', filter] as const,
  report: (key: string) => ['regions', key, 'consulting', 'report'] as const,
  check: (ags: string) => ['regions', ags, 'check'] as const,
  questionnaire: (version: number | null) => ['consulting', 'check', 'questionnaire', { version }] as const,
  questionnaires: ['consulting', 'check', 'questionnaires'] as const,
  // Outside the 'consulting' overview prefix: a consultation's steps do not change them (and they are costly).
  quickWins: (ags: string) => ['regions', ags, 'quick-wins'] as const,
  recommendation: (ags: string) => ['regions', ags, 'recommendation'] as const,
  rules: ['consulting', 'recommendation-rules'] as const,
};

/** Every cached worklist and report: an offered consultation changes both. */
export const isConsultingOverview = (queryKey: readonly unknown[]) =>
  queryKey[0] === 'regions' && queryKey[2] === 'consulting';
