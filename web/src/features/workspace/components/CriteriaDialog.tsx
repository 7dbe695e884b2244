import {
  type Assessment,
  assess,
  CRITERION_BLOCK_LABELS,
  CRITERION_BLOCKS,
  type CriterionChange,
  type MaturityModelVersion,
  type Status,
} from '@ozg/shared';
import { useEffect, useRef, useState } from 'react';
import { ErrorState, Loading } from '../../../components/States';
import { errorMessage, ruleProblems } from '../../../lib/api-errors';
import { formatNumber } from '../../../lib/format';
import { useMaturityModels } from '../../../lib/maturity-models';
import { useStatusAssessments } from '../api/get-assessments';
import { useUpdateStatus } from '../api/update-status';

/** One criterion as the form holds it: '' = nicht bewertet. */
type Draft = { level: string; note: string; url: string };
type Drafts = Record<string, Draft>;

const refOf = (modelId: number, criterion: string) => `${modelId}:${criterion}`;
const EMPTY: Draft = { level: '', note: '', url: '' };

function draftsFrom(models: MaturityModelVersion[], assessments: Assessment[]): Drafts {
  const drafts: Drafts = {};
  for (const model of models)
    for (const criterion of model.definition.criteria) {
      const answer = assessments
        .find((assessment) => assessment.modelId === model.id)
        ?.answers.find((candidate) => candidate.criterion === criterion.key);
      drafts[refOf(model.id, criterion.key)] = answer
        ? { level: String(answer.level), note: answer.evidenceNote ?? '', url: answer.evidenceUrl ?? '' }
        : EMPTY;
    }
  return drafts;
}

/** The answers that differ from what is stored, as the status write takes them. */
function changesOf(models: MaturityModelVersion[], stored: Drafts, drafts: Drafts): CriterionChange[] {
  return models.flatMap((model) =>
    model.definition.criteria.flatMap((criterion) => {
      const ref = refOf(model.id, criterion.key);
      const before = stored[ref] ?? EMPTY;
      const after = drafts[ref] ?? EMPTY;
      if (JSON.stringify(before) === JSON.stringify(after)) return [];
      return [
        {
          modelId: model.id,
          criterion: criterion.key,
          answer:
            after.level === ''
              ? null
              : {
                  level: Number(after.level),
                  evidenceNote: after.note.trim() || null,
                  evidenceUrl: after.url.trim() || null,
                },
        },
      ];
    }),
  );
}

function resultText(model: MaturityModelVersion, drafts: Drafts): { text: string; analog: boolean } {
  const levels = new Map<string, number>();
  for (const criterion of model.definition.criteria) {
    const draft = drafts[refOf(model.id, criterion.key)];
    if (draft && draft.level !== '') levels.set(criterion.key, Number(draft.level));
  }
  const result = assess(model.definition, levels);
  const text =
    result.level !== null
      ? `Stufe ${result.level} – ${model.definition.levels[result.level]?.name ?? ''}`
      : result.answered === 0
        ? 'nicht bewertet'
        : `nicht vollständig bewertet (${formatNumber(result.answered)} von ${formatNumber(result.criteria)} Kriterien; höchstens Stufe ${result.upperBound})`;
  return { text, analog: result.analogProcessing };
}

/**
 * The criteria checklist of one status in a modal dialog: per current model
 * version each criterion with the levels it can reach and their descriptions
 * (radio buttons, so the keyboard moves with the arrow keys), optional
 * evidence, and the level the answers give (the lowest criterion decides).
 * Saved through the status write, with the version read, like any edit.
 */
export function CriteriaDialog({
  regionKey,
  status,
  editable,
  onClose,
}: {
  regionKey: string;
  status: Status;
  editable: boolean;
  onClose: (saved: boolean) => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const models = useMaturityModels();
  const assessments = useStatusAssessments(status.id);
  const save = useUpdateStatus(regionKey);
  const [drafts, setDrafts] = useState<Drafts | null>(null);
  const [onlineSince, setOnlineSince] = useState('');

  const current = (models.data?.items ?? [])
    .filter((model) => model.current)
    .sort((a, b) => b.family.localeCompare(a.family));
  const stored = assessments.data ? draftsFrom(current, assessments.data.assessments) : null;
  const values = drafts ?? stored;
  const older = (assessments.data?.assessments ?? []).filter(
    (assessment) => !current.some((model) => model.id === assessment.modelId),
  );
  const set = (ref: string, patch: Partial<Draft>) =>
    setDrafts({ ...(values ?? {}), [ref]: { ...(values?.[ref] ?? EMPTY), ...patch } });
  const changes = stored && values ? changesOf(current, stored, values) : [];
  const rules = ruleProblems(save.error);

  const submit = () => {
    if (!assessments.data) return;
    save.mutate(
      {
        id: status.id,
        version: assessments.data.version,
        changes: { criteria: changes, ...(onlineSince ? { onlineSince } : {}) },
      },
      { onSuccess: () => onClose(true) },
    );
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog criteria-dialog"
      aria-labelledby="criteria-title"
      onClose={() => onClose(false)}
    >
      <header className="dialog-header">
        <h2 id="criteria-title">Kriterien: {status.serviceName}</h2>
      </header>
      {models.isPending || assessments.isPending ? <Loading label="Die Kriterien" /> : null}
      {models.isError ? <ErrorState error={models.error} onRetry={() => void models.refetch()} /> : null}
      {assessments.isError ? (
        <ErrorState error={assessments.error} onRetry={() => void assessments.refetch()} />
      ) : null}
      {values && assessments.data ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <p className="hint">
            Die Leistung erreicht die Stufe ihres niedrigsten Kriteriums. Nicht beantwortete Kriterien heißen
            „nicht bewertet“ – das ist nicht dasselbe wie Stufe 0. Erfasster Reifegrad (RGM 1.1):{' '}
            <strong>{status.maturityLevel}</strong>.
          </p>
          {older.map((assessment) => (
            <p key={assessment.modelId} className="hint">
              Bisher bewertet nach Reifegradmodell {assessment.family}, Version {assessment.version}:{' '}
              {assessment.level === null ? 'nicht vollständig' : `Stufe ${assessment.level}`}. Diese Bewertung
              bleibt erhalten; neue Antworten gelten der aktuellen Version.
            </p>
          ))}
          {current.map((model) => {
            const result = resultText(model, values);
            return (
              <section
                key={model.id}
                className="criteria-model"
                aria-labelledby={`criteria-model-${model.id}`}
              >
                <h3 id={`criteria-model-${model.id}`}>
                  {model.definition.name} <span className="muted">(Version {model.version})</span>
                  {model.definition.provisional ? (
                    <span className="badge-provisional"> Arbeitsstand, vom Land anpassbar</span>
                  ) : null}
                </h3>
                <p className="criteria-result" aria-live="polite">
                  Ergebnis: <strong>{result.text}</strong>
                  {result.analog ? (
                    <span className="analog-flag"> · Online-Antrag, Bearbeitung analog</span>
                  ) : null}
                </p>
                {CRITERION_BLOCKS.map((block) => {
                  const criteria = model.definition.criteria.filter((criterion) => criterion.block === block);
                  if (criteria.length === 0) return null;
                  return (
                    <div key={block} className="criteria-block">
                      <h4>{CRITERION_BLOCK_LABELS[block]}</h4>
                      {criteria.map((criterion) => {
                        const ref = refOf(model.id, criterion.key);
                        const draft = values[ref] ?? EMPTY;
                        const name = `criterion-${model.id}-${criterion.key}`;
                        return (
                          <fieldset key={criterion.key} className="criterion" disabled={!editable}>
                            <legend>{criterion.name}</legend>
                            <label className="choice">
                              <input
                                type="radio"
                                name={name}
                                checked={draft.level === ''}
                                onChange={() => set(ref, { level: '' })}
                              />
                              nicht bewertet
                            </label>
                            {criterion.levels.map((option) => (
                              <label key={option.level} className="choice">
                                <input
                                  type="radio"
                                  name={name}
                                  checked={draft.level === String(option.level)}
                                  onChange={() => set(ref, { level: String(option.level) })}
                                />
                                Stufe {option.level}: {option.description}
                              </label>
                            ))}
                            {draft.level !== '' ? (
                              <div className="criterion-evidence">
                                <label htmlFor={`${name}-note`}>Beleg oder Notiz</label>
                                <input
                                  id={`${name}-note`}
                                  value={draft.note}
                                  onChange={(event) => set(ref, { note: event.target.value })}
                                />
                                <label htmlFor={`${name}-url`}>Beleg-Link</label>
                                <input
                                  id={`${name}-url`}
                                  type="url"
                                  placeholder="https://…"
                                  value={draft.url}
                                  onChange={(event) => set(ref, { url: event.target.value })}
                                />
                              </div>
                            ) : null}
                          </fieldset>
                        );
                      })}
                    </div>
                  );
                })}
              </section>
            );
          })}
          {editable && !status.onlineSince ? (
            <div className="field">
              <label htmlFor="criteria-online-since">
                Online seit (nötig, wenn die Kriterien des RGM 1.1 Reifegrad 3 oder mehr ergeben)
              </label>
              <input
                id="criteria-online-since"
                type="date"
                value={onlineSince}
                onChange={(event) => setOnlineSince(event.target.value)}
              />
            </div>
          ) : null}
          {save.isError ? (
            <div className="form-error" role="alert">
              <p>{errorMessage(save.error)}</p>
              {rules.length > 0 ? (
                <ul>
                  {rules.map((problem) => (
                    <li key={problem.path}>{problem.message}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <div className="form-actions">
            {editable ? (
              <button
                type="submit"
                className="button button-primary"
                disabled={changes.length === 0 || save.isPending}
              >
                {save.isPending
                  ? 'Wird gespeichert …'
                  : changes.length === 0
                    ? 'Keine Änderung'
                    : `${formatNumber(changes.length)} ${changes.length === 1 ? 'Antwort' : 'Antworten'} speichern`}
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => onClose(false)}>
              {editable ? 'Abbrechen' : 'Schließen'}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
