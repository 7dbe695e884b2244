import { MATURITY_MODELS, type MaturityModel, OZG_CONFORMANT_LEVEL } from './maturity';
// Type only: the rules stay free of the wire schemas at run time.
import type { FieldProblem } from './wire-errors';

/** The state of a status after a change, as far as the rules need it. */
export type StatusFields = {
  maturityLevel: number;
  maturityModel: MaturityModel;
  url: string | null;
  onlineSince: string | null;
  plannedDate: string | null;
};

/**
 * The rules a status must satisfy after every change (API, bulk edit, CSV):
 * - the level lies within its maturity model (1.1: 0-4, 2.0: 0-7);
 * - only Reifegradmodell 1.1 is accepted for now: rollups and analytics count
 *   its levels, and no official mapping from 2.0 exists yet;
 * - from Reifegrad 3 (OZG-konform) the date it went online is required, and
 *   below 3 there is none (a service that is not online cannot be online since);
 * - "online seit" is not in the future; the URL is http or https.
 */
export function statusProblems(status: StatusFields, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const model = MATURITY_MODELS[status.maturityModel];
  if (status.maturityModel !== '1.1') {
    problems.push({ path: 'maturityModel', message: 'Derzeit wird nur das Reifegradmodell 1.1 erfasst.' });
  } else if (
    !Number.isInteger(status.maturityLevel) ||
    status.maturityLevel < 0 ||
    status.maturityLevel > model.maxLevel
  ) {
    problems.push({
      path: 'maturityLevel',
      message: `Reifegrad muss zwischen 0 und ${model.maxLevel} liegen.`,
    });
  }
  if (status.maturityLevel >= OZG_CONFORMANT_LEVEL && !status.onlineSince) {
    problems.push({ path: 'onlineSince', message: 'Ab Reifegrad 3 ist das Datum „online seit“ anzugeben.' });
  }
  if (status.maturityLevel < OZG_CONFORMANT_LEVEL && status.onlineSince) {
    problems.push({
      path: 'onlineSince',
      message: '„Online seit“ gibt es erst ab Reifegrad 3; bitte leeren oder den Reifegrad anheben.',
    });
  }
  if (status.onlineSince && status.onlineSince > today) {
    problems.push({ path: 'onlineSince', message: '„Online seit“ darf nicht in der Zukunft liegen.' });
  }
  if (status.url !== null && status.url !== '') {
    let valid = false;
    try {
      const parsed = new URL(status.url);
      valid = (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.includes('.');
    } catch {
      valid = false;
    }
    if (!valid)
      problems.push({
        path: 'url',
        message: 'Die URL muss mit http:// oder https:// beginnen und eine Domain enthalten.',
      });
  }
  return problems;
}
