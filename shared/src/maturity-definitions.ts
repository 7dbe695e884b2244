import type { MaturityDefinition } from './maturity-models';

/**
 * The shipped definitions (version 1 of each family). Every criterion's top
 * option reaches the model's highest level: "the lowest criterion decides", so
 * a criterion that is fulfilled must not cap the service. Criteria that do not
 * apply to a service (no fee, no evidence) are answered with their top option
 * ("entfällt").
 */

/** Reifegradmodell 1.1 (OZG-Leitfaden, 2020): levels 0-4, OZG-konform from 3. */
export const REIFEGRADMODELL_1_1: MaturityDefinition = {
  family: '1.1',
  name: 'Reifegradmodell 1.1',
  provisional: false,
  conformantLevel: 3,
  backOfficeLevel: null,
  levels: [
    { level: 0, name: 'Offline', meaning: 'Keine Informationen online' },
    { level: 1, name: 'Information', meaning: 'Informationen zur Leistung online' },
    { level: 2, name: 'Formular-Assistent', meaning: 'Online-Hilfe zum Formular, Einreichung nicht online' },
    {
      level: 3,
      name: 'Online-Leistung',
      meaning: 'Antrag einschließlich aller Nachweise vollständig online',
    },
    {
      level: 4,
      name: 'Online-Transaktion',
      meaning: 'Vollständig digital einschließlich Bescheid; Nachweise once-only',
    },
  ],
  criteria: [
    {
      key: 'leistungsbeschreibung',
      name: 'Leistungsbeschreibung',
      block: 'front_end',
      levels: [
        { level: 0, description: 'Keine Beschreibung der Leistung online' },
        { level: 4, description: 'Leistungsbeschreibung online (zuständige Stelle, Unterlagen, Kosten)' },
      ],
    },
    {
      key: 'antragsformular',
      name: 'Antragsformular',
      block: 'front_end',
      levels: [
        { level: 1, description: 'Kein Formular online, nur Information' },
        { level: 2, description: 'Formular zum Herunterladen oder Formular-Assistent ohne Übermittlung' },
        { level: 4, description: 'Online-Formular mit elektronischer Übermittlung' },
      ],
    },
    {
      key: 'antragsprozess',
      name: 'Antragsprozess / Kontextintegration',
      block: 'front_end',
      levels: [
        { level: 2, description: 'Antrag muss ausgedruckt, unterschrieben oder persönlich abgegeben werden' },
        { level: 3, description: 'Antrag vollständig online ohne Medienbruch' },
        { level: 4, description: 'Zusammenhängende Leistungen in einem Vorgang (Kontextintegration)' },
      ],
    },
    {
      key: 'nutzerkonto',
      name: 'Nutzerkonto',
      block: 'basis',
      levels: [
        { level: 2, description: 'Kein Nutzerkonto angebunden' },
        {
          level: 4,
          description: 'Nutzerkonto (BundID / Organisationskonto) angebunden oder nicht erforderlich',
        },
      ],
    },
    {
      key: 'authentifizierung',
      name: 'Authentifizierung',
      block: 'basis',
      levels: [
        { level: 2, description: 'Erforderliches Vertrauensniveau nur offline (Unterschrift, Vorsprache)' },
        {
          level: 4,
          description: 'Erforderliches Vertrauensniveau online (z. B. Online-Ausweis) oder keines nötig',
        },
      ],
    },
    {
      key: 'nachweise',
      name: 'Nachweise',
      block: 'front_end',
      levels: [
        { level: 2, description: 'Nachweise nur auf Papier' },
        { level: 3, description: 'Nachweise als Upload' },
        {
          level: 4,
          description: 'Nachweise werden once-only abgerufen, oder es sind keine nötig (entfällt)',
        },
      ],
    },
    {
      key: 'bezahlung',
      name: 'Bezahlung',
      block: 'front_end',
      levels: [
        { level: 2, description: 'Gebühr nur offline zu bezahlen' },
        { level: 4, description: 'Online-Bezahlung (E-Payment), oder keine Gebühr (entfällt)' },
      ],
    },
    {
      key: 'antragsuebermittlung',
      name: 'Antragsübermittlung',
      block: 'back_office',
      levels: [
        { level: 2, description: 'Keine elektronische Übermittlung' },
        { level: 3, description: 'Elektronische Übermittlung an die Behörde' },
        { level: 4, description: 'Strukturierte Übermittlung in das Fachverfahren' },
      ],
    },
    {
      key: 'bescheid',
      name: 'Bescheid',
      block: 'back_office',
      levels: [
        { level: 3, description: 'Bescheid auf Papier' },
        { level: 4, description: 'Bescheid elektronisch in das Postfach, oder kein Bescheid (entfällt)' },
      ],
    },
    {
      key: 'rueckkanal',
      name: 'Rückkanal / Status',
      block: 'back_office',
      levels: [
        { level: 3, description: 'Kein digitaler Rückkanal' },
        { level: 4, description: 'Digitaler Rückkanal und Statusinformation zum Antrag' },
      ],
    },
  ],
};

/**
 * Reifegradmodell 2.0 (July 2025) as the public description allows: levels
 * 0-7, 13 criteria; 0-3 the online front end, 4-6 process orientation and data
 * inside the administration, 7 end to end. Marked provisional: the Land adapts
 * it by loading a new version.
 */
export const REIFEGRADMODELL_2_0: MaturityDefinition = {
  family: '2.0',
  name: 'Reifegradmodell 2.0',
  provisional: true,
  conformantLevel: 3,
  backOfficeLevel: 4,
  levels: [
    { level: 0, name: 'Offline', meaning: 'Keine Informationen online' },
    { level: 1, name: 'Information', meaning: 'Informationen zur Leistung online' },
    {
      level: 2,
      name: 'Formular online',
      meaning: 'Formular oder Assistent online, Einreichung mit Medienbruch',
    },
    { level: 3, name: 'Online-Antrag', meaning: 'Antrag vollständig online (Frontend fertig)' },
    { level: 4, name: 'Digitaler Eingang', meaning: 'Antrag strukturiert im Fachverfahren, E-Akte' },
    { level: 5, name: 'Digitale Bearbeitung', meaning: 'Digitaler Bescheid ins Postfach, E-Payment mit HKR' },
    {
      level: 6,
      name: 'Vernetzt',
      meaning: 'Statusmonitor, Nachweise once-only über NOOTS, Basiskomponenten',
    },
    { level: 7, name: 'Ende-zu-Ende', meaning: 'Vollständig Ende-zu-Ende digital, ohne Medienbruch' },
  ],
  criteria: [
    {
      key: 'information',
      name: 'Leistungsinformation',
      block: 'front_end',
      levels: [
        { level: 0, description: 'Keine Informationen online' },
        { level: 7, description: 'Informationen online, aktuell und auffindbar (FIM, Portalverbund)' },
      ],
    },
    {
      key: 'online_antrag',
      name: 'Online-Antrag',
      block: 'front_end',
      levels: [
        { level: 1, description: 'Kein Formular online' },
        { level: 2, description: 'Formular oder Assistent online, Antrag wird ausgedruckt oder gemailt' },
        { level: 7, description: 'Antrag vollständig online mit elektronischer Einreichung' },
      ],
    },
    {
      key: 'nachweise_einreichen',
      name: 'Nachweise einreichen',
      block: 'front_end',
      levels: [
        { level: 2, description: 'Nachweise nur auf Papier oder persönlich' },
        { level: 7, description: 'Nachweise als Upload im Antrag, oder keine nötig (entfällt)' },
      ],
    },
    {
      key: 'bezahlung_online',
      name: 'Bezahlen im Antrag',
      block: 'front_end',
      levels: [
        { level: 2, description: 'Gebühr nur offline zu bezahlen' },
        { level: 7, description: 'Bezahlung im Antrag (E-Payment), oder keine Gebühr (entfällt)' },
      ],
    },
    {
      key: 'antragseingang',
      name: 'Antragseingang',
      block: 'back_office',
      levels: [
        {
          level: 3,
          description: 'Ausdruck oder E-Mail/PDF: die Daten werden abgetippt (Kanal in der Notiz)',
        },
        { level: 7, description: 'Strukturiert über FIT-Connect oder civento-Workflow (Kanal in der Notiz)' },
      ],
    },
    {
      key: 'fachverfahren',
      name: 'Fachverfahren angebunden',
      block: 'back_office',
      levels: [
        { level: 3, description: 'Nein: kein Fachverfahren oder keine Schnittstelle' },
        { level: 7, description: 'Ja: Antragsdaten gelangen ins Fachverfahren (Produkt in der Notiz)' },
      ],
    },
    {
      key: 'e_akte',
      name: 'E-Akte',
      block: 'back_office',
      levels: [
        { level: 3, description: 'Nein: Papierakte' },
        { level: 4, description: 'Teilweise: Vorgang wird gescannt oder hybrid geführt' },
        { level: 7, description: 'Ja: der Vorgang wird in der E-Akte geführt' },
      ],
    },
    {
      key: 'digitaler_bescheid',
      name: 'Digitaler Bescheid',
      block: 'back_office',
      levels: [
        { level: 4, description: 'Bescheid auf Papier per Post' },
        { level: 7, description: 'Bescheid digital in das Postfach, oder kein Bescheid (entfällt)' },
      ],
    },
    {
      key: 'e_payment_hkr',
      name: 'E-Payment und HKR',
      block: 'back_office',
      levels: [
        { level: 4, description: 'Zahlungen werden von Hand verbucht' },
        {
          level: 7,
          description: 'E-Payment mit Anbindung an das HKR-Verfahren, oder keine Gebühr (entfällt)',
        },
      ],
    },
    {
      key: 'statusmonitor',
      name: 'Statusmonitor',
      block: 'basis',
      levels: [
        { level: 5, description: 'Kein Status des Antrags online' },
        { level: 7, description: 'Statusmonitor angebunden: der Antragsteller sieht den Bearbeitungsstand' },
      ],
    },
    {
      key: 'deutschland_id',
      name: 'DeutschlandID / Organisationskonto mit Postfach',
      block: 'basis',
      levels: [
        { level: 2, description: 'Kein Konto angebunden' },
        { level: 5, description: 'Konto zur Anmeldung angebunden, Postfach nicht' },
        { level: 7, description: 'Konto und Postfach angebunden' },
      ],
    },
    {
      key: 'noots',
      name: 'Nachweise once-only (NOOTS)',
      block: 'basis',
      levels: [
        { level: 5, description: 'Nachweise reicht der Antragsteller ein' },
        { level: 7, description: 'Nachweise werden über NOOTS abgerufen, oder keine nötig (entfällt)' },
      ],
    },
    {
      key: 'ende_zu_ende',
      name: 'Ende-zu-Ende ohne Medienbruch',
      block: 'back_office',
      levels: [
        { level: 6, description: 'Noch Medienbrüche in der Bearbeitung' },
        { level: 7, description: 'Vom Antrag bis zum Bescheid und zur Archivierung ohne Medienbruch' },
      ],
    },
  ],
};

export const BUILTIN_MATURITY_DEFINITIONS = [REIFEGRADMODELL_1_1, REIFEGRADMODELL_2_0] as const;
