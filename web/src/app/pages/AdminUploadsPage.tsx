import { UploadsPage } from '../../features/admin/components/UploadsPage';
import { KreisProgressMap } from '../../features/map/KreisProgressMap';
import { DEFAULT_LAND, regionPath } from '../../features/regions/region-paths';
import { useLocation } from '../router';

/** The admin's uploads with the map of the Kreise below, so that uploaded boundaries show at once. */
export function AdminUploadsPage() {
  const { search } = useLocation();
  const key = search.get('land');
  return (
    <UploadsPage
      mapPreview={
        <KreisProgressMap
          regionKey={key && /^\d{2}$/.test(key) ? key : DEFAULT_LAND}
          hrefFor={(ags) => regionPath(ags, 'kreis')}
        />
      }
    />
  );
}
