import '../../../components/work-views.css';
import '../methodology.css';
import {
  CRITERION_BLOCK_LABELS,
  CRITERION_BLOCKS,
  DATAHUB_DIFFERENCE_LABELS,
  type DatahubDifferenceKind,
  DEFAULT_STALE_DAYS,
  HIGH_DEMAND_PER_THOUSAND,
  LOW_USE_SHARE,
  type MaturityModelVersion,
  MIN_USAGE_PEERS,
  USAGE_FLAG_LABELS,
  USAGE_NONE_LABEL,
} from '@ozg/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { ErrorState, Loading } from '../../../components/States';
import { formatDate, formatNumber } from '../../../lib/format';
import { useMaturityModels } from '../../../lib/maturity-models';
import { usePageTitle } from '../../../lib/page-title';
import { useMaturityMapping } from '../../../lib/queries/regions';
import { DEFAULT_LAND } from '../../../lib/region-paths';

/** How 1.1 and 2.0 read side by side: no official mapping exists, this is the reading the dashboard uses. */
const MAPPING = [
  { v11: '0 – Offline', v20: '0 – Offline' },
  { v11: '1 – Information', v20: '1 – Information' },
  { v11: '2 – Formular-Assistent', v20: '2 – Formular online' },
  { v11: '3 – Online-Leistung (OZG-konform)', v20: '3 – Online-Antrag (Frontend fertig)' },
  { v11: '4 – Online-Transaktion', v20: '4 bis 6 – Digitaler Eingang, digitale Bearbeitung, vernetzt' },
  { v11: '–', v20: '7 – Ende-zu-Ende' },
];

const INDICATORS = [
  ['OZG-konform', 'Zielleistungen mit Reifegrad 1.1 ab Stufe 3; maßgeblich für die Frist 31.12.2022.'],
  ['Online zur Frist', 'OZG-konforme Zielleistungen mit „online seit“ am oder vor dem 31.12.2022.'],
  ['Einwohnergewichteter Anteil', 'Jeder Status zählt mit den Einwohnern, die seine Verwaltung versorgt.'],
  [
    'Reifegrad 2.0',
    'Stufe der Leistung nach der neuesten bewerteten Version: das niedrigste Kriterium entscheidet.',
  ],
  ['Nicht bewertet', 'Mindestens ein Kriterium ist unbeantwortet; das ist nicht Stufe 0.'],
  [
    'Online-Antrag, Bearbeitung analog',
    'Frontend-Kriterien ab Stufe 3, aber ein Backoffice-Kriterium fehlt oder liegt unter Stufe 4 (Ausdruck, E-Mail, Papierakte): die „Scheindigitalisierung“. Der Anteil bezieht sich auf alle Zielleistungen.',
  ],
  [
    'Bewertet (2.0)',
    'Anteil der Zielleistungen mit vollständiger Bewertung nach Reifegradmodell 2.0 (alle Kriterien beantwortet, neueste bewertete Version).',
  ],
  [
    'Ab Stufe N (2.0)',
    'Anteil der vollständig bewerteten Zielleistungen mit Stufe N oder höher; Standard ist die konforme Stufe des Modells (3), wählbar von 0 bis 7. Nicht bewertete Leistungen zählen hier nicht mit.',
  ],
  [
    'Verteilung der Stufen 0 bis 7',
    'Anzahl der vollständig bewerteten Zielleistungen je Stufe des Reifegradmodells 2.0. Auswahl „Reifegradmodell 2.0“ auf der Übersicht und den Gebietsseiten; Kennzahlen nach 2.0 für heute und, mit einem Stichtag, aus dem Tagesstand nach 2.0 dieses Tages; ihren Verlauf zeigen die Tagesstände seit dem ersten erfassten Tag („Verlauf und Prognose“), frühere Tage werden nicht nachträglich berechnet.',
  ],
] as const;

/** The kinds of differences to the federal Data Hub and what taking one over does (decision 021). */
const DATAHUB_KINDS: readonly [DatahubDifferenceKind, string][] = [
  [
    'online_at_bund',
    'Der Bund führt die Leistung mit Status „ok“, im Dashboard ist sie nicht online. Übernehmen setzt die URL des Bundes und, unter Reifegrad 3 (Modell 1.1), Reifegrad 3 „Online-Leistung“ mit „online seit“ am Tag des Imports: ein früheres Datum kennt der Bund nicht.',
  ],
  [
    'url_differs',
    'Beide Seiten melden die Leistung online, aber unter verschiedenen URLs. Übernehmen setzt die URL des Bundes; der Reifegrad bleibt.',
  ],
  [
    'not_listed',
    'Im Dashboard online, beim Bund für diese Kommune nicht aufgeführt. Nicht übernehmbar: nur ablehnen (mit Begründung) oder zur Klärung vormerken.',
  ],
  [
    'bund_not_ok',
    'Der Bund führt die Leistung mit Status „nicht ok“. Es gibt nichts zu übernehmen; ablehnen oder zur Klärung vormerken.',
  ],
];

/** The usage figures (decision 022); the thresholds come from shared, as the API applies them. */
const USAGE_INDICATORS = [
  [
    'Anträge 12 Monate',
    'Summe der gelieferten monatlichen Antragszahlen der letzten 12 Monate bis zum jüngsten gelieferten Monat, über alle Gemeinden (und Kreise) des Gebiets nach heutigem Gebietsstand.',
  ],
  [
    'Anträge je 1.000 Einwohner',
    'Anträge der 12 Monate geteilt durch die Einwohner aller Gemeinden des Gebiets (Stichtag des Gemeindeverzeichnisses), mal 1.000. Bei einer Leistung: bezogen auf die Gemeinden, die Zahlen geliefert haben.',
  ],
  ['Verlauf', 'Anträge je Monat, summiert über das Gebiet.'],
  [
    'Vergleichsgruppe',
    `Die anderen Gemeinden desselben Kreises, die die Leistung online anbieten (Reifegrad ab 3) und Zahlen geliefert haben; Hinweise erst ab ${MIN_USAGE_PEERS} solchen Gemeinden. Verglichen wird mit ihrem Median je 1.000 Einwohner.`,
  ],
  [
    USAGE_FLAG_LABELS.online_low_use,
    `Die Leistung ist hier online, aber die Anträge je 1.000 Einwohner liegen unter ${LOW_USE_SHARE * 100} % des Medians der Vergleichsgruppe. Eine Gemeinde ohne gelieferte Zahlen erhält diesen Hinweis nicht.`,
  ],
  [
    USAGE_FLAG_LABELS.high_demand_offline,
    `Die Leistung ist hier nicht online, während der Median der Vergleichsgruppe mindestens ${HIGH_DEMAND_PER_THOUSAND} Anträge je 1.000 Einwohner in 12 Monaten erreicht. Solche Leistungen stehen bei den Quick Wins vorn.`,
  ],
  [
    USAGE_NONE_LABEL,
    'Für die meisten Leistungen liefert keine Statistikkomponente Zahlen; das ist keine Null und zählt in keinem Vergleich.',
  ],
] as const;

function ModelSection({ model, older }: { model: MaturityModelVersion; older: MaturityModelVersion[] }) {
  const { definition } = model;
  const id = `modell-${model.family.replace('.', '-')}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {definition.name}{' '}
        <span className="muted">
          (Version {model.version}, seit {formatDate(model.createdAt.slice(0, 10))})
        </span>
      </h2>
      {definition.provisional ? <p className="badge-provisional">Arbeitsstand, vom Land anpassbar</p> : null}
      <p>
        Stufen 0 bis {definition.levels.length - 1}; OZG-konform ab Stufe {definition.conformantLevel}.{' '}
        {definition.criteria.length} Kriterien. Die Leistung erreicht die Stufe ihres niedrigsten Kriteriums.
      </p>
      <ScrollableTable label={`Stufen des ${definition.name}`}>
        <table className="data-table">
          <caption className="visually-hidden">Stufen des {definition.name}</caption>
          <thead>
            <tr>
              <th scope="col">Stufe</th>
              <th scope="col">Name</th>
              <th scope="col">Bedeutung</th>
            </tr>
          </thead>
          <tbody>
            {definition.levels.map((level) => (
              <tr key={level.level}>
                <td>{level.level}</td>
                <th scope="row">{level.name}</th>
                <td>{level.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollableTable>
      {CRITERION_BLOCKS.map((block) => {
        const criteria = definition.criteria.filter((criterion) => criterion.block === block);
        if (criteria.length === 0) return null;
        return (
          <div key={block}>
            <h3>{CRITERION_BLOCK_LABELS[block]}</h3>
            <dl className="criteria-list">
              {criteria.map((criterion) => (
                <div key={criterion.key}>
                  <dt>{criterion.name}</dt>
                  <dd>
                    <ul>
                      {criterion.levels.map((option) => (
                        <li key={option.level}>
                          Stufe {option.level}: {option.description}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        );
      })}
      {older.length > 0 ? (
        <p className="hint">
          Frühere Versionen: {older.map((version) => `Version ${version.version}`).join(', ')}. Bewertungen
          nach ihnen bleiben unverändert.
        </p>
      ) : null}
    </section>
  );
}

const LEVELS_20 = [null, 0, 1, 2, 3, 4, 5, 6, 7] as const;

/** The statuses of the default Land by 1.1 level × 2.0 level: how the two read side by side in the data. */
function MappingCounts() {
  const mapping = useMaturityMapping(DEFAULT_LAND);
  if (mapping.isPending) return <Loading label="Die Zuordnung im Bestand" />;
  if (mapping.isError) return <ErrorState error={mapping.error} onRetry={() => void mapping.refetch()} />;
  const count = (level11: number, level20: number | null) =>
    mapping.data.cells.find((cell) => cell.level11 === level11 && cell.level20 === level20)?.count ?? 0;
  return (
    <ScrollableTable label="Zielleistungen je Stufe 1.1 und 2.0">
      <table className="data-table">
        <caption>
          Zielleistungen im Land (AGS {mapping.data.ags}) je Stufe 1.1 (Zeilen) und Stufe 2.0 (Spalten)
        </caption>
        <thead>
          <tr>
            <th scope="col">1.1 \ 2.0</th>
            {LEVELS_20.map((level) => (
              <th key={String(level)} scope="col">
                {level === null ? 'nicht bewertet' : level}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[0, 1, 2, 3, 4].map((level11) => (
            <tr key={level11}>
              <th scope="row">{level11}</th>
              {LEVELS_20.map((level20) => (
                <td key={String(level20)}>{formatNumber(count(level11, level20))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

/** What "bestätigt" and "Quelle" mean (decision 025). */
const FRESHNESS_TERMS: [string, string][] = [
  [
    'Quelle',
    'Bei jedem Feld eines Status steht, woher der aktuelle Wert stammt: aus dem Dashboard, einem CSV-Upload, der Schnittstelle, einem Import, dem Data Hub des Bundes oder dem System. Maßgeblich ist die letzte Änderung im Änderungsprotokoll, die das Feld gesetzt hat; ein eigener Speicher wird dafür nicht geführt.',
  ],
  [
    'Bestätigt',
    'Eine Kommune hat einen Stand bestätigt, wenn sie ihn unverändert bestätigt („Bestätigen“, einzeln oder für eine Auswahl), ihn bearbeitet (im Dashboard, per CSV oder über die Schnittstelle) oder einen Wert des Data Hub übernommen hat. Jede Bestätigung steht mit Person und Zeit im Verlauf; sie ändert keine Angabe und keine Kennzahl.',
  ],
  [
    `Nicht bestätigt (Schwelle ${DEFAULT_STALE_DAYS} Tage)`,
    `Ein Stand gilt als nicht bestätigt, wenn seine letzte Bestätigung mehr als ${DEFAULT_STALE_DAYS} Kalendertage (deutsche Zeit) zurückliegt oder es nie eine gab. Das Ministerium kann die Schwelle in seiner Liste anders wählen. Gezählt werden die Leistungen im Zielbild der Kommune.`,
  ],
  [
    'Zuletzt bestätigt vor …',
    'Die Tage seit der jüngsten Bestätigung irgendeiner Leistung der Kommune. Wie viele ihrer Leistungen länger nicht bestätigt sind, steht daneben.',
  ],
];

/** "Methodik": both maturity models with their versions, the rule, the mapping and each indicator. */
export function MethodologyPage() {
  usePageTitle('Methodik');
  const models = useMaturityModels();
  if (models.isPending) return <Loading label="Die Methodik" />;
  if (models.isError) return <ErrorState error={models.error} onRetry={() => void models.refetch()} />;
  const items = models.data.items;
  const current = items.filter((model) => model.current).sort((a, b) => b.family.localeCompare(a.family));
  return (
    <div className="methodology">
      <header className="page-header">
        <p className="eyebrow">Methodik</p>
        <h1>Wie das Dashboard misst</h1>
        <p className="page-lead">
          Seit Juli 2025 ist das Reifegradmodell 2.0 (Stufen 0 bis 7) der Maßstab; das Reifegradmodell 1.1
          (Stufen 0 bis 4) bleibt für die Frist 31.12.2022 maßgeblich. In beiden Modellen gilt:{' '}
          <strong>das Kriterium mit der niedrigsten Stufe entscheidet</strong>. Jede Bewertung nennt die
          Version des Modells, nach der sie erfolgte.
        </p>
      </header>
      <section className="panel" aria-labelledby="mapping">
        <h2 id="mapping">Zuordnung 1.1 und 2.0</h2>
        <p>
          Eine amtliche Zuordnung gibt es nicht. Das Dashboard liest: Stufen 0 bis 3 entsprechen einander;
          Stufe 4 (once-only) des Modells 1.1 verteilt sich auf die Stufen 4 bis 6 des Modells 2.0. Im
          Arbeitsbereich stehen beide Stufen je Leistung nebeneinander.
        </p>
        <ScrollableTable label="Zuordnung der Stufen">
          <table className="data-table">
            <caption className="visually-hidden">Zuordnung der Stufen von 1.1 und 2.0</caption>
            <thead>
              <tr>
                <th scope="col">Reifegradmodell 1.1</th>
                <th scope="col">Reifegradmodell 2.0</th>
              </tr>
            </thead>
            <tbody>
              {MAPPING.map((row) => (
                <tr key={row.v20}>
                  <td>{row.v11}</td>
                  <td>{row.v20}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
        <p>So stehen die Stufen im Bestand nebeneinander (neueste bewertete 2.0-Version je Leistung):</p>
        <MappingCounts />
      </section>
      <IndicatorSection id="indicators" title="Kennzahlen" indicators={INDICATORS} />
      <IndicatorSection id="usage-indicators" title="Nutzungszahlen" indicators={USAGE_INDICATORS} />
      <section className="panel" id="abgleich" aria-labelledby="abgleich-title">
        <h2 id="abgleich-title">Abgleich mit dem Data Hub des Bundes</h2>
        <p>
          Der Data Hub ist die Auskunft des Bundes, welche Leistung in welcher Gebietskörperschaft im
          Portalverbund online ist: je Leistung und Amtlichem Regionalschlüssel eine URL und ein Status („ok“
          oder „nicht ok“). Reifegrade, Nutzung und die Bearbeitung im Backoffice kennt er nicht, und er irrt
          sich manchmal. Deshalb ergänzt er die Angaben der Kommunen, statt sie zu überschreiben: Das
          Ministerium lädt den Abzug hoch, das Dashboard zeigt die Abweichungen, und die Kommune entscheidet
          über jede einzelne.
        </p>
        <dl className="criteria-list">
          {DATAHUB_KINDS.map(([kind, meaning]) => (
            <div key={kind}>
              <dt>{DATAHUB_DIFFERENCE_LABELS[kind]}</dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
        <p>
          Eine übernommene Abweichung ist eine gewöhnliche Änderung des Status: Sie steht im Verlauf mit der
          Quelle „Data Hub (Bund)“, mehrere auf einmal lassen sich im Arbeitsbereich gemeinsam rückgängig
          machen, und sie zählt als Bestätigung des Stands. Eine Ablehnung braucht eine Begründung und blendet
          die Abweichung aus, bis der Bund seinen Wert ändert; „zur Klärung“ lässt sie mit einer Notiz offen.
          Beides wird mit Person und Zeit gespeichert.
        </p>
        <p>
          „Beim Bund nicht gelistet“ wird nie übernommen: Schweigen des Bundes beweist nicht, dass eine
          Leistung offline ist (die Meldung kann fehlen, unter einer anderen Leistung oder einer anderen
          Verwaltung stehen). Einen Status nur deshalb herabzustufen, würde richtige Angaben der Kommune
          löschen. Das Ministerium sieht je Kreis, wie viele Abweichungen offen sind und wie alt die älteste
          ist.
        </p>
      </section>
      <section className="panel" id="aktualitaet" aria-labelledby="freshness">
        <h2 id="freshness">Herkunft und Aktualität der Angaben</h2>
        <dl className="criteria-list">
          {FRESHNESS_TERMS.map(([name, meaning]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
      </section>
      {current.map((model) => (
        <ModelSection
          key={model.id}
          model={model}
          older={items.filter((other) => other.family === model.family && !other.current)}
        />
      ))}
    </div>
  );
}

/** A panel of indicator definitions: name and meaning, one entry each. */
function IndicatorSection({
  id,
  title,
  indicators,
}: {
  id: string;
  title: string;
  indicators: readonly (readonly [string, string])[];
}) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <dl className="criteria-list">
        {indicators.map(([name, meaning]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
