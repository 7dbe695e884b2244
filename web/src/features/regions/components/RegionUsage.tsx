import type { RegionUsage as RegionUsageData } from '@ozg/shared';
import { ExportLinks } from '../../../components/ExportLinks';
import { ScrollableTable } from '../../../components/ScrollableTable';
import {
  formatPerThousand,
  UsageFigure,
  UsageFlagsTable,
  UsagePanel,
  usageWindowLabel,
} from '../../../components/UsageFigure';
import { formatDate, formatNumber } from '../../../lib/format';
import { regionUsageFileUrl, useRegionUsage } from '../../../lib/queries/usage';

/** Flags shown at once; the rest behind "alle". */
const FLAGS_SHOWN = 20;

export function describeRegionUsage(usage: RegionUsageData): string {
  const window = usageWindowLabel(usage.window);
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
    <UsagePanel usage={usage}>
      {(data) => (
        <>
          <ExportLinks what="Nutzungszahlen" href={(format) => regionUsageFileUrl(regionKey, format)} />
          <UsageFigure sentence={describeRegionUsage(data)} series={data.series} />
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
                {data.services.map((service) => (
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
            {formatNumber(data.flags.length)} Hinweise
            {data.flags.length > FLAGS_SHOWN ? `, die ersten ${FLAGS_SHOWN}` : ''}. Vergleich mit den
            Gemeinden desselben Kreises, die die Leistung online anbieten.
          </p>
          <UsageFlagsTable
            cells={data.flags.slice(0, FLAGS_SHOWN)}
            caption="Hinweise aus den Nutzungszahlen"
          />
          <p className="hint">{data.method}</p>
        </>
      )}
    </UsagePanel>
  );
}
