/**
 * The Digitalisierungs-Check (issue 17): a questionnaire that the ministry keeps
 * as master data (dimensions, questions, answer options with points, weights),
 * answered by a municipality before a consultation, and the scores computed
 * from it. Pure functions and the shipped default questionnaire; no I/O.
 */
import { z } from 'zod';
import { CONSULTING_AREAS } from './wire-consulting';
import { safeText } from './wire-primitives';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const keySchema = (what: string) =>
  z
    .string()
    .regex(
      KEY,
      `${what}: Kleinbuchstaben, Ziffern und _ (höchstens 40 Zeichen, beginnt mit einem Buchstaben)`,
    );
const label = (what: string, max: number) =>
  safeText().trim().min(1, `${what} fehlt`).max(max, `${what}: höchstens ${max} Zeichen`);
/** Weights are relative; 0 would silently drop a question, more than 100 is a typing error. */
const weightSchema = z
  .number('Gewicht: Zahl erwartet')
  .gt(0, 'Gewicht muss größer als 0 sein')
  .max(100, 'Gewicht: höchstens 100');

export const CheckOptionSchema = z.object({
  label: label('Antwort', 120),
  /** Points of the answer; null = "keine Angabe" / "trifft nicht zu": the question does not count. */
  points: z
    .number('Punkte: Zahl erwartet')
    .min(0, 'Punkte: mindestens 0')
    .max(100, 'Punkte: höchstens 100')
    .nullable(),
});

export const CheckQuestionSchema = z.object({
  key: keySchema('Schlüssel der Frage'),
  text: label('Fragetext', 500),
  help: safeText().trim().max(1000, 'Hinweis: höchstens 1000 Zeichen').default(''),
  weight: weightSchema.default(1),
  options: z
    .array(CheckOptionSchema)
    .min(2, 'Mindestens zwei Antworten je Frage')
    .max(10, 'Höchstens zehn Antworten je Frage')
    .refine(
      (options) => options.some((option) => option.points !== null && option.points > 0),
      'Mindestens eine Antwort braucht Punkte größer als 0',
    ),
});

export const CheckDimensionSchema = z.object({
  key: keySchema('Schlüssel der Dimension'),
  name: label('Name der Dimension', 120),
  description: safeText().trim().max(1000).default(''),
  weight: weightSchema.default(1),
  questions: z.array(CheckQuestionSchema).min(1, 'Mindestens eine Frage je Dimension').max(30),
});

export const QuestionnaireDefinitionSchema = z
  .object({
    title: label('Titel', 200),
    area: z.enum(CONSULTING_AREAS).default('verwaltungsdigitalisierung'),
    description: safeText().trim().max(2000).default(''),
    dimensions: z.array(CheckDimensionSchema).min(1, 'Mindestens eine Dimension').max(12),
  })
  .superRefine((definition, ctx) => {
    const dimensions = new Set<string>();
    const questions = new Set<string>();
    definition.dimensions.forEach((dimension, d) => {
      if (dimensions.has(dimension.key))
        ctx.addIssue({
          code: 'custom',
          path: ['dimensions', d, 'key'],
          message: `Dimension „${dimension.key}“ doppelt`,
        });
      dimensions.add(dimension.key);
      dimension.questions.forEach((question, q) => {
        if (questions.has(question.key))
          ctx.addIssue({
            code: 'custom',
            path: ['dimensions', d, 'questions', q, 'key'],
            message: `Frage „${question.key}“ doppelt`,
          });
        questions.add(question.key);
      });
    });
  })
  .meta({ id: 'CheckQuestionnaireDefinition' });
export type QuestionnaireDefinition = z.infer<typeof QuestionnaireDefinitionSchema>;
export type CheckQuestion = z.infer<typeof CheckQuestionSchema>;

/** Answers: per question key the index of the chosen option (in the questionnaire version answered). */
export type CheckAnswers = Record<string, number>;

/** Scores from 0 to 100 (share of the reachable points), null where nothing counted. */
export type CheckScores = {
  overall: number | null;
  dimensions: { key: string; name: string; score: number | null; answered: number; questions: number }[];
};

/**
 * Scores of a set of answers. A question scores its option's points over the
 * best points of its options; a dimension is the weighted mean of its scored
 * questions, the overall score the weighted mean of the scored dimensions.
 * "Keine Angabe" (points null) and unanswered questions leave the means
 * instead of counting as 0, so a municipality is not marked down for a
 * question that does not apply to it.
 */
export function scoreCheck(definition: QuestionnaireDefinition, answers: CheckAnswers): CheckScores {
  const dimensions = definition.dimensions.map((dimension) => {
    let weighted = 0;
    let weights = 0;
    let answered = 0;
    for (const question of dimension.questions) {
      const chosen = answers[question.key];
      const option = chosen === undefined ? undefined : question.options[chosen];
      if (!option) continue;
      answered++;
      if (option.points === null) continue;
      const best = Math.max(...question.options.map((o) => o.points ?? 0));
      weighted += question.weight * (option.points / best);
      weights += question.weight;
    }
    return {
      key: dimension.key,
      name: dimension.name,
      score: weights > 0 ? (100 * weighted) / weights : null,
      answered,
      questions: dimension.questions.length,
    };
  });
  let weighted = 0;
  let weights = 0;
  definition.dimensions.forEach((dimension, index) => {
    const score = dimensions[index]?.score;
    if (score === null || score === undefined) return;
    weighted += dimension.weight * score;
    weights += dimension.weight;
  });
  return { overall: weights > 0 ? weighted / weights : null, dimensions };
}

/**
 * What is wrong with answers for a version, as field errors: unknown questions,
 * option indexes out of range, and (for a submission) unanswered questions.
 */
export function answerProblems(
  definition: QuestionnaireDefinition,
  answers: CheckAnswers,
  complete: boolean,
): { path: string; message: string }[] {
  const questions = new Map(
    definition.dimensions.flatMap((d) => d.questions.map((q) => [q.key, q] as const)),
  );
  const problems: { path: string; message: string }[] = [];
  for (const [key, index] of Object.entries(answers)) {
    const question = questions.get(key);
    if (!question)
      problems.push({ path: `answers.${key}`, message: 'Diese Frage gibt es in dieser Fassung nicht' });
    else if (!Number.isInteger(index) || index < 0 || index >= question.options.length)
      problems.push({
        path: `answers.${key}`,
        message: `Antwort ${index} gibt es nicht (0 bis ${question.options.length - 1})`,
      });
  }
  if (complete)
    for (const [key, question] of questions)
      if (answers[key] === undefined)
        problems.push({ path: `answers.${key}`, message: `Unbeantwortet: „${question.text}“` });
  return problems;
}

/**
 * Solutions that other municipalities share, so switching one on is the
 * cheapest win: an EfA service and ekom21's civento forms (domain.md).
 */
export const SHARED_SOLUTIONS = ['efa', 'civento'] as const;

// ---------------------------------------------------------------- the shipped default

const KEINE_ANGABE = { label: 'Keine Angabe / trifft nicht zu', points: null };
const UMSETZUNG = [
  { label: 'Nicht vorhanden', points: 0 },
  { label: 'Geplant', points: 1 },
  { label: 'In Einführung', points: 2 },
  { label: 'Teilweise im Einsatz', points: 3 },
  { label: 'Vollständig im Einsatz', points: 4 },
  KEINE_ANGABE,
];
const ANTEIL = [
  { label: 'Gar nicht', points: 0 },
  { label: 'Bis 25 %', points: 1 },
  { label: 'Bis 50 %', points: 2 },
  { label: 'Bis 75 %', points: 3 },
  { label: 'Mehr als 75 %', points: 4 },
  KEINE_ANGABE,
];
const JA_NEIN = [
  { label: 'Nein', points: 0 },
  { label: 'Teilweise / in Arbeit', points: 1 },
  { label: 'Ja', points: 2 },
  KEINE_ANGABE,
];

const q = (key: string, text: string, options: typeof UMSETZUNG, weight = 1, help = '') => ({
  key,
  text,
  help,
  weight,
  options,
});

/**
 * The default questionnaire for the area Verwaltungsdigitalisierung: 26
 * questions in the six fields the programme names (E-Akte, internal digital
 * workflows, infrastructure, IT security, staff skills, digital citizen
 * services beyond the OZG catalogue). A proposal, loaded as version 1 when no
 * questionnaire exists; the ministry replaces it by loading a new version.
 */
export const DEFAULT_QUESTIONNAIRE: QuestionnaireDefinition = {
  title: 'Digitalisierungs-Check Verwaltungsdigitalisierung',
  area: 'verwaltungsdigitalisierung',
  description:
    'Vorschlag des Landes (Vorgabe, vom Ministerium änderbar). Selbsteinschätzung der Kommune vor der Beratung; ' +
    'jede Antwort bringt Punkte, „Keine Angabe“ zählt nicht mit.',
  dimensions: [
    {
      key: 'e_akte',
      name: 'E-Akte und Schriftgut',
      description: 'Elektronische Aktenführung, Scannen, Archivierung.',
      weight: 1,
      questions: [
        q(
          'eakte_eingefuehrt',
          'Ist eine E-Akte (Dokumentenmanagementsystem) in der Verwaltung eingeführt?',
          UMSETZUNG,
          2,
        ),
        q('eakte_anteil', 'Welcher Anteil der Vorgänge wird vollständig elektronisch geführt?', ANTEIL),
        q(
          'scannen',
          'Wird eingehende Papierpost zentral gescannt und elektronisch verteilt?',
          UMSETZUNG,
          1,
          'Zum Beispiel ersetzendes Scannen nach BSI TR-RESISCAN.',
        ),
        q('archiv', 'Werden elektronische Akten nach Fristen ausgesondert und archiviert?', JA_NEIN),
      ],
    },
    {
      key: 'prozesse',
      name: 'Digitale Prozesse',
      description: 'Abläufe innerhalb der Verwaltung ohne Medienbruch.',
      weight: 1,
      questions: [
        q(
          'prozesslandkarte',
          'Sind die wichtigsten Verwaltungsprozesse dokumentiert (Prozesslandkarte)?',
          JA_NEIN,
        ),
        q('workflow', 'Laufen Umlauf, Mitzeichnung und Freigabe digital (Workflow)?', UMSETZUNG, 2),
        q(
          'antraege_fachverfahren',
          'Werden Online-Anträge ohne Abtippen in die Fachverfahren übernommen?',
          ANTEIL,
          2,
          'Medienbruchfreie Übergabe, z. B. über XÖV-Schnittstellen oder civento.',
        ),
        q(
          'erechnung',
          'Werden Eingangsrechnungen elektronisch empfangen und bearbeitet (XRechnung)?',
          UMSETZUNG,
        ),
        q(
          'sitzungsdienst',
          'Arbeiten Gremien mit einem digitalen Sitzungsdienst (Ratsinformationssystem)?',
          UMSETZUNG,
        ),
      ],
    },
    {
      key: 'infrastruktur',
      name: 'IT-Infrastruktur',
      description: 'Arbeitsplätze, Netze, Betrieb.',
      weight: 1,
      questions: [
        q('mobiles_arbeiten', 'Sind die Arbeitsplätze für mobiles Arbeiten ausgestattet?', ANTEIL),
        q(
          'anbindung',
          'Sind alle Verwaltungsstandorte ausreichend schnell angebunden (z. B. Glasfaser)?',
          JA_NEIN,
        ),
        q(
          'rechenzentrum',
          'Werden die Fachverfahren in einem Rechenzentrum betrieben (z. B. ekom21)?',
          ANTEIL,
        ),
        q('it_planung', 'Gibt es eine Planung für Hardware, Lizenzen und Ersatzbeschaffung?', JA_NEIN),
      ],
    },
    {
      key: 'sicherheit',
      name: 'IT-Sicherheit',
      description: 'Informationssicherheit und Notfallvorsorge.',
      weight: 1,
      questions: [
        q('isb', 'Ist eine Informationssicherheitsbeauftragte oder ein -beauftragter benannt?', JA_NEIN, 2),
        q(
          'sicherheitskonzept',
          'Ist ein Informationssicherheitskonzept umgesetzt?',
          UMSETZUNG,
          2,
          'Zum Beispiel nach dem IT-Grundschutz-Profil „Basis-Absicherung Kommunalverwaltung“.',
        ),
        q('datensicherung', 'Wird die Wiederherstellung aus Datensicherungen regelmäßig getestet?', JA_NEIN),
        q('notfallplan', 'Gibt es einen Notfallplan für IT-Ausfälle und Cyberangriffe?', JA_NEIN),
        q(
          'sensibilisierung',
          'Werden die Beschäftigten regelmäßig zur Informationssicherheit geschult?',
          JA_NEIN,
        ),
      ],
    },
    {
      key: 'personal',
      name: 'Personal und Kompetenzen',
      description: 'Zuständigkeit, Qualifizierung, Strategie.',
      weight: 1,
      questions: [
        q(
          'zustaendigkeit',
          'Gibt es eine Stelle für die Digitalisierung mit fest eingeplanter Arbeitszeit?',
          JA_NEIN,
          2,
        ),
        q('schulung', 'Werden die Beschäftigten für digitale Arbeitsweisen geschult?', ANTEIL),
        q(
          'strategie',
          'Hat die Verwaltungsleitung eine Digitalisierungsstrategie oder einen Maßnahmenplan beschlossen?',
          JA_NEIN,
        ),
        q(
          'beteiligung',
          'Werden die Beschäftigten bei Veränderungen beteiligt (Change-Management)?',
          JA_NEIN,
        ),
      ],
    },
    {
      key: 'buergerservice',
      name: 'Digitale Bürgerservices',
      description: 'Angebote über den OZG-Katalog hinaus.',
      weight: 1,
      questions: [
        q('termine', 'Können Termine im Bürgerbüro online vereinbart werden?', UMSETZUNG),
        q('epayment', 'Kann online und vor Ort elektronisch bezahlt werden (E-Payment)?', UMSETZUNG),
        q(
          'maengelmelder',
          'Gibt es digitale Beteiligung, z. B. Mängelmelder oder Online-Umfragen?',
          UMSETZUNG,
        ),
        q(
          'kommunikation',
          'Antwortet die Verwaltung digital, z. B. in das Postfach der BundID oder per sicherer E-Mail?',
          UMSETZUNG,
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------- module recommendation rules

/**
 * A rule of the module recommendation (master data, edited by the ministry):
 * when all its conditions hold, its module is suggested with its reason.
 * Dimension scores are 0-100; the OZG share is a fraction (0.4 = 40 %); the
 * gap is the OZG-konform share minus the fair peers' median (laggards).
 */
export const RecommendationRuleSchema = z.object({
  moduleId: z.number().int().min(1, 'Modul fehlt'),
  reason: label('Begründung', 300),
  /** The listed dimensions must all score below dimensionBelow. */
  dimensions: z.array(keySchema('Dimension')).max(12).default([]),
  dimensionBelow: z.number().min(0).max(100).nullable().default(null),
  overallBelow: z.number().min(0).max(100).nullable().default(null),
  ozgShareBelow: z.number().min(0).max(1).nullable().default(null),
  ozgGapBelow: z.number().min(-1).max(1).nullable().default(null),
});
export type RecommendationRule = z.infer<typeof RecommendationRuleSchema>;

export const RecommendationRulesSchema = z
  .array(RecommendationRuleSchema)
  .max(50, 'Höchstens 50 Regeln')
  .superRefine((rules, ctx) => {
    rules.forEach((rule, index) => {
      const conditions = [rule.dimensionBelow, rule.overallBelow, rule.ozgShareBelow, rule.ozgGapBelow];
      if (conditions.every((condition) => condition === null))
        ctx.addIssue({ code: 'custom', path: [index], message: 'Regel ohne Bedingung' });
      if (rule.dimensions.length > 0 && rule.dimensionBelow === null)
        ctx.addIssue({
          code: 'custom',
          path: [index, 'dimensionBelow'],
          message: 'Schwelle für die Dimensionen fehlt',
        });
      if (rule.dimensionBelow !== null && rule.dimensions.length === 0)
        ctx.addIssue({ code: 'custom', path: [index, 'dimensions'], message: 'Dimensionen fehlen' });
    });
  });

/** What a rule is evaluated on: the latest submitted check and today's OZG figures. */
export type RecommendationInput = {
  /** Scores of the latest submitted check, null when none was submitted. */
  check: CheckScores | null;
  /** OZG-konform share (0-1), null without target services. */
  ozgShare: number | null;
  /** Share minus the peer median (fraction), null without peers. */
  ozgGap: number | null;
};

const pct = (value: number) => `${Math.round(value * 100)} %`;
const pts = (value: number) => `${Math.round(value)} von 100`;

/**
 * Whether a rule holds, and the facts that made it hold ("E-Akte und
 * Schriftgut 25 von 100"), or why it cannot be decided (no check yet).
 */
export function evaluateRule(
  rule: RecommendationRule,
  input: RecommendationInput,
): { holds: boolean; facts: string[]; undecided: boolean } {
  const facts: string[] = [];
  let holds = true;
  let undecided = false;
  if (rule.dimensionBelow !== null || rule.overallBelow !== null) {
    if (!input.check) return { holds: false, facts: [], undecided: true };
  }
  if (rule.dimensionBelow !== null) {
    for (const key of rule.dimensions) {
      const dimension = input.check?.dimensions.find((d) => d.key === key);
      if (!dimension || dimension.score === null) {
        holds = false;
        undecided = true;
        continue;
      }
      if (dimension.score < rule.dimensionBelow) facts.push(`${dimension.name} ${pts(dimension.score)}`);
      else holds = false;
    }
  }
  if (rule.overallBelow !== null) {
    const overall = input.check?.overall ?? null;
    if (overall === null) {
      holds = false;
      undecided = true;
    } else if (overall < rule.overallBelow) facts.push(`Check gesamt ${pts(overall)}`);
    else holds = false;
  }
  if (rule.ozgShareBelow !== null) {
    if (input.ozgShare === null) holds = false;
    else if (input.ozgShare < rule.ozgShareBelow) facts.push(`OZG-konform ${pct(input.ozgShare)}`);
    else holds = false;
  }
  if (rule.ozgGapBelow !== null) {
    if (input.ozgGap === null) holds = false;
    else if (input.ozgGap < rule.ozgGapBelow)
      facts.push(
        `${Math.round(Math.abs(input.ozgGap) * 100)} Prozentpunkte unter dem Median der Vergleichsgruppe`,
      );
    else holds = false;
  }
  return { holds, facts: holds ? facts : [], undecided };
}
