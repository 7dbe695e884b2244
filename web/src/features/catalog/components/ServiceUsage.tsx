import {
  formatPerThousand,
  UsageFigure,
  UsageFlagsTable,
  UsagePanel,
  usageWindowLabel,
} from '../../../components/UsageFigure';
import { formatNumber } from '../../../lib/format';
import { useServiceUsage } from '../../../lib/queries/usage';

/** Usage of one service in the chosen region: total, per 1,000 inhabitants beside the Gemeinden's median, trend, flags. */
export function ServiceUsage({ ozgId, regionKey }: { ozgId: number; regionKey: string }) {
  const usage = useServiceUsage(ozgId, regionKey);
  return (
    <UsagePanel usage={usage}>
      {(data) => (
        <>
          <UsageFigure
            sentence={
              `${data.region.name}: ${formatNumber(data.applications12m)} Anträge in den letzten 12 Monaten` +
              usageWindowLabel(data.window) +
              `, ${formatPerThousand(data.perThousand)} je 1.000 Einwohner der Gemeinden mit Zahlen.`
            }
            comparison={`Median der ${formatNumber(
              data.gemeinden.filter((cell) => cell.applications12m !== null).length,
            )} Gemeinden mit Zahlen: ${formatPerThousand(data.medianPerThousand)} je 1.000 Einwohner.`}
            series={data.series}
          />
          <h3>Hinweise aus den Nutzungszahlen</h3>
          <UsageFlagsTable
            cells={data.gemeinden.filter((cell) => cell.flag !== null)}
            caption="Hinweise aus den Nutzungszahlen je Gemeinde"
          />
          <p className="hint">{data.method}</p>
        </>
      )}
    </UsagePanel>
  );
}
