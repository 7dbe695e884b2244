import type { ExecutingLevel, Themenfeld } from '@ozg/shared';

/**
 * Well-known municipal services (their names are common knowledge) for the demo
 * catalogue. The OZG-IDs are invented (99xxx, outside the official range in use)
 * so that demo records are never mistaken for official ones. `difficulty` (0-1)
 * makes some services slower to digitise, as in reality (e.g. those that need
 * evidence or payment).
 */
type DemoService = { name: string; lebenslage: string; themenfeld: Themenfeld; level: ExecutingLevel; difficulty: number };

export const DEMO_SERVICES: readonly DemoService[] = [
  { name: 'Wohnsitzanmeldung', lebenslage: 'Umzug', themenfeld: 'Bauen & Wohnen', level: 'gemeinde', difficulty: 0.5 },
  { name: 'Meldebescheinigung', lebenslage: 'Umzug', themenfeld: 'Bauen & Wohnen', level: 'gemeinde', difficulty: 0.2 },
  { name: 'Auskunfts- und Übermittlungssperren', lebenslage: 'Umzug', themenfeld: 'Bauen & Wohnen', level: 'gemeinde', difficulty: 0.3 },
  { name: 'Hausnummernvergabe', lebenslage: 'Bauen & Immobilien', themenfeld: 'Bauen & Wohnen', level: 'gemeinde', difficulty: 0.3 },
  { name: 'Grundsteuer', lebenslage: 'Bauen & Immobilien', themenfeld: 'Bauen & Wohnen', level: 'gemeinde', difficulty: 0.5 },
  { name: 'Straßenreinigung und Winterdienst', lebenslage: 'Wohnen', themenfeld: 'Bauen & Wohnen', level: 'gemeinde', difficulty: 0.4 },
  { name: 'Sondernutzung öffentlicher Straßen', lebenslage: 'Bauen & Immobilien', themenfeld: 'Bauen & Wohnen', level: 'gemeinde', difficulty: 0.5 },
  { name: 'Baugenehmigung', lebenslage: 'Bauen & Immobilien', themenfeld: 'Bauen & Wohnen', level: 'kreis', difficulty: 0.7 },
  { name: 'Abbruchgenehmigung', lebenslage: 'Bauen & Immobilien', themenfeld: 'Bauen & Wohnen', level: 'kreis', difficulty: 0.5 },
  { name: 'Wohngeld', lebenslage: 'Wohnen', themenfeld: 'Bauen & Wohnen', level: 'kreis', difficulty: 0.6 },
  { name: 'Abfallentsorgung', lebenslage: 'Wohnen', themenfeld: 'Bauen & Wohnen', level: 'kreis', difficulty: 0.3 },
  { name: 'Kinderbetreuungsplatz', lebenslage: 'Kinderbetreuung', themenfeld: 'Familie & Kind', level: 'gemeinde', difficulty: 0.5 },
  { name: 'Geburtsurkunde', lebenslage: 'Geburt', themenfeld: 'Familie & Kind', level: 'gemeinde', difficulty: 0.4 },
  { name: 'Eheschließung', lebenslage: 'Heirat', themenfeld: 'Familie & Kind', level: 'gemeinde', difficulty: 0.6 },
  { name: 'Namensänderung', lebenslage: 'Heirat', themenfeld: 'Familie & Kind', level: 'gemeinde', difficulty: 0.6 },
  { name: 'Sterbeurkunde', lebenslage: 'Tod', themenfeld: 'Familie & Kind', level: 'gemeinde', difficulty: 0.4 },
  { name: 'Unterhaltsvorschuss', lebenslage: 'Kinderbetreuung', themenfeld: 'Familie & Kind', level: 'kreis', difficulty: 0.6 },
  { name: 'Beistandschaft', lebenslage: 'Geburt', themenfeld: 'Familie & Kind', level: 'kreis', difficulty: 0.7 },
  { name: 'Personalausweis', lebenslage: 'Ausweise', themenfeld: 'Mobilität & Reisen', level: 'gemeinde', difficulty: 0.8 },
  { name: 'Reisepass', lebenslage: 'Ausweise', themenfeld: 'Mobilität & Reisen', level: 'gemeinde', difficulty: 0.8 },
  { name: 'Bewohnerparkausweis', lebenslage: 'Parken', themenfeld: 'Mobilität & Reisen', level: 'gemeinde', difficulty: 0.3 },
  { name: 'Kfz-Zulassung', lebenslage: 'Fahrzeug', themenfeld: 'Mobilität & Reisen', level: 'kreis', difficulty: 0.6 },
  { name: 'Führerschein', lebenslage: 'Fahrzeug', themenfeld: 'Mobilität & Reisen', level: 'kreis', difficulty: 0.7 },
  { name: 'Parkerleichterungen für Menschen mit Behinderung', lebenslage: 'Parken', themenfeld: 'Mobilität & Reisen', level: 'kreis', difficulty: 0.5 },
  { name: 'Großraum- und Schwertransporte', lebenslage: 'Güterverkehr', themenfeld: 'Mobilität & Reisen', level: 'kreis', difficulty: 0.4 },
  { name: 'Gewerbeanzeige', lebenslage: 'Gewerbe', themenfeld: 'Unternehmensführung & -entwicklung', level: 'gemeinde', difficulty: 0.3 },
  { name: 'Gaststättenerlaubnis', lebenslage: 'Gewerbe', themenfeld: 'Unternehmensführung & -entwicklung', level: 'gemeinde', difficulty: 0.6 },
  { name: 'Marktfestsetzung', lebenslage: 'Gewerbe', themenfeld: 'Unternehmensführung & -entwicklung', level: 'gemeinde', difficulty: 0.4 },
  { name: 'Spielhallenerlaubnis', lebenslage: 'Gewerbe', themenfeld: 'Unternehmensführung & -entwicklung', level: 'gemeinde', difficulty: 0.6 },
  { name: 'Reisegewerbekarte', lebenslage: 'Gewerbe', themenfeld: 'Unternehmensführung & -entwicklung', level: 'kreis', difficulty: 0.5 },
  { name: 'Hundesteuer', lebenslage: 'Haustiere', themenfeld: 'Steuern & Zoll', level: 'gemeinde', difficulty: 0.2 },
  { name: 'Gewerbesteuer', lebenslage: 'Steuern', themenfeld: 'Steuern & Zoll', level: 'gemeinde', difficulty: 0.5 },
  { name: 'Zweitwohnungsteuer', lebenslage: 'Steuern', themenfeld: 'Steuern & Zoll', level: 'gemeinde', difficulty: 0.4 },
  { name: 'Vergnügungsteuer', lebenslage: 'Steuern', themenfeld: 'Steuern & Zoll', level: 'gemeinde', difficulty: 0.4 },
  { name: 'Fundsachen', lebenslage: 'Ordnung', themenfeld: 'Recht & Ordnung', level: 'gemeinde', difficulty: 0.2 },
  { name: 'Führungszeugnis', lebenslage: 'Ordnung', themenfeld: 'Recht & Ordnung', level: 'gemeinde', difficulty: 0.5 },
  { name: 'Ordnungswidrigkeitenverfahren', lebenslage: 'Ordnung', themenfeld: 'Recht & Ordnung', level: 'gemeinde', difficulty: 0.5 },
  { name: 'Waffenrechtliche Erlaubnisse', lebenslage: 'Waffen', themenfeld: 'Recht & Ordnung', level: 'kreis', difficulty: 0.7 },
  { name: 'Versammlungsanzeige', lebenslage: 'Ordnung', themenfeld: 'Recht & Ordnung', level: 'kreis', difficulty: 0.3 },
  { name: 'Fischereischein', lebenslage: 'Freizeit', themenfeld: 'Engagement & Hobby', level: 'gemeinde', difficulty: 0.4 },
  { name: 'Veranstaltungserlaubnis', lebenslage: 'Freizeit', themenfeld: 'Engagement & Hobby', level: 'gemeinde', difficulty: 0.5 },
  { name: 'Jagdschein', lebenslage: 'Freizeit', themenfeld: 'Engagement & Hobby', level: 'kreis', difficulty: 0.5 },
  { name: 'Ehrenamtskarte', lebenslage: 'Ehrenamt', themenfeld: 'Engagement & Hobby', level: 'kreis', difficulty: 0.3 },
  { name: 'Vereinsförderung', lebenslage: 'Ehrenamt', themenfeld: 'Forschung & Förderung', level: 'gemeinde', difficulty: 0.4 },
  { name: 'Sportförderung', lebenslage: 'Ehrenamt', themenfeld: 'Forschung & Förderung', level: 'gemeinde', difficulty: 0.4 },
  { name: 'Infektionsschutzbelehrung', lebenslage: 'Gesundheitsschutz', themenfeld: 'Gesundheit', level: 'kreis', difficulty: 0.4 },
  { name: 'Heilpraktikererlaubnis', lebenslage: 'Gesundheitsberufe', themenfeld: 'Gesundheit', level: 'kreis', difficulty: 0.6 },
  { name: 'Trinkwasseranlagen anzeigen', lebenslage: 'Gesundheitsschutz', themenfeld: 'Gesundheit', level: 'kreis', difficulty: 0.4 },
  { name: 'Grundsicherung im Alter', lebenslage: 'Ruhestand', themenfeld: 'Arbeit & Ruhestand', level: 'kreis', difficulty: 0.7 },
  { name: 'Rentenantrag aufnehmen', lebenslage: 'Ruhestand', themenfeld: 'Arbeit & Ruhestand', level: 'gemeinde', difficulty: 0.5 },
  { name: 'Baumfällgenehmigung', lebenslage: 'Natur', themenfeld: 'Umwelt', level: 'gemeinde', difficulty: 0.4 },
  { name: 'Wasserrechtliche Erlaubnis', lebenslage: 'Wasser', themenfeld: 'Umwelt', level: 'kreis', difficulty: 0.6 },
  { name: 'Schülerbeförderung', lebenslage: 'Schule', themenfeld: 'Bildung', level: 'kreis', difficulty: 0.4 },
  { name: 'Ausbildungsförderung (BAföG)', lebenslage: 'Studium', themenfeld: 'Bildung', level: 'kreis', difficulty: 0.5 },
  { name: 'Aufenthaltstitel', lebenslage: 'Einreise', themenfeld: 'Ein- & Auswanderung', level: 'kreis', difficulty: 0.8 },
  { name: 'Einbürgerung', lebenslage: 'Staatsangehörigkeit', themenfeld: 'Ein- & Auswanderung', level: 'kreis', difficulty: 0.8 },
  { name: 'Verpflichtungserklärung', lebenslage: 'Einreise', themenfeld: 'Ein- & Auswanderung', level: 'kreis', difficulty: 0.5 },
  { name: 'Briefwahlunterlagen', lebenslage: 'Wahlen', themenfeld: 'Querschnitt', level: 'gemeinde', difficulty: 0.2 },
  { name: 'Informationszugang nach dem HDSIG', lebenslage: 'Verwaltung', themenfeld: 'Querschnitt', level: 'gemeinde', difficulty: 0.3 },
];

export const DEMO_OZG_ID_START = 99001;
