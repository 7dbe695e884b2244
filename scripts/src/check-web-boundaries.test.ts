import { describe, expect, it } from 'vitest';
import { findBoundaryViolations } from './check-web-boundaries';

const file = (path: string, ...lines: string[]) => ({ path: `web/src/${path}`, text: lines.join('\n') });

describe('web import boundaries', () => {
  it('let a feature import components, lib and its own folder', () => {
    const feature = file(
      'features/regions/components/RegionPage.tsx',
      "import { useRegion } from '../../../lib/queries/regions';",
      "import { States } from '../../../components/States';",
      "import { toProgressRows } from '../progress-rows';",
      "import './region.css';",
      "import { z } from 'zod';",
    );
    expect(findBoundaryViolations([feature])).toEqual([]);
  });

  it('find a feature importing another feature or the app, with file and line', () => {
    const feature = file(
      'features/catalog/components/ServicePage.tsx',
      "import { Link } from '../../../lib/navigation';",
      "import { useMe } from '../../auth/api/get-me';",
      "import type { PageProps } from '../../../app/routes';",
      "const Map = lazy(() => import('../../map/RegionMap'));",
    );
    expect(findBoundaryViolations([feature])).toEqual([
      'web/src/features/catalog/components/ServicePage.tsx:2: ../../auth/api/get-me (features/catalog/ darf nur components/, lib/ und features/catalog/ importieren)',
      'web/src/features/catalog/components/ServicePage.tsx:3: ../../../app/routes (features/catalog/ darf nur components/, lib/ und features/catalog/ importieren)',
      'web/src/features/catalog/components/ServicePage.tsx:4: ../../map/RegionMap (features/catalog/ darf nur components/, lib/ und features/catalog/ importieren)',
    ]);
  });

  it('keep shared components and lib free of features', () => {
    const component = file('components/map/RegionMap.tsx', "import { x } from '../../features/regions/x';");
    const lib = file('lib/queries/regions.ts', "import { ExportLinks } from '../../components/ExportLinks';");
    expect(findBoundaryViolations([component, lib])).toEqual([
      'web/src/components/map/RegionMap.tsx:1: ../../features/regions/x (components/ darf nur components/ und lib/ importieren)',
      'web/src/lib/queries/regions.ts:1: ../../components/ExportLinks (lib/ darf nur lib/ importieren)',
    ]);
  });

  it('let the app compose everything', () => {
    const app = file(
      'app/routes.tsx',
      "const Page = lazy(() => import('../features/regions/components/LandPage'));",
    );
    expect(findBoundaryViolations([app])).toEqual([]);
  });

  it('do not mistake a folder whose name starts like another for it', () => {
    const feature = file('features/map/x.ts', "import { y } from '../mapping/y';");
    expect(findBoundaryViolations([feature])).toHaveLength(1);
  });
});
