import { RegionPage } from '../../features/regions/components/RegionPage';
import { SearchPage } from '../../features/search/components/SearchPage';
import type { PageProps } from '../../lib/navigation';
import { MunicipalityLinks } from './MunicipalityLinks';

/** A region's page with the links to its workspace and audit trail for those who may open them. */
export function RegionPageWithLinks(props: PageProps<'/regionen/:key'>) {
  return <RegionPage {...props} regionLinks={(region) => <MunicipalityLinks region={region} />} />;
}

/** The search with the same links beside each region found. */
export function SearchPageWithLinks() {
  return <SearchPage regionLinks={(region) => <MunicipalityLinks region={region} />} />;
}
