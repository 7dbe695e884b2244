import { z } from 'zod';
import { KreisProgressMap } from '../../components/map/KreisProgressMap';
import { UploadsPage } from '../../features/admin/components/UploadsPage';
import { useSearchParams } from '../../lib/navigation';
import { regionPath } from '../../lib/region-paths';
import { landParam } from '../../lib/search-params';

/** The admin's uploads with the map of the Kreise below, so that uploaded boundaries show at once. */
export function AdminUploadsPage() {
  const { land } = useSearchParams(z.object({ land: landParam() }));
  return (
    <UploadsPage
      mapPreview={<KreisProgressMap regionKey={land} hrefFor={(ags) => regionPath(ags, 'kreis')} />}
    />
  );
}
