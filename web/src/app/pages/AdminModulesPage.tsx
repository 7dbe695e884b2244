import { AdminNav } from '../../features/admin/components/AdminNav';
import { ModulesPage } from '../../features/consulting/components/ModulesPage';

/** The consulting modules, edited by the ministry among its administration pages. */
export function AdminModulesPage() {
  return <ModulesPage adminNav={<AdminNav />} />;
}
