import '../../../components/work-views.css';
import '../workspace.css';
import { REGION_KIND_LABELS } from '@ozg/shared';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorState, Loading } from '../../../components/States';
import { formatCount, formatNumber } from '../../../lib/format';
import { Link, navigate, type PathParams, useSearchParams } from '../../../lib/navigation';
import { usePageTitle } from '../../../lib/page-title';
import { datahubDifferencesQueryOptions } from '../../../lib/queries/datahub';
import { useMe } from '../../../lib/queries/me';
import { useRegion } from '../../../lib/queries/regions';
import { regionPath } from '../../../lib/region-paths';
import { reconciliationPath } from '../../../lib/workspace-access';
import { useMayEdit } from '../api/get-statuses';
import { CsvPanel } from './CsvPanel';
import { FreshnessBadge, Reminders } from './Freshness';
import { RecentChanges } from './RecentChanges';
import { StatusTable } from './StatusTable';

/**
 * The officer's workspace: /arbeitsbereich/:ags edits that municipality, or
 * shows it read-only to whoever may not edit it (consultants, viewers, officers
 * of other municipalities); /arbeitsbereich opens the officer's own (or lets
 * them pick one).
 */
export function WorkspacePage({ params }: { params: Partial<PathParams<'/arbeitsbereich/:ags'>> }) {
  return params.ags ? <Workspace regionKey={params.ags} /> : <WorkspaceStart />;
}

/** Links from the reminders open the table filtered to what needs doing. */
const workspaceSearch = z.object({
  veraltet: z.enum(['1']).optional().catch(undefined),
  links: z.enum(['defekt']).optional().catch(undefined),
});

/**
 * The workspace for one municipality (AGS or ARS): its target services and,
 * for editors, the CSV exchange; on the start page (/arbeitsbereich) with
 * the reminders of what needs doing.
 */
function Workspace({ regionKey, start = false }: { regionKey: string; start?: boolean }) {
  const region = useRegion(regionKey);
  const search = useSearchParams(workspaceSearch);
  const me = useMe();
  const mayEdit = useMayEdit(region.data?.ags ?? regionKey);
  const [message, setMessage] = useState('');
  const readOnly = mayEdit === false;
  // Only who may decide sees the reconciliation (the API refuses the others).
  const differences = useQuery({
    ...datahubDifferencesQueryOptions(region.data?.ags ?? regionKey),
    enabled: mayEdit === true,
  });
  const openDifferences = differences.data?.items.length;
  usePageTitle(region.data ? `${readOnly ? 'Leistungen' : 'Arbeitsbereich'} ${region.data.name}` : null);

  if (region.isPending) return <Loading label="Die Kommune" />;
  if (region.isError)
    return (
      <ErrorState
        notFoundHeading="Kommune nicht gefunden"
        error={region.error}
        onRetry={() => void region.refetch()}
      />
    );
  const { data } = region;
  const ownRegions = me.data?.role === 'officer' ? me.data.regions : [];

  return (
    <div className="workspace">
      <header className="page-header">
        <Breadcrumbs
          items={[
            ...data.ancestors.map((ancestor) => ({
              label: ancestor.name,
              to: regionPath(ancestor.ags, ancestor.level),
            })),
            { label: data.name, to: regionPath(data.ags, data.level) },
            { label: readOnly ? 'Leistungen' : 'Arbeitsbereich' },
          ]}
        />
        <p className="eyebrow">
          {readOnly ? 'Leistungen' : 'Arbeitsbereich'} · {REGION_KIND_LABELS[data.kind]} · AGS {data.ags}
        </p>
        <h1>{data.name}</h1>
        {readOnly ? (
          <p className="page-lead">
            {formatNumber(data.population)} Einwohner. Der Umsetzungsstand der Leistungen, die {data.name}{' '}
            anbieten muss, mit Verlauf und Vorbildern.{' '}
            <strong>Nur zum Lesen: Ändern können ihn die Bearbeiter der Kommune und das Ministerium.</strong>
            {ownRegions.length > 0 ? (
              <>
                {' '}
                Ihre eigene Kommune bearbeiten Sie in{' '}
                {ownRegions.map((own, index) => (
                  <span key={own.ags}>
                    {index > 0 ? ', ' : ''}
                    <Link to={`/arbeitsbereich/${own.ags}`}>{own.name}</Link>
                  </span>
                ))}
                .
              </>
            ) : null}
          </p>
        ) : (
          <p className="page-lead">
            {formatNumber(data.population)} Einwohner. Pflegen Sie hier den Umsetzungsstand der Leistungen,
            die Ihre Kommune anbieten muss.
          </p>
        )}
        <FreshnessBadge regionKey={data.ags} />
        <p className="page-links">
          <Link to={`/beratung/kommune/${data.ags}`}>Beratungen und vereinbarte Maßnahmen der Kommune</Link>
          {mayEdit ? (
            <>
              {' · '}
              <Link to={reconciliationPath(data.ags)}>
                Abgleich mit dem Bund
                {differences.isPending ? (
                  <span className="state-loading visually-hidden"> (Abweichungen werden gezählt)</span>
                ) : (
                  openDifferencesText(openDifferences)
                )}
              </Link>
            </>
          ) : null}
        </p>
      </header>
      {start && mayEdit ? <Reminders regionKey={data.ags} /> : null}
      <p className="flash" role="status" aria-live="polite">
        {message}
      </p>
      {mayEdit ? <RecentChanges regionKey={data.ags} onMessage={setMessage} /> : null}
      <StatusTable
        // A reminder's link opens the table anew with its filter.
        key={`${search.veraltet ?? ''}:${search.links ?? ''}`}
        regionKey={data.ags}
        onMessage={setMessage}
        staleOnly={search.veraltet === '1'}
        brokenLinksOnly={search.links === 'defekt'}
      />
      {mayEdit ? <CsvPanel regionKey={data.ags} onCommitted={setMessage} /> : null}
    </div>
  );
}

/**
 * Which municipality to edit: an officer with one region goes straight to it;
 * with several they choose; the ministry (no own regions) enters an AGS.
 */
function WorkspaceStart() {
  const me = useMe();
  const [ags, setAgs] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const regions = me.data?.regions ?? [];
  const only = regions.length === 1 ? regions[0] : undefined;
  if (only) return <Workspace regionKey={only.ags} start />;

  const open = (event: FormEvent) => {
    event.preventDefault();
    const key = ags.trim();
    if (!/^\d{2,12}$/.test(key)) {
      setProblem(
        'Bitte den Gemeindeschlüssel (AGS, 8 Ziffern, z. B. 06435014) oder den ARS (12 Ziffern) eingeben.',
      );
      return;
    }
    navigate(`/arbeitsbereich/${key}`);
  };

  return (
    <div className="workspace">
      <header className="page-header">
        <p className="eyebrow">Arbeitsbereich</p>
        <h1>Kommune wählen</h1>
      </header>
      {regions.length > 1 ? (
        <section className="panel" aria-labelledby="own-regions">
          <h2 id="own-regions">Ihre Kommunen</h2>
          <ul className="region-links">
            {regions.map((region) => (
              <li key={region.ags}>
                <Link to={`/arbeitsbereich/${region.ags}`}>{region.name}</Link>{' '}
                <span className="mono muted">{region.ags}</span> ·{' '}
                <Link to={reconciliationPath(region.ags)}>Abgleich mit dem Bund</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {me.data?.role === 'officer'
        ? regions.map((region) => <Reminders key={region.ags} regionKey={region.ags} name={region.name} />)
        : null}
      <section className="panel" aria-labelledby="open-region">
        <h2 id="open-region">Kommune nach Schlüssel öffnen</h2>
        <p className="hint">
          Den Schlüssel zeigt jede Gebietsseite (z. B. 06435901); Kreise öffnen Sie mit ihrem fünfstelligen
          Schlüssel.
        </p>
        <form className="filters" onSubmit={open} noValidate>
          <div className="field">
            <label htmlFor="workspace-ags">AGS oder ARS</label>
            <input
              id="workspace-ags"
              inputMode="numeric"
              value={ags}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'workspace-ags-problem' : undefined}
              onChange={(event) => {
                setAgs(event.target.value);
                setProblem(null);
              }}
            />
            {problem ? (
              <span id="workspace-ags-problem" className="field-problem">
                {problem}
              </span>
            ) : null}
          </div>
          <button type="submit" className="button button-primary">
            Öffnen
          </button>
        </form>
      </section>
    </div>
  );
}

/** The count behind the reconciliation link: nothing while unknown (a failed count only loses the hint). */
function openDifferencesText(open: number | undefined): string {
  if (open === undefined) return '';
  if (open === 0) return ' (nichts offen)';
  return ` (${formatCount(open, 'Abweichung', 'Abweichungen')} offen)`;
}
