import type { RegionLevel } from '@ozg/shared';
import { Link } from '../../lib/navigation';
import { useMe } from '../../lib/queries/me';
import { auditTrailPath, mayOpenWorkspace, workspacePath } from '../../lib/workspace-access';

/**
 * What the signed-in user may do with a region besides reading it: open its
 * workspace (ministry, its officers) and read its audit trail (ministry). The
 * app passes it to the region and search pages, which know nothing of users.
 */
export function MunicipalityLinks({ region }: { region: { ags: string; name: string; level: RegionLevel } }) {
  const me = useMe();
  const viewer = me.data ?? null;
  const workspace = mayOpenWorkspace(viewer, region);
  const audit = viewer?.role === 'admin';
  if (!workspace && !audit) return null;
  return (
    <span className="municipality-links">
      {workspace ? (
        <Link to={workspacePath(region.ags)} aria-label={`Arbeitsbereich von ${region.name} öffnen`}>
          Arbeitsbereich
        </Link>
      ) : null}
      {audit ? (
        <Link to={auditTrailPath(region.ags)} aria-label={`Änderungsprotokoll von ${region.name}`}>
          Änderungsprotokoll
        </Link>
      ) : null}
    </span>
  );
}
