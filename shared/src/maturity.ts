/** Maturity (Reifegrad) of an online service and the OZG deadline. */

/**
 * Reifegradmodell 1.1 (2020) has levels 0-4; Reifegradmodell 2.0 (2025) has 0-7.
 * Every recorded level carries its model version so both can coexist.
 */
export const MATURITY_MODELS = {
  '1.1': { maxLevel: 4 },
  '2.0': { maxLevel: 7 },
} as const;
export type MaturityModel = keyof typeof MATURITY_MODELS;
export const MATURITY_MODEL_VERSIONS = Object.keys(MATURITY_MODELS) as MaturityModel[];
export const DEFAULT_MATURITY_MODEL: MaturityModel = '1.1';
/** Reifegradmodell 2.0 replaced 1.1 as the yardstick in July 2025: a day before it has no 2.0 figures. */
export const MODEL2_PUBLISHED = '2025-07-01';

export const MATURITY_LEVELS_1_1 = [0, 1, 2, 3, 4] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS_1_1)[number];

export const MATURITY_LABELS_1_1: Record<MaturityLevel, string> = {
  0: 'Offline',
  1: 'Information',
  2: 'Formular-Assistent',
  3: 'Online-Leistung',
  4: 'Online-Transaktion',
};

/** OZG-konform = Reifegrad >= 3 (Reifegradmodell 1.1). */
export const OZG_CONFORMANT_LEVEL = 3;

/** The OZG deadline: services were to be online by the end of 2022 (§ 1 OZG, 2017). */
export const OZG_DEADLINE = '2022-12-31';

export const WORKFLOW_STATES = ['not_started', 'planned', 'in_progress', 'online', 'paused'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];
export const WORKFLOW_STATE_LABELS: Record<WorkflowState, string> = {
  not_started: 'Nicht begonnen',
  planned: 'Geplant',
  in_progress: 'In Umsetzung',
  online: 'Online',
  paused: 'Zurückgestellt',
};

/** Who provides the online service: an EfA service, ekom21's civento forms, an own solution or another one. */
export const SOLUTION_KINDS = ['efa', 'civento', 'own', 'other'] as const;
export type SolutionKind = (typeof SOLUTION_KINDS)[number];
export const SOLUTION_KIND_LABELS: Record<SolutionKind, string> = {
  efa: 'EfA-Dienst',
  civento: 'civento (ekom21)',
  own: 'Eigene Lösung',
  other: 'Andere Lösung',
};
