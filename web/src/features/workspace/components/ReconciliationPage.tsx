import '../../../components/work-views.css';
import '../workspace.css';
import {
  DATAHUB_DECISION_LABELS,
  DATAHUB_DIFFERENCE_KINDS,
  DATAHUB_DIFFERENCE_LABELS,
  type DatahubDecision,
  type DatahubDecisionResult,
  type DatahubDifference,
  type DatahubDifferenceKind,
  type FieldProblem,
} from '@ozg/shared';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { labelledBy, SelectFilter } from '../../../components/SelectFilter';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import { conflictRecords, errorMessage, ruleProblems } from '../../../lib/api-errors';
import { formatCount, formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { Link, type PathParams } from '../../../lib/navigation';
import { usePageTitle } from '../../../lib/page-title';
import { datahubDifferencesQueryOptions, useDatahubDifferences } from '../../../lib/queries/datahub';
import { useRegionLinks } from '../../../lib/queries/region-links';
import { useRegion } from '../../../lib/queries/regions';
import { regionPath } from '../../../lib/region-paths';
import { workspacePath } from '../../../lib/workspace-access';
import { type DatahubDecisionItems, useDatahubDecide, useDatahubPreview } from '../api/datahub-decisions';
import { displayValue, FIELD_LABELS } from '../status-fields';
import { BrokenLinkBadge } from './BrokenLinkBadge';

/** A difference is one status and one kind: a status can differ in two ways (e.g. "nicht ok" and the URL). */
const keyOf = (item: { statusId: number; kind: DatahubDifferenceKind }) => `${item.statusId}:${item.kind}`;

const STATES = ['open', 'clarify'] as const;
type State = (typeof STATES)[number];
const STATE_LABELS: Record<State, string> = { open: 'offen', clarify: 'in Klärung' };
const stateOf = (item: DatahubDifference): State => (item.clarify ? 'clarify' : 'open');

const fieldLabel = (field: string) => FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? field;

/** What the officer asked for, before the preview and the commit: the decision and, for all, one text. */
type Request = { decision: DatahubDecision; items: DatahubDifference[]; text: string };

const itemsOf = ({ decision, items, text }: Request): DatahubDecisionItems =>
  items.map((item) => ({
    statusId: item.statusId,
    version: item.version,
    kind: item.kind,
    decision,
    ...(decision !== 'accept' && text.trim() ? { reason: text.trim() } : {}),
  }));

/**
 * "Abgleich mit dem Bund" (decision 021, issue #15): the differences between
 * the administration's statuses and the federal Data Hub, to take over,
 * reject (with a reason) or mark for clarification, one by one or several at
 * once. Nothing changes without the officer's decision; taking over shows
 * what each status becomes before it is committed.
 */
export function ReconciliationPage({ params }: { params: PathParams<'/arbeitsbereich/:ags/abgleich'> }) {
  const region = useRegion(params.ags);
  usePageTitle(region.data ? `Abgleich mit dem Bund – ${region.data.name}` : null);
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
  return (
    <div className="workspace reconciliation">
      <header className="page-header">
        <Breadcrumbs
          items={[
            ...data.ancestors.map((ancestor) => ({
              label: ancestor.name,
              to: regionPath(ancestor.ags, ancestor.level),
            })),
            { label: data.name, to: regionPath(data.ags, data.level) },
            { label: 'Arbeitsbereich', to: workspacePath(data.ags) },
            { label: 'Abgleich mit dem Bund' },
          ]}
        />
        <p className="eyebrow">Arbeitsbereich · AGS {data.ags}</p>
        <h1>Abgleich mit dem Bund: {data.name}</h1>
        <p className="page-lead">
          Der Data Hub des Bundes meldet, welche Leistungen im Portalverbund online sind. Wo er von Ihrem
          Stand abweicht, entscheiden Sie: übernehmen, ablehnen (mit Begründung) oder zur Klärung vormerken.
          Ohne Ihre Entscheidung ändert sich nichts.{' '}
          <Link to="/methodik#abgleich">Wie der Abgleich funktioniert</Link>
        </p>
      </header>
      <Differences regionKey={data.ags} />
    </div>
  );
}

function Differences({ regionKey }: { regionKey: string }) {
  const differences = useDatahubDifferences(regionKey);
  const links = useRegionLinks(regionKey);
  const brokenLinks = new Map((links.data?.items ?? []).map((item) => [item.statusId, item]));
  const preview = useDatahubPreview();
  const decide = useDatahubDecide(regionKey);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<DatahubDifferenceKind | undefined>();
  const [state, setState] = useState<State | undefined>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<{ decision: DatahubDecision; text: string }>({
    decision: 'accept',
    text: '',
  });
  const [bulkProblem, setBulkProblem] = useState<string | null>(null);
  const [rowForm, setRowForm] = useState<{ key: string; decision: 'reject' | 'clarify' } | null>(null);
  const [pending, setPending] = useState<Request | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<{ text: string; problems: string[] } | null>(null);
  const bulkId = useId();
  // Decided rows leave the list; focus goes to its heading instead of getting lost on the page.
  const listHeadingRef = useRef<HTMLHeadingElement>(null);

  if (differences.isPending) return <Loading label="Der Abgleich" />;
  if (differences.isError)
    return <ErrorState error={differences.error} onRetry={() => void differences.refetch()} />;
  const { items, importedAt } = differences.data;
  const visible = items.filter(
    (item) => (kind === undefined || item.kind === kind) && (state === undefined || stateOf(item) === state),
  );
  // The selection lives by key, so after a reload it holds only what is still open (with its new version).
  const chosen = items.filter((item) => selected.has(keyOf(item)));
  const allVisible = visible.length > 0 && visible.every((item) => selected.has(keyOf(item)));
  const someVisible = visible.some((item) => selected.has(keyOf(item)));
  const notAcceptable = bulk.decision === 'accept' ? chosen.filter((item) => !item.acceptable) : [];
  const toDecide = bulk.decision === 'accept' ? chosen.filter((item) => item.acceptable) : chosen;

  const toggle = (item: DatahubDifference, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(keyOf(item));
      else next.delete(keyOf(item));
      return next;
    });

  /** A failed preview or commit as German text: 409 reloads the list, 422/400 names the services and fields. */
  const fail = (error: unknown, request: Request) => {
    setPending(null);
    if (error instanceof ApiError && error.status === 409) {
      const names = (conflictRecords(error) ?? []).map((status) => status.serviceName);
      // The message follows the reload, so what it says ("neu geladen") is true when it is read.
      void queryClient
        .invalidateQueries({ queryKey: datahubDifferencesQueryOptions(regionKey).queryKey })
        .then(() =>
          setFailure({
            text: `Inzwischen geändert${names.length > 0 ? `: ${names.join(', ')}` : ''}. Jemand hat den Status bearbeitet oder über die Abweichung schon entschieden. Die Liste ist neu geladen; bitte prüfen und erneut entscheiden.`,
            problems: [],
          }),
        );
      return;
    }
    const problems = ruleProblems(error).map((problem: FieldProblem) => {
      const index = Number(/^items\.(\d+)/.exec(problem.path)?.[1]);
      const item = Number.isInteger(index) ? request.items[index] : undefined;
      return item ? `${item.serviceName}: ${problem.message}` : problem.message;
    });
    setFailure({ text: errorMessage(error), problems });
  };

  /** Takes over: always through the preview, so the officer sees what each status becomes. */
  const showPreview = (request: Request) => {
    setFailure(null);
    setMessage('');
    preview.mutate(itemsOf(request), {
      onSuccess: () => setPending(request),
      onError: (error) => fail(error, request),
    });
  };

  const commit = (request: Request, onDone?: () => void) => {
    setFailure(null);
    decide.mutate(itemsOf(request), {
      onSuccess: (result) => {
        setPending(null);
        preview.reset();
        setSelected((previous) => {
          const next = new Set(previous);
          for (const item of request.items) next.delete(keyOf(item));
          return next;
        });
        setMessage(resultText(result));
        onDone?.();
        listHeadingRef.current?.focus();
      },
      onError: (error) => fail(error, request),
    });
  };

  const submitBulk = (event: FormEvent) => {
    event.preventDefault();
    if (bulk.decision === 'reject' && !bulk.text.trim()) {
      setBulkProblem('Bitte eine Begründung angeben: sie steht im Protokoll und beim nächsten Abgleich.');
      return;
    }
    setBulkProblem(null);
    showPreview({ decision: bulk.decision, items: toDecide, text: bulk.text });
  };

  const kindCounts = new Map(
    DATAHUB_DIFFERENCE_KINDS.map((k) => [k, items.filter((i) => i.kind === k).length]),
  );

  return (
    <>
      <p className="flash" role="status" aria-live="polite">
        {message}
      </p>
      {failure ? (
        <div className="form-error" role="alert">
          <p>{failure.text}</p>
          {failure.problems.length > 0 ? (
            <ul>
              {failure.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <section className="panel" aria-labelledby="recon-list-title">
        <h2 id="recon-list-title" ref={listHeadingRef} tabIndex={-1}>
          {items.length === 0
            ? 'Keine offenen Abweichungen'
            : formatCount(items.length, 'Abweichung', 'Abweichungen')}
        </h2>
        <p className="hint">
          {importedAt
            ? `Stand des Data Hub: ${formatDateTime(importedAt)}. Abgelehnte Abweichungen erscheinen erst wieder, wenn der Bund seinen Wert ändert.`
            : 'Für diese Verwaltung liegt noch kein Abzug des Data Hub vor; das Ministerium lädt ihn hoch.'}
        </p>
        {items.length > 0 ? (
          <div className="filters">
            <SelectFilter
              id="recon-kind"
              label="Art der Abweichung"
              value={kind}
              allLabel={`Alle Arten (${formatNumber(items.length)})`}
              options={DATAHUB_DIFFERENCE_KINDS.map((k) => ({
                value: k,
                label: `${DATAHUB_DIFFERENCE_LABELS[k]} (${formatNumber(kindCounts.get(k) ?? 0)})`,
              }))}
              onChange={setKind}
            />
            <SelectFilter
              id="recon-state"
              label="Stand"
              value={state}
              allLabel="offen und in Klärung"
              options={labelledBy(STATES, STATE_LABELS)}
              onChange={setState}
            />
          </div>
        ) : null}

        {visible.length > 0 ? (
          <>
            <label className="choice select-all">
              <input
                type="checkbox"
                checked={allVisible}
                ref={(input) => {
                  if (input) input.indeterminate = someVisible && !allVisible;
                }}
                onChange={(event) => {
                  for (const item of visible) toggle(item, event.target.checked);
                }}
              />
              Alle {formatNumber(visible.length)} {kind || state ? 'gefilterten ' : ''}auswählen
            </label>
            <ul className="recon-list">
              {visible.map((item) => (
                <DifferenceCard
                  key={keyOf(item)}
                  item={item}
                  broken={brokenLinks.get(item.statusId)}
                  selected={selected.has(keyOf(item))}
                  onSelect={(on) => toggle(item, on)}
                  form={rowForm?.key === keyOf(item) ? rowForm.decision : null}
                  onForm={(decision) => {
                    setFailure(null);
                    setRowForm(decision ? { key: keyOf(item), decision } : null);
                  }}
                  busy={preview.isPending || decide.isPending}
                  onAccept={() => showPreview({ decision: 'accept', items: [item], text: '' })}
                  onDecide={(decision, text) =>
                    commit({ decision, items: [item], text }, () => setRowForm(null))
                  }
                />
              ))}
            </ul>
          </>
        ) : items.length > 0 ? (
          <Empty>Keine Abweichung passt zu diesen Filtern.</Empty>
        ) : (
          <Empty>
            Ihr Stand stimmt mit dem Data Hub überein.{' '}
            <Link to={workspacePath(regionKey)}>Zurück zum Arbeitsbereich</Link>
          </Empty>
        )}
      </section>

      {chosen.length > 0 ? (
        <form className="bulk-bar" aria-labelledby={`${bulkId}-title`} onSubmit={submitBulk} noValidate>
          <div className="bulk-head">
            <h2 id={`${bulkId}-title`} className="bulk-title">
              {formatCount(chosen.length, 'Abweichung', 'Abweichungen')} ausgewählt
            </h2>
            <button type="button" className="button button-small" onClick={() => setSelected(new Set())}>
              Auswahl aufheben
            </button>
          </div>
          <div className="bulk-fields">
            <SelectFilter
              id={`${bulkId}-decision`}
              label="Entscheidung für die Auswahl"
              value={bulk.decision}
              options={labelledBy(['accept', 'reject', 'clarify'] as const, DATAHUB_DECISION_LABELS)}
              onChange={(decision) => {
                setBulkProblem(null);
                setBulk((previous) => ({ ...previous, decision: decision ?? 'accept' }));
              }}
            />
            {bulk.decision !== 'accept' ? (
              <div className="field recon-text">
                <label htmlFor={`${bulkId}-text`}>
                  {bulk.decision === 'reject' ? 'Begründung (Pflicht)' : 'Notiz zur Klärung'}
                </label>
                <textarea
                  id={`${bulkId}-text`}
                  rows={2}
                  maxLength={1000}
                  value={bulk.text}
                  aria-invalid={bulkProblem ? true : undefined}
                  aria-describedby={bulkProblem ? `${bulkId}-problem` : undefined}
                  onChange={(event) => {
                    setBulkProblem(null);
                    setBulk((previous) => ({ ...previous, text: event.target.value }));
                  }}
                />
                {bulkProblem ? (
                  <span id={`${bulkId}-problem`} className="field-problem">
                    {bulkProblem}
                  </span>
                ) : null}
              </div>
            ) : null}
          </div>
          {notAcceptable.length > 0 ? (
            <p className="hint">
              {formatCount(
                notAcceptable.length,
                'ausgewählte Abweichung kann',
                'ausgewählte Abweichungen können',
              )}{' '}
              nicht übernommen werden („nicht gelistet“ oder „nicht ok“ beim Bund) und{' '}
              {notAcceptable.length === 1 ? 'bleibt' : 'bleiben'} offen.
            </p>
          ) : null}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={toDecide.length === 0 || preview.isPending}
            >
              {preview.isPending
                ? 'Vorschau wird erstellt …'
                : `Vorschau für ${formatNumber(toDecide.length)}`}
            </button>
          </div>
        </form>
      ) : null}

      {pending && preview.data ? (
        <DecisionPreviewDialog
          request={pending}
          result={preview.data}
          committing={decide.isPending}
          onConfirm={() => commit(pending)}
          onCancel={() => {
            setPending(null);
            preview.reset();
          }}
        />
      ) : null}
    </>
  );
}

/** "2 übernommen, 1 abgelehnt": the flash after a commit. */
function resultText({ summary }: DatahubDecisionResult): string {
  const parts = [
    summary.accepted > 0 ? `${formatCount(summary.accepted, 'Abweichung', 'Abweichungen')} übernommen` : null,
    summary.rejected > 0 ? `${formatCount(summary.rejected, 'Abweichung', 'Abweichungen')} abgelehnt` : null,
    summary.clarify > 0
      ? `${formatCount(summary.clarify, 'Abweichung', 'Abweichungen')} zur Klärung vorgemerkt`
      : null,
  ].filter(Boolean);
  return `${parts.join(', ')}.`;
}

function DifferenceCard({
  item,
  broken,
  selected,
  onSelect,
  form,
  onForm,
  busy,
  onAccept,
  onDecide,
}: {
  item: DatahubDifference;
  broken: Parameters<typeof BrokenLinkBadge>[0]['broken'];
  selected: boolean;
  onSelect: (on: boolean) => void;
  form: 'reject' | 'clarify' | null;
  onForm: (decision: 'reject' | 'clarify' | null) => void;
  busy: boolean;
  onAccept: () => void;
  onDecide: (decision: 'reject' | 'clarify', text: string) => void;
}) {
  const id = `recon-${item.statusId}-${item.kind}`;
  const kindLabel = DATAHUB_DIFFERENCE_LABELS[item.kind];
  return (
    <li className={`recon-item${selected ? ' row-selected' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="recon-head">
        <input
          type="checkbox"
          aria-label={`${item.serviceName} (${kindLabel}) auswählen`}
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
        />
        <h3 id={`${id}-title`}>
          {item.serviceName} <span className="mono muted">{item.ozgId}</span>
        </h3>
        <span className={`badge recon-kind recon-kind-${item.kind}`}>{kindLabel}</span>
        {item.clarify ? <span className="badge recon-clarify">in Klärung</span> : null}
      </div>
      <p className="recon-text-line">{item.text}</p>
      <BrokenLinkBadge broken={broken} />
      <details className="recon-details">
        <summary>Einzelheiten</summary>
        <dl className="recon-values">
          <dt>Bund</dt>
          <dd>
            {item.sourceStatus === null
              ? 'nicht gelistet'
              : item.sourceStatus === 'ok'
                ? 'online, Status ok'
                : 'Status nicht ok'}
            {item.sourceUrl ? <span className="cell-sub">URL {item.sourceUrl}</span> : null}
            {item.sourceCoverage ? (
              <span className="cell-sub">Flächendeckung: {item.sourceCoverage}</span>
            ) : null}
          </dd>
          <dt>Ihr Stand</dt>
          <dd>
            {displayValue('maturityLevel', item.maturityLevel)}
            {item.onlineSince ? `, online seit ${formatDate(item.onlineSince)}` : ', nicht online'}
            <span className="cell-sub">URL {item.url ?? '–'}</span>
          </dd>
        </dl>
      </details>
      {item.clarify ? (
        <p className="hint">
          Zur Klärung vorgemerkt am {formatDateTime(item.clarify.decidedAt)}
          {item.clarify.reason ? `: „${item.clarify.reason}“` : '.'}
        </p>
      ) : null}
      {broken && item.kind === 'url_differs' ? (
        <p className="hint">Ihre URL war bei der letzten Prüfung nicht erreichbar.</p>
      ) : null}
      <div className="row-actions">
        {item.acceptable ? (
          <button
            type="button"
            className="button button-small button-primary"
            disabled={busy}
            aria-label={`${item.serviceName}: Wert des Bundes übernehmen`}
            onClick={onAccept}
          >
            Übernehmen
          </button>
        ) : null}
        {(['reject', 'clarify'] as const).map((decision) => (
          <button
            key={decision}
            type="button"
            className="button button-small"
            aria-expanded={form === decision}
            aria-label={`${item.serviceName}: ${decision === 'reject' ? 'ablehnen' : 'zur Klärung vormerken'}`}
            onClick={() => onForm(form === decision ? null : decision)}
          >
            {DATAHUB_DECISION_LABELS[decision]}
          </button>
        ))}
      </div>
      {form ? (
        <RowDecisionForm
          id={id}
          decision={form}
          serviceName={item.serviceName}
          busy={busy}
          initial={form === 'clarify' ? (item.clarify?.reason ?? '') : ''}
          onSubmit={(text) => onDecide(form, text)}
          onCancel={() => onForm(null)}
        />
      ) : null}
    </li>
  );
}

/** Rejecting (reason required) or marking one difference for clarification: no status changes, no preview. */
function RowDecisionForm({
  id,
  decision,
  serviceName,
  busy,
  initial,
  onSubmit,
  onCancel,
}: {
  id: string;
  decision: 'reject' | 'clarify';
  serviceName: string;
  busy: boolean;
  initial: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const reject = decision === 'reject';
  return (
    <form
      className="recon-form"
      aria-label={`${serviceName}: ${reject ? 'Ablehnung begründen' : 'Notiz zur Klärung'}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (reject && !text.trim()) {
          setProblem('Bitte eine Begründung angeben.');
          inputRef.current?.focus();
          return;
        }
        onSubmit(text);
      }}
    >
      <div className="field recon-text">
        <label htmlFor={`${id}-text`}>{reject ? 'Begründung (Pflicht)' : 'Notiz zur Klärung'}</label>
        <textarea
          id={`${id}-text`}
          ref={inputRef}
          rows={2}
          maxLength={1000}
          value={text}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => {
            setProblem(null);
            setText(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onCancel();
          }}
        />
        {problem ? (
          <span id={`${id}-problem`} className="field-problem">
            {problem}
          </span>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {reject ? 'Ablehnen' : 'Zur Klärung vormerken'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Abbrechen
        </button>
      </div>
    </form>
  );
}

/**
 * The preview before a commit, as a modal dialog like the workspace's bulk
 * preview: per difference what the status becomes (old → new), or that it
 * stays as it is. Esc or "Abbrechen" closes it without any change.
 */
function DecisionPreviewDialog({
  request,
  result,
  committing,
  onConfirm,
  onCancel,
}: {
  request: Request;
  result: DatahubDecisionResult;
  committing: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const { summary } = result;
  const text = request.text.trim();
  const changing = result.items.filter((entry) => Object.keys(entry.changes).length > 0).length;
  return (
    <dialog
      ref={dialogRef}
      className="dialog recon-preview"
      aria-labelledby="recon-preview-title"
      aria-describedby="recon-preview-summary"
      onClose={onCancel}
    >
      <header className="dialog-header">
        <h2 id="recon-preview-title">Vorschau: {DATAHUB_DECISION_LABELS[request.decision]}</h2>
      </header>
      <p id="recon-preview-summary" className="bulk-preview-summary">
        {request.decision === 'accept' ? (
          <>
            <strong>
              {formatCount(summary.accepted, 'Abweichung wird', 'Abweichungen werden')} übernommen
            </strong>
            : {formatCount(changing, 'Status ändert', 'Status ändern')} sich, Quelle „Data Hub (Bund)“ im
            Verlauf. Rückgängig machen können Sie das im Arbeitsbereich.
          </>
        ) : (
          <>
            <strong>
              {request.decision === 'reject'
                ? `${formatCount(summary.rejected, 'Abweichung wird', 'Abweichungen werden')} abgelehnt`
                : `${formatCount(summary.clarify, 'Abweichung wird', 'Abweichungen werden')} zur Klärung vorgemerkt`}
            </strong>
            ; die Status bleiben, wie sie sind.
            {text ? ` ${request.decision === 'reject' ? 'Begründung' : 'Notiz'}: „${text}“` : ''}
          </>
        )}
      </p>
      <ul className="recon-preview-list">
        {result.items.map((entry) => {
          const changes = Object.entries(entry.changes);
          return (
            <li key={keyOf(entry)}>
              <strong>{entry.serviceName}</strong>{' '}
              <span className="muted">({DATAHUB_DIFFERENCE_LABELS[entry.kind]})</span>
              {changes.length > 0 ? (
                <ul className="line-details">
                  {changes.map(([field, change]) => (
                    <li key={field}>
                      {fieldLabel(field)}: {displayValue(field, change.from)} →{' '}
                      {displayValue(field, change.to)}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="cell-sub">Status bleibt unverändert</span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={committing} onClick={onConfirm}>
          {committing
            ? 'Wird übernommen …'
            : `${formatNumber(result.items.length)} ${result.items.length === 1 ? 'Entscheidung' : 'Entscheidungen'} bestätigen`}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Abbrechen
        </button>
      </div>
    </dialog>
  );
}
