import type { RegionUsage as RegionUsageData } from '@ozg/shared';
import { ExportLinks } from '../../../components/ExportLinks';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { ErrorState, Loading } from '../../../components/States';
import { formatPerThousand, NoUsage, UsageFigure, UsageFlagsTable } from '../../../components/UsageFigure';
import { formatDate, formatNumber } from '../../../lib/format';
import { regionUsageFileUrl, useRegionUsage } from '../../../lib/queries/usage';

const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** Flags shown at once; the rest behind "alle". */
const FLAGS_SHOWN = 20;

export function describeRegionUsage(usage: RegionUsageData): string {
  const window = usage.window ? ` (${monthLabel(usage.window.from)} bis ${monthLabel(usage.window.to)})` : '';
  const inhabitants = usage.populationDate ? `Einwohner am ${formatDate(usage.populationDate)}` : 'Einwohner';
  return (
    `${usage.region.name}: ${formatNumber(usage.applications12m)} Anträge in den letzten 12 Monaten${window}, ` +
    `${formatPerThousand(usage.perThousand)} je 1.000 Einwohner (${formatNumber(usage.population)} ${inhabitants}).`
  );
}

/** Usage figures of a region: total, trend, per service, and the flagged Gemeinden. */
export function RegionUsage({ regionKey }: { regionKey: string }) {
  const usage = useRegionUsage(regionKey);
  return (
    <section aria-labelledby="nutzung" className="panel">
      <h2 id="nutzung">Nutzung</h2>
      {usage.isPending ? (
        <Loading label="Die Nutzungszahlen" />
      ) : usage.isError ? (
        <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />
      ) : usage.data.applications12m === null ? (
        <NoUsage />
      ) : (
        <>
          <ExportLinks what="Nutzungszahlen" href={(format) => regionUsageFileUrl(regionKey, format)} />
          <UsageFigure sentence={describeRegionUsage(usage.data)} series={usage.data.series} />
          <h3>Nach Leistung</h3>
          <ScrollableTable label="Nutzung nach Leistung">
            <table className="data-table">
              <caption className="visually-hidden">Anträge der letzten 12 Monate nach Leistung</caption>
              <thead>
                <tr>
                  <th scope="col">Leistung</th>
                  <th scope="col" className="numeric">
                    Anträge 12 Monate
                  </th>
                  <th scope="col" className="numeric">
                    je 1.000 EW
                  </th>
                </tr>
              </thead>
              <tbody>
                {usage.data.services.map((service) => (
                  <tr key={service.ozgId}>
                    <th scope="row">{service.name}</th>
                    <td className="numeric">{formatNumber(service.applications12m)}</td>
                    <td className="numeric">{formatPerThousand(service.perThousand)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
          <p className="hint">Alle anderen Leistungen: Keine Nutzungszahlen geliefert.</p>
          <h3>Hinweise aus den Nutzungszahlen</h3>
          <p className="hint">
            {formatNumber(usage.data.flags.length)} Hinweise
            {usage.data.flags.length > FLAGS_SHOWN ? `, die ersten ${FLAGS_SHOWN}` : ''}. Vergleich mit den
            Gemeinden desselben Kreises, die die Leistung online anbieten.
          </p>
          <UsageFlagsTable
            cells={usage.data.flags.slice(0, FLAGS_SHOWN)}
            caption="Hinweise aus den Nutzungszahlen"
          />
          <p className="hint">{usage.data.method}</p>
        </>
      )}
    </section>
  );
}
