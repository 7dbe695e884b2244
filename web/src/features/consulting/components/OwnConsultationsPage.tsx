import { Empty, Loading } from '../../../components/States';
import { Link } from '../../../lib/navigation';
import { useMe } from '../../../lib/queries/me';
import { consultationPath } from '../consulting-paths';
import { MunicipalityConsultations } from './ConsultationsPage';

/** The officer's entry: the consultations of their municipality (or a choice when they have several). */
export function OwnConsultationsPage() {
  const me = useMe();
  if (!me.data) return <Loading label="Die Anmeldung" />;
  const [only, ...others] = me.data.regions;
  if (!only)
    return (
      <Empty>Ihrem Konto ist keine Kommune zugeordnet. Bitte wenden Sie sich an die Administration.</Empty>
    );
  if (others.length === 0) return <MunicipalityConsultations ags={only.ags} me={me.data} />;
  return (
    <>
      <header className="page-header">
        <h1>Beratung Ihrer Kommunen</h1>
      </header>
      <ul className="panel link-list">
        {me.data.regions.map((region) => (
          <li key={region.ags}>
            <Link to={consultationPath(region.ags)}>{region.name}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
