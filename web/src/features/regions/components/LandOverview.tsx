import { ErrorState, Loading } from '../../../components/States';
import { formatNumber } from '../../../lib/format';
import { useRegion } from '../api/get-region';
import { useRegionChildren } from '../api/get-region-children';
import { KreiseTable } from './KreiseTable';

/** The Land with its Regierungsbezirke and Kreise. */
export function LandOverview({ landKey }: { landKey: string }) {
  const land = useRegion(landKey);
  const bezirke = useRegionChildren(landKey);
  const kreise = useRegionChildren(landKey, 'kreis');

  if (land.isPending) return <Loading label="Das Land" />;
  if (land.isError) return <ErrorState error={land.error} onRetry={() => void land.refetch()} />;
  const region = land.data;

  const tiles = [
    { label: 'Einwohner', value: formatNumber(region.population) },
    { label: 'Regierungsbezirke', value: formatNumber(region.descendants.bezirke) },
    { label: 'Kreise und kreisfreie Städte', value: formatNumber(region.descendants.kreise) },
    { label: 'Städte und Gemeinden', value: formatNumber(region.descendants.gemeinden) },
  ];

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Land · AGS {region.ags}</p>
        <h1>{region.name}</h1>
      </header>
      <section aria-labelledby="kennzahlen">
        <h2 id="kennzahlen" className="visually-hidden">
          Kennzahlen
        </h2>
        <ul className="tiles">
          {tiles.map((tile) => (
            <li key={tile.label} className="tile">
              <span className="tile-value">{tile.value}</span>
              <span className="tile-label">{tile.label}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="kreise" className="panel">
        <h2 id="kreise">Kreise und kreisfreie Städte</h2>
        {kreise.isPending || bezirke.isPending ? (
          <Loading label="Die Kreise" />
        ) : kreise.isError || bezirke.isError ? (
          <ErrorState
            error={kreise.error ?? bezirke.error}
            onRetry={() => {
              void kreise.refetch();
              void bezirke.refetch();
            }}
          />
        ) : (
          <KreiseTable
            kreise={kreise.data.children}
            bezirke={bezirke.data.children}
            landPopulation={region.population}
          />
        )}
      </section>
    </>
  );
}
