import { CHANGE_SOURCE_LABELS, CHANGE_SOURCES, type ChangeSourceKind } from '@ozg/shared';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { Pagination } from '../../../components/Pagination';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { formatDateTime, inRegion } from '../../../lib/format';
import { navigate, useLocation, useSearchParams, withSearch } from '../../../lib/navigation';
import { usePageTitle } from '../../../lib/page-title';
import { dayParam, oneOfParam, pageParam, regionKeyParam } from '../../../lib/search-params';
import { describeChanges } from '../../../lib/status-changes';
import {
  AUDIT_PAGE_SIZE,
  type AuditFilter,
  auditCsvHref,
  useAuditRegion,
  useAuditTrail,
} from '../api/events';
import { useUsers } from '../api/users';
import '../../../components/work-views.css';
import { labelledBy, SelectFilter } from '../../../components/SelectFilter';
import { AdminNav } from './AdminNav';

/** Without a region or a user the trail shows the whole Land (Hessen, the first customer). */
const DEFAULT_REGION = '06';

/** The filter as the address holds it: /verwaltung/protokoll?gebiet=06435&von=…&bis=…&quelle=ui&benutzer=3&seite=2. */
const auditSearch = z.object({
  gebiet: regionKeyParam(),
  benutzer: z.coerce.number().int().min(1).nullable().catch(null),
  von: dayParam(),
  bis: dayParam(),
  quelle: oneOfParam(CHANGE_SOURCES),
  seite: pageParam(),
});

/** The filter as the API takes it; a user's trail without a region covers all regions. */
function auditFilterOf(search: z.output<typeof auditSearch>): AuditFilter {
  return {
    region: search.gebiet ?? (search.benutzer ? null : DEFAULT_REGION),
    user: search.benutzer,
    from: search.von,
    to: search.bis,
    source: search.quelle,
    page: search.seite,
  };
}

/** The ministry's audit trail: who changed what, in a region or by one user, filtered and as CSV. */
export function AuditTrailPage() {
  // The form starts again from the address whenever it changes (back button, a link from a region).
  const { search } = useLocation();
  const filter = auditFilterOf(useSearchParams(auditSearch));
  const trail = useAuditTrail(filter);
  const users = useUsers();
  const region = useAuditRegion(filter.region);
  const regionName = region.data?.name ?? filter.region;
  const userName = users.data?.items.find((user) => user.id === filter.user)?.displayName;
  const title = filter.region
    ? `Änderungsprotokoll ${regionName}${userName ? ` – ${userName}` : ''}`
    : `Änderungsprotokoll ${userName ?? ''}`.trim();
  usePageTitle(title);

  const apply = (
    next: Partial<Record<'gebiet' | 'benutzer' | 'von' | 'bis' | 'quelle' | 'seite', string>>,
  ) => {
    // Another filter gives another list: start again on its first page.
    navigate(withSearch({ ...('seite' in next ? {} : { seite: null }), ...next }), { replace: true });
  };

  return (
    <div className="admin-page">
      <AdminNav />
      <header className="page-header">
        <h1>Änderungsprotokoll</h1>
        <p className="lead">
          Wer hat wann welchen Stand geändert: in einem Gebiet mit allen Kommunen darin oder von einer Person,
          nach Zeitraum, Quelle und Benutzer gefiltert. Die CSV-Datei enthält alle Treffer.
        </p>
      </header>
      <section className="panel" aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading">Auswahl</h2>
        <AuditFilterForm
          key={search.toString()}
          filter={filter}
          users={users.data?.items ?? []}
          onApply={(values) => apply(values)}
        />
      </section>
      <section className="panel" aria-labelledby="audit-list-heading">
        <h2 id="audit-list-heading">
          {filter.region
            ? `Änderungen ${region.data ? inRegion(region.data) : `in ${filter.region}`}`
            : 'Änderungen'}
          {userName ? ` von ${userName}` : ''}
        </h2>
        {trail.isPending ? (
          <Loading label="Das Änderungsprotokoll" />
        ) : trail.isError ? (
          <ErrorState error={trail.error} onRetry={() => void trail.refetch()} />
        ) : trail.data.items.length === 0 ? (
          <Empty>Für diese Auswahl gibt es keine Änderungen.</Empty>
        ) : (
          <>
            <p className="table-summary">
              <a className="button button-small" href={auditCsvHref(filter)} download>
                CSV herunterladen
              </a>
            </p>
            <ScrollableTable label="Tabelle der Änderungen">
              <table className="data-table audit-table">
                <caption className="visually-hidden">Änderungen, neueste zuerst</caption>
                <thead>
                  <tr>
                    <th scope="col">Zeitpunkt</th>
                    <th scope="col">Kommune und Leistung</th>
                    <th scope="col">Änderung</th>
                    <th scope="col">Quelle</th>
                    <th scope="col">Benutzer</th>
                  </tr>
                </thead>
                <tbody>
                  {trail.data.items.map((event) => (
                    <tr key={event.id}>
                      <td>{formatDateTime(event.occurredAt)}</td>
                      <th scope="row">
                        {event.regionName}
                        <span className="cell-sub">
                          {event.serviceName} (OZG-ID {event.ozgId})
                        </span>
                      </th>
                      <td>
                        {describeChanges(event.before, event.after).map((line) => (
                          <span key={line} className="audit-change">
                            {line}
                          </span>
                        ))}
                      </td>
                      <td>{CHANGE_SOURCE_LABELS[event.source]}</td>
                      <td>{event.actor ?? 'ohne Benutzerkonto'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
            <Pagination
              page={trail.data.page}
              pageSize={AUDIT_PAGE_SIZE}
              total={trail.data.total}
              what="Änderungen"
              label="Seiten des Änderungsprotokolls"
              onPage={(page) => apply({ seite: page > 1 ? String(page) : '' })}
            />
          </>
        )}
      </section>
    </div>
  );
}

function AuditFilterForm({
  filter,
  users,
  onApply,
}: {
  filter: AuditFilter;
  users: readonly { id: number; displayName: string }[];
  onApply: (values: Record<'gebiet' | 'benutzer' | 'von' | 'bis' | 'quelle', string>) => void;
}) {
  const [region, setRegion] = useState(filter.region ?? '');
  const [user, setUser] = useState(filter.user ? String(filter.user) : '');
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  const [source, setSource] = useState<ChangeSourceKind | ''>(filter.source ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ gebiet: region.trim(), benutzer: user, von: from, bis: to, quelle: source });
  };
  return (
    <form className="filters" onSubmit={submit}>
      <div className="field">
        <label htmlFor="audit-region">Gebiet (AGS)</label>
        <input
          id="audit-region"
          inputMode="numeric"
          pattern="\d{2,12}"
          title="AGS mit 2, 3, 5 oder 8 Ziffern, z. B. 06435"
          value={region}
          onChange={(event) => setRegion(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-from">Von</label>
        <input id="audit-from" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">Bis</label>
        <input id="audit-to" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
      </div>
      <SelectFilter
        id="audit-source"
        label="Quelle"
        allLabel="Alle Quellen"
        options={labelledBy(CHANGE_SOURCES, CHANGE_SOURCE_LABELS)}
        value={source}
        onChange={(choice) => setSource(choice ?? '')}
      />
      <SelectFilter
        id="audit-user"
        label="Benutzer"
        allLabel="Alle Benutzer"
        options={users.map((candidate) => ({ value: String(candidate.id), label: candidate.displayName }))}
        value={user}
        onChange={(choice) => setUser(choice ?? '')}
      />
      <button type="submit" className="button button-primary">
        Anzeigen
      </button>
    </form>
  );
}
