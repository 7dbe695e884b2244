import {
  DEFAULT_STALE_DAYS,
  germanDayOf,
  isBrokenLink,
  type ListedStatus,
  MATURITY_LEVELS_1_1,
  OZG_CONFORMANT_LEVEL,
  type Status,
  THEMENFELDER,
  USAGE_FLAG_LABELS,
  type UsageFlag,
  WORKFLOW_STATE_LABELS,
  WORKFLOW_STATES,
} from '@ozg/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useRef, useState } from 'react';
import { AdoptionHints } from '../../../components/AdoptionHints';
import '../../../components/usage.css';
import { MaturityLevel } from '../../../components/MaturityLevel';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { labelledBy, SelectFilter, selfLabelled } from '../../../components/SelectFilter';
import { SortHeader, sortBy } from '../../../components/SortHeader';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { errorMessage } from '../../../lib/api-errors';
import { formatCount, formatDate, formatNumber } from '../../../lib/format';
import { type StatusListParams, statusesQueryOptions, useStatuses } from '../../../lib/queries/statuses';
import { useRegionUsage } from '../../../lib/queries/usage';
import { useConfirm } from '../api/confirm';
import { useRegionAssessments } from '../api/get-assessments';
import { FIRST_PAGE } from '../api/get-statuses';
import { displayValue, maturityLabel } from '../status-fields';
import { BrokenLinkBadge } from './BrokenLinkBadge';
import { BulkEditBar } from './BulkEditBar';
import { CriteriaDialog } from './CriteriaDialog';
import { HistoryDialog } from './HistoryDialog';
import { StatusEditor } from './StatusEditor';

const PAGE_SIZES = [25, 50, 100, 250] as const;
/** The API's largest page: more than any administration's target set. */
const SELECT_ALL_LIMIT = 1000;

const COLUMNS: { sort: StatusListParams['sort'] | null; label: string; className?: string }[] = [
  { sort: 'ozgId', label: 'OZG-ID', className: 'hide-narrow' },
  { sort: 'name', label: 'Leistung' },
  { sort: 'maturityLevel', label: 'Reifegrad' },
  { sort: 'workflowState', label: 'Bearbeitungsstand', className: 'hide-narrow' },
  { sort: 'updatedAt', label: 'Zuletzt geändert', className: 'hide-narrow' },
];

/** Text search waits for a pause in typing, so that every keystroke does not query the API. */
function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/**
 * The municipality's target services: server-side filter, sort and pages;
 * a row opens its inline editor, its history or, when the service is missing
 * or low, how others offer it; selected rows (kept across pages) get one
 * change at once. Selection and editing appear only where the API says this
 * user may edit (decision 003); everyone else reads the same table.
 */
export function StatusTable({
  regionKey,
  onMessage,
  staleOnly = false,
  brokenLinksOnly = false,
}: {
  regionKey: string;
  onMessage: (message: string) => void;
  /** Start with only the statuses not confirmed within the threshold (the start page's reminder links here). */
  staleOnly?: boolean;
  /** Start with only the statuses whose link is broken. */
  brokenLinksOnly?: boolean;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [filters, setFilters] = useState<
    Pick<
      StatusListParams,
      'themenfeld' | 'maturityLevel' | 'workflowState' | 'overdue' | 'staleDays' | 'brokenLink'
    >
  >({
    ...(staleOnly ? { staleDays: DEFAULT_STALE_DAYS } : {}),
    ...(brokenLinksOnly ? { brokenLink: true } : {}),
  });
  const [sort, setSort] = useState<Pick<StatusListParams, 'sort' | 'order'>>({
    sort: FIRST_PAGE.sort,
    order: FIRST_PAGE.order,
  });
  const [pageSize, setPageSize] = useState<number>(FIRST_PAGE.pageSize);
  // The page belongs to the filters it was chosen under: any other search, filter or page size starts at page 1.
  const filterSignature = JSON.stringify([q, filters, pageSize]);
  const [paging, setPaging] = useState({ filterSignature, page: 1 });
  const page = paging.filterSignature === filterSignature ? paging.page : 1;
  const setPage = (next: number) => setPaging({ filterSignature, page: next });
  const [selected, setSelected] = useState<Map<number, Status>>(new Map());
  const [editing, setEditing] = useState<number | null>(null);
  const [history, setHistory] = useState<Status | null>(null);
  const [criteriaFor, setCriteriaFor] = useState<ListedStatus | null>(null);
  // 1.1 and 2.0 side by side (decision 019): the newest 2.0 assessment of each status.
  const assessments = useRegionAssessments(regionKey);
  const level2 = new Map(
    (assessments.data?.items ?? [])
      .filter((item) => item.family === '2.0')
      .map((item) => [item.statusId, item]),
  );
  const [hintsFor, setHintsFor] = useState<number | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const params: StatusListParams = { ...filters, ...(q ? { q } : {}), ...sort, page, pageSize };
  const statuses = useStatuses(regionKey, params);
  // Usage flags of this municipality (decision 022), shown beside the service name.
  const usage = useRegionUsage(regionKey);
  const usageFlags = new Map(
    (usage.data?.flags ?? [])
      .filter((cell) => cell.ags === regionKey && cell.flag !== null)
      .map((cell) => [cell.ozgId, cell.flag as UsageFlag]),
  );
  const queryClient = useQueryClient();
  const [selectingAll, setSelectingAll] = useState(false);

  /** Selects every service that matches the filters, on all pages (an administration has at most ~460). */
  const selectAllMatching = async () => {
    setSelectingAll(true);
    try {
      const all = await queryClient.fetchQuery(
        statusesQueryOptions(regionKey, { ...params, page: 1, pageSize: SELECT_ALL_LIMIT }),
      );
      setSelected((previous) => {
        const next = new Map(previous);
        for (const status of all.items) next.set(status.id, status);
        return next;
      });
    } finally {
      setSelectingAll(false);
    }
  };

  // "/" jumps to the search box from anywhere in the workspace, as in many tools.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const focusRowButton = (statusId: number, action: 'edit' | 'history' | 'hints' | 'criteria') => {
    requestAnimationFrame(() =>
      tableRef.current?.querySelector<HTMLElement>(`[data-${action}="${statusId}"]`)?.focus(),
    );
  };

  const toggle = (status: Status, on: boolean) =>
    setSelected((previous) => {
      const next = new Map(previous);
      if (on) next.set(status.id, status);
      else next.delete(status.id);
      return next;
    });

  const items: ListedStatus[] = statuses.data?.items ?? [];
  // Bulk edit and selection belong to those who may edit this administration; rows say it one by one.
  const mayEdit = statuses.data?.editable ?? false;
  const total = statuses.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const allOnPage = items.length > 0 && items.every((status) => selected.has(status.id));
  const someOnPage = items.some((status) => selected.has(status.id));
  const allMatchingSelected = allOnPage && total <= SELECT_ALL_LIMIT && selected.size >= total;
  const filtered = Boolean(
    q ||
      filters.themenfeld ||
      filters.maturityLevel !== undefined ||
      filters.workflowState ||
      filters.overdue ||
      filters.staleDays ||
      filters.brokenLink,
  );
  const confirm = useConfirm(regionKey);
  const confirmOne = (status: ListedStatus) =>
    confirm.mutate(
      { statuses: [{ id: status.id, version: status.version }] },
      {
        onSuccess: () => onMessage(`${status.serviceName}: als unverändert bestätigt.`),
        onError: (error) => onMessage(`${status.serviceName}: nicht bestätigt. ${errorMessage(error)}`),
      },
    );

  return (
    <section className="panel" aria-labelledby="services-title">
      <h2 id="services-title">Leistungen</h2>
      <search className="filters" aria-label="Leistungen filtern">
        <div className="field field-search">
          <label htmlFor="status-search">Suche (Name oder OZG-ID)</label>
          <input
            id="status-search"
            ref={searchRef}
            type="search"
            value={search}
            placeholder="z. B. Wohngeld oder 99001"
            aria-keyshortcuts="/"
            aria-describedby="status-search-hint"
            onChange={(e) => setSearch(e.target.value)}
          />
          <span id="status-search-hint" className="hint">
            Taste <kbd>/</kbd> springt hierher.
          </span>
        </div>
        <SelectFilter
          id="filter-themenfeld"
          label="Themenfeld"
          allLabel="alle"
          options={selfLabelled(THEMENFELDER)}
          value={filters.themenfeld}
          onChange={(themenfeld) =>
            setFilters(({ themenfeld: _, ...rest }) => (themenfeld ? { ...rest, themenfeld } : rest))
          }
        />
        <SelectFilter
          id="filter-level"
          label="Reifegrad"
          allLabel="alle"
          options={MATURITY_LEVELS_1_1.map((level) => ({
            value: String(level),
            label: maturityLabel(level),
          }))}
          value={filters.maturityLevel === undefined ? undefined : String(filters.maturityLevel)}
          onChange={(level) =>
            setFilters(({ maturityLevel: _, ...rest }) =>
              level === undefined ? rest : { ...rest, maturityLevel: Number(level) },
            )
          }
        />
        <SelectFilter
          id="filter-state"
          label="Bearbeitungsstand"
          allLabel="alle"
          options={labelledBy(WORKFLOW_STATES, WORKFLOW_STATE_LABELS)}
          value={filters.workflowState}
          onChange={(workflowState) =>
            setFilters(({ workflowState: _, ...rest }) => (workflowState ? { ...rest, workflowState } : rest))
          }
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.overdue ?? false}
            onChange={(e) =>
              setFilters(({ overdue: _, ...rest }) => (e.target.checked ? { ...rest, overdue: true } : rest))
            }
          />
          Nur noch nicht OZG-konforme
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.staleDays !== undefined}
            onChange={(e) =>
              setFilters(({ staleDays: _, ...rest }) =>
                e.target.checked ? { ...rest, staleDays: DEFAULT_STALE_DAYS } : rest,
              )
            }
          />
          Nur länger als {DEFAULT_STALE_DAYS} Tage nicht bestätigte
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.brokenLink ?? false}
            onChange={(e) =>
              setFilters(({ brokenLink: _, ...rest }) =>
                e.target.checked ? { ...rest, brokenLink: true } : rest,
              )
            }
          />
          Nur mit defektem Link
        </label>
      </search>

      {statuses.isPending ? (
        <Loading label="Die Leistungen" />
      ) : statuses.isError ? (
        <ErrorState error={statuses.error} onRetry={() => void statuses.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          {filtered
            ? 'Keine Leistung passt zu diesen Filtern. Ändern oder leeren Sie die Suche.'
            : 'Für diese Kommune sind keine Leistungen zu erbringen.'}
        </Empty>
      ) : (
        <>
          <p className="table-summary" aria-live="polite">
            {formatCount(total, 'Leistung', 'Leistungen')}
            {filtered ? ' gefunden' : ''} · Seite {formatNumber(page)} von {formatNumber(pages)}
            {statuses.isPlaceholderData ? ' · wird aktualisiert …' : ''}
          </p>
          {allOnPage && total > items.length ? (
            <p className="select-all" aria-live="polite">
              {allMatchingSelected ? (
                `Alle ${formatCount(total, 'Leistung', 'Leistungen')}${filtered ? ' dieser Filter' : ''} sind ausgewählt.`
              ) : (
                <>
                  Alle {formatNumber(items.length)} dieser Seite sind ausgewählt.{' '}
                  <button
                    type="button"
                    className="button button-small"
                    disabled={selectingAll}
                    onClick={() => void selectAllMatching()}
                  >
                    {selectingAll
                      ? 'Wird ausgewählt …'
                      : `Alle ${formatNumber(total)}${filtered ? ' gefundenen' : ''} auswählen`}
                  </button>
                </>
              )}
            </p>
          ) : null}
          <ScrollableTable label="Tabelle der Leistungen">
            <table ref={tableRef} className="data-table status-table" aria-busy={statuses.isFetching}>
              <caption className="visually-hidden">
                {mayEdit
                  ? 'Leistungen der Kommune; Spaltenköpfe sortieren, „Bearbeiten“ öffnet die Zeile zum Ändern'
                  : 'Leistungen der Kommune, nur zum Lesen; Spaltenköpfe sortieren'}
              </caption>
              <thead>
                <tr>
                  {mayEdit ? (
                    <th scope="col" className="select-cell">
                      <input
                        type="checkbox"
                        aria-label="Alle Leistungen dieser Seite auswählen"
                        checked={allOnPage}
                        ref={(input) => {
                          if (input) input.indeterminate = someOnPage && !allOnPage;
                        }}
                        onChange={(e) => {
                          for (const status of items) toggle(status, e.target.checked);
                        }}
                      />
                    </th>
                  ) : null}
                  {COLUMNS.map((column) => (
                    <SortHeader
                      key={column.label}
                      label={column.label}
                      column={column.sort}
                      sortedBy={sort.sort}
                      order={sort.order}
                      onSort={sortBy(setSort)}
                      className={column.className}
                    />
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">Aktionen</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((status) => (
                  <Fragment key={status.id}>
                    <tr className={selected.has(status.id) ? 'row-selected' : undefined}>
                      {mayEdit ? (
                        <td className="select-cell">
                          {status.editable ? (
                            <input
                              type="checkbox"
                              aria-label={`${status.serviceName} auswählen`}
                              checked={selected.has(status.id)}
                              onChange={(e) => toggle(status, e.target.checked)}
                            />
                          ) : null}
                        </td>
                      ) : null}
                      <td className="mono hide-narrow">{status.ozgId}</td>
                      <th scope="row">
                        {status.serviceName}
                        <span className="cell-sub">{status.themenfeld}</span>
                        <BrokenLinkBadge
                          broken={
                            status.url && status.link && isBrokenLink(status.link.result)
                              ? { url: status.url, link: status.link }
                              : undefined
                          }
                        />
                        {usageFlags.has(status.ozgId) ? (
                          <span className={`cell-sub usage-flag usage-flag-${usageFlags.get(status.ozgId)}`}>
                            {USAGE_FLAG_LABELS[usageFlags.get(status.ozgId) as UsageFlag]}
                          </span>
                        ) : null}
                      </th>
                      <td>
                        <MaturityLevel level={status.maturityLevel} model={status.maturityModel} />
                        {status.onlineSince ? (
                          <span className="cell-sub hide-narrow">
                            online seit {formatDate(status.onlineSince)}
                          </span>
                        ) : null}
                        <span className="cell-sub rgm2-level">
                          {level2Text(level2.get(status.id))}
                          {level2.get(status.id)?.analogProcessing ? (
                            <span className="analog-flag"> · Bearbeitung analog</span>
                          ) : null}
                        </span>
                      </td>
                      <td className="hide-narrow">
                        {WORKFLOW_STATE_LABELS[status.workflowState]}
                        {status.solution ? (
                          <span className="cell-sub">{displayValue('solution', status.solution)}</span>
                        ) : null}
                      </td>
                      <td className="hide-narrow">
                        {formatDate(status.updatedAt)}
                        {status.updatedBy ? (
                          <span className="cell-sub editor-name">{status.updatedBy}</span>
                        ) : null}
                        <span className="cell-sub">
                          {status.confirmedAt
                            ? `bestätigt ${formatDate(germanDayOf(new Date(status.confirmedAt)))}`
                            : 'noch nie bestätigt'}
                        </span>
                      </td>
                      <td>
                        <div className="row-actions">
                          {status.editable ? (
                            <button
                              type="button"
                              className="button button-small"
                              data-edit={status.id}
                              aria-expanded={editing === status.id}
                              aria-label={`${status.serviceName} bearbeiten`}
                              onClick={() => {
                                setHintsFor(null);
                                setEditing(editing === status.id ? null : status.id);
                              }}
                            >
                              Bearbeiten
                            </button>
                          ) : null}
                          {status.editable ? (
                            <button
                              type="button"
                              className="button button-small"
                              data-confirm={status.id}
                              disabled={confirm.isPending}
                              aria-label={`${status.serviceName} unverändert bestätigen`}
                              onClick={() => confirmOne(status)}
                            >
                              Bestätigen
                            </button>
                          ) : null}
                          {status.maturityLevel < OZG_CONFORMANT_LEVEL ? (
                            <button
                              type="button"
                              className="button button-small"
                              data-hints={status.id}
                              aria-expanded={hintsFor === status.id}
                              aria-label={`Vorbilder für ${status.serviceName}: wie andere Kommunen sie anbieten`}
                              onClick={() => {
                                setEditing(null);
                                setHintsFor(hintsFor === status.id ? null : status.id);
                              }}
                            >
                              Vorbilder
                            </button>
                          ) : null}
                          <button
                            type="button"
                            className="button button-small"
                            data-criteria={status.id}
                            aria-label={`Kriterien von ${status.serviceName}`}
                            onClick={() => setCriteriaFor(status)}
                          >
                            Kriterien
                          </button>
                          <button
                            type="button"
                            className="button button-small"
                            data-history={status.id}
                            aria-label={`Verlauf von ${status.serviceName}`}
                            onClick={() => setHistory(status)}
                          >
                            Verlauf
                          </button>
                        </div>
                      </td>
                    </tr>
                    {hintsFor === status.id ? (
                      <tr className="editor-row">
                        <td colSpan={COLUMNS.length + (mayEdit ? 2 : 1)}>
                          <section className="hints-panel" aria-label={`Vorbilder für ${status.serviceName}`}>
                            <h3>So bieten andere Kommunen „{status.serviceName}“ an</h3>
                            <AdoptionHints regionKey={regionKey} ozgId={status.ozgId} />
                            <button
                              type="button"
                              className="button button-small"
                              onClick={() => {
                                setHintsFor(null);
                                focusRowButton(status.id, 'hints');
                              }}
                            >
                              Vorbilder schließen
                            </button>
                          </section>
                        </td>
                      </tr>
                    ) : null}
                    {editing === status.id && status.editable ? (
                      <tr className="editor-row">
                        <td colSpan={COLUMNS.length + 2}>
                          <StatusEditor
                            regionKey={regionKey}
                            status={status}
                            onClose={(saved) => {
                              setEditing(null);
                              if (saved) onMessage(`${status.serviceName}: gespeichert.`);
                              focusRowButton(status.id, 'edit');
                            }}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
          <nav className="pager" aria-label="Seiten der Leistungen">
            <button type="button" className="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Zurück
            </button>
            <span>
              Seite {formatNumber(page)} von {formatNumber(pages)}
            </span>
            <button
              type="button"
              className="button"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
            >
              Weiter
            </button>
            <label className="page-size">
              Zeilen je Seite{' '}
              <select value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))}>
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
          </nav>
        </>
      )}
      {mayEdit && selected.size > 0 ? (
        <BulkEditBar
          regionKey={regionKey}
          selected={[...selected.values()]}
          onSelectionChange={(statuses) =>
            setSelected(new Map(statuses.map((status) => [status.id, status])))
          }
          onDone={(message) => {
            setSelected(new Map());
            onMessage(message);
          }}
        />
      ) : null}
      {criteriaFor ? (
        <CriteriaDialog
          regionKey={regionKey}
          status={criteriaFor}
          editable={criteriaFor.editable}
          onClose={(saved) => {
            const { id, serviceName } = criteriaFor;
            setCriteriaFor(null);
            if (saved) onMessage(`${serviceName}: Kriterien gespeichert.`);
            focusRowButton(id, 'criteria');
          }}
        />
      ) : null}
      {history ? (
        <HistoryDialog
          status={history}
          onClose={() => {
            const id = history.id;
            setHistory(null);
            focusRowButton(id, 'history');
          }}
        />
      ) : null}
    </section>
  );
}

/** The 2.0 level beside the recorded 1.1 one; an open assessment is not level 0. */
function level2Text(item: { level: number | null; answered: number; criteria: number } | undefined): string {
  if (!item) return 'RGM 2.0: nicht bewertet';
  if (item.level === null) return `RGM 2.0: ${item.answered} von ${item.criteria} Kriterien`;
  return `RGM 2.0: Stufe ${item.level}`;
}
