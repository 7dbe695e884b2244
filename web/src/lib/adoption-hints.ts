import { type AdoptionHints, SOLUTION_KIND_LABELS, type SolutionKind } from '@ozg/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api-client';
import { formatNumber } from './format';

/**
 * How comparable municipalities and neighbours offer a service
 * (GET /regions/{key}/services/{ozgId}/hints). Shared by the workspace and the
 * consultant's view of a municipality, which both show it where a service is
 * missing or low.
 */
export const adoptionHintsQueryOptions = (regionKey: string, ozgId: number) =>
  queryOptions({
    queryKey: ['regions', regionKey, 'services', ozgId, 'hints'],
    queryFn: () =>
      unwrap(
        api.regions[':key'].services[':ozgId'].hints.$get({
          param: { key: regionKey, ozgId: String(ozgId) },
        }),
      ),
    // Other municipalities' statuses change slowly; a consultant opening several hints needs no refetch.
    staleTime: 5 * 60_000,
  });

export const useAdoptionHints = (regionKey: string, ozgId: number) =>
  useQuery(adoptionHintsQueryOptions(regionKey, ozgId));

type SolutionHint = AdoptionHints['solutions'][number];

/** The solution as officers know it; null: the others did not say which one they use. */
export const solutionName = (solution: string | null) =>
  solution === null
    ? 'eine nicht angegebene Lösung'
    : (SOLUTION_KIND_LABELS[solution as SolutionKind] ?? solution);

/**
 * One sentence per solution: "12 vergleichbare Kommunen nutzen civento (ekom21)
 * seit durchschnittlich 2023". Neighbours (same Kreis) are named apart, being
 * the easiest to ask; each municipality is counted once.
 */
export function hintSentence(hint: SolutionHint): string {
  const count = hint.municipalities;
  const [noun, verb] =
    count === 1 ? ['vergleichbare Kommune', 'nutzt'] : ['vergleichbare Kommunen', 'nutzen'];
  const neighbours =
    hint.neighbours === 0
      ? ''
      : hint.neighbours === count
        ? count === 1
          ? ' im selben Kreis'
          : ' (alle im selben Kreis)'
        : ` (${formatNumber(hint.neighbours)} davon im selben Kreis)`;
  const since = hint.averageSince ? ` seit durchschnittlich ${hint.averageSince.slice(0, 4)}` : '';
  return `${formatNumber(count)} ${noun}${neighbours} ${verb} ${solutionName(hint.solution)}${since}`;
}
