import { ErrorState, Loading } from '../../../components/States';
import { formatPerThousand, NoUsage, UsageFigure, UsageFlagsTable } from '../../../components/UsageFigure';
import { formatNumber } from '../../../lib/format';
import { useServiceUsage } from '../../../lib/queries/usage';

const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** Usage of one service in the chosen region: total, per 1,000 inhabitants beside the Gemeinden's median, trend, flags. */
export function ServiceUsage({ ozgId, regionKey }: { ozgId: number; regionKey: string }) {
  const usage = useServiceUsage(ozgId, regionKey);
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
          <UsageFigure
            sentence={
              `${usage.data.region.name}: ${formatNumber(usage.data.applications12m)} Anträge in den letzten 12 Monaten` +
              (usage.data.window
                ? ` (${monthLabel(usage.data.window.from)} bis ${monthLabel(usage.data.window.to)})`
                : '') +
              `, ${formatPerThousand(usage.data.perThousand)} je 1.000 Einwohner der Gemeinden mit Zahlen.`
            }
            comparison={`Median der ${formatNumber(
              usage.data.gemeinden.filter((cell) => cell.applications12m !== null).length,
            )} Gemeinden mit Zahlen: ${formatPerThousand(usage.data.medianPerThousand)} je 1.000 Einwohner.`}
            series={usage.data.series}
          />
          <h3>Hinweise aus den Nutzungszahlen</h3>
          <UsageFlagsTable
            cells={usage.data.gemeinden.filter((cell) => cell.flag !== null)}
            caption="Hinweise aus den Nutzungszahlen je Gemeinde"
          />
          <p className="hint">{usage.data.method}</p>
        </>
      )}
    </section>
  );
}
