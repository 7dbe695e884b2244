import {
  type Activity,
  ADMINISTRATIONS_DEFINITION,
  FORECAST_HORIZON,
  type RegionProgress,
} from '@ozg/shared';
import { type Tile, Tiles } from '../../../components/Tiles';
import { countOf, formatDate, formatNumber, formatShare, inLastDays } from '../../../lib/format';

/** The five key figures of a region (issue 5): conformant, weighted, by the deadline, overdue, recently updated. */
export function KpiTiles({
  figures,
  administrations,
  activity,
  asOf,
}: {
  figures: RegionProgress['figures'];
  administrations: RegionProgress['administrations'];
  /** Missing for a date in the past: "updated in the last 30 days" only makes sense today. */
  activity: Activity | null;
  asOf: string | null;
}) {
  const tiles: Tile[] = [
    {
      label: 'OZG-konform',
      value: formatShare(figures.conformantShare),
      detail: `${formatNumber(figures.conformant)} von ${formatNumber(figures.targetServices)} Zielleistungen ab Reifegrad 3`,
    },
    {
      label: 'Nach Einwohnern gewichtet',
      value: formatShare(figures.populationWeightedShare),
      detail: 'jede Leistung zählt mit den Einwohnern der Kommune',
    },
    {
      label: 'Online zur Frist 31.12.2022',
      value: formatShare(figures.onlineByDeadlineShare),
      detail: `${countOf(figures.onlineByDeadline, 'Leistung', 'Leistungen')} rechtzeitig online`,
    },
    {
      label: 'Überfällig',
      value: formatNumber(figures.overdue),
      detail:
        figures.medianDaysLate === null
          ? 'Zielleistungen noch unter Reifegrad 3'
          : `noch unter Reifegrad 3; verspätete gingen im Median ${countOf(figures.medianDaysLate, 'Tag', 'Tage')} nach der Frist online`,
    },
  ];
  if (activity) {
    tiles.push({
      // "In 30 Tagen" read as the future; the figure counts the days up to today.
      label: `Aktualisiert ${inLastDays(activity.days)}`,
      value: formatNumber(activity.updatedStatuses),
      detail: `${formatShare(activity.updatedShare)} der Zielleistungen seit ${formatDate(activity.since)} geändert`,
    });
  }
  return (
    <section aria-labelledby="kennzahlen">
      <h2 id="kennzahlen" className="visually-hidden">
        Kennzahlen{asOf ? ` am ${formatDate(asOf)}` : ''}
      </h2>
      <Tiles tiles={tiles} />
      <details className="table-details methodology">
        <summary>So wird gezählt</summary>
        <ul>
          <li>
            {administrations === 1
              ? 'Gezählt wird 1 Verwaltung'
              : `Gezählt werden ${formatNumber(administrations)} Verwaltungen`}
            : {ADMINISTRATIONS_DEFINITION}. Themenfelder ohne Zielleistungen erscheinen nicht.
          </li>
          <li>
            Ein Tag ist der Kalendertag in Deutschland (Europe/Berlin): Eine Änderung um 23:30 Uhr zählt für
            diesen Tag, eine um 0:10 Uhr für den nächsten.
          </li>
          <li>
            {asOf
              ? `Alle Zahlen zeigen den Stand am ${formatDate(asOf)}, wie er an diesem Tag erfasst war: Leistungen, die erst später online gingen, fehlen an diesem Tag und zählen noch nicht als verspätet.`
              : 'Alle Zahlen zeigen den heutigen Stand; mit einem Stichtag zeigen sie den Stand, wie er an jenem Tag erfasst war.'}
          </li>
          <li>
            „Online zur Frist“ zählt OZG-konforme Leistungen (ab Reifegrad 3) mit „online seit“ bis zum
            31.12.2022; „verspätet“ sind die mit einem späteren Datum. Die Prognose nennt kein Datum nach{' '}
            {FORECAST_HORIZON.slice(0, 4)}.
          </li>
        </ul>
      </details>
    </section>
  );
}
