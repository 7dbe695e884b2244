import type { CheckAnswers, CheckQuestionnaire, CheckResult, CheckSubmission } from '@ozg/shared';
import { type FormEvent, useState } from 'react';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorState, Loading } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import { failureMessage } from '../../../lib/api-errors';
import { formatDateTime } from '../../../lib/format';
import { Link, type PageProps } from '../../../lib/navigation';
import { usePageTitle } from '../../../lib/page-title';
import { useCheck, useQuestionnaire } from '../api/get-check';
import { useSaveCheckDraft, useSubmitCheck } from '../api/save-check';
import { answeredCount, carryAnswers } from '../check-model';
import { consultationPath } from '../consulting-paths';
import { Feedback, type FeedbackMessage } from './Feedback';
import '../check.css';

/** The route /beratung/kommune/:ags/check: the municipality answers the Digitalisierungs-Check. */
export function CheckPage({ params }: PageProps<'/beratung/kommune/:ags/check'>) {
  const ags = params.ags ?? '';
  const check = useCheck(ags);
  const questionnaire = useQuestionnaire(null);
  usePageTitle(check.data ? `Digitalisierungs-Check ${check.data.region.name}` : null);
  if (check.isPending || questionnaire.isPending) return <Loading label="Der Fragebogen" />;
  if (check.isError) return <ErrorState error={check.error} onRetry={() => void check.refetch()} />;
  if (questionnaire.isError)
    return <ErrorState error={questionnaire.error} onRetry={() => void questionnaire.refetch()} />;
  return (
    <CheckForm
      // A new questionnaire version starts the form again (answers of equal questions carried over).
      key={questionnaire.data.version}
      ags={ags}
      check={check.data}
      questionnaire={questionnaire.data}
    />
  );
}

const questionId = (key: string) => `frage-${key}`;

/** The draft the API answered with a 409 (null: there is none any more), undefined for other failures. */
function conflictingDraft(error: unknown): CheckSubmission | null | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const details = error.body?.error.details as { current?: CheckSubmission | null } | undefined;
  return details?.current ?? null;
}

function CheckForm({
  ags,
  check,
  questionnaire,
}: {
  ags: string;
  check: CheckResult;
  questionnaire: CheckQuestionnaire;
}) {
  const { definition } = questionnaire;
  const [answers, setAnswers] = useState<CheckAnswers>(() =>
    check.draft ? carryAnswers(check.draft.answers, definition) : {},
  );
  const [draftVersion, setDraftVersion] = useState<number | null>(check.draft?.version ?? null);
  const [savedAt, setSavedAt] = useState<string | null>(check.draft?.updatedAt ?? null);
  const [feedback, setFeedback] = useState<FeedbackMessage>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const save = useSaveCheckDraft(ags);
  const submit = useSubmitCheck(ags);
  const name = check.region.name;
  const progress = answeredCount(definition, answers);

  if (!check.mayAnswer)
    return (
      <>
        <Breadcrumbs
          items={[{ label: 'Beratung', to: consultationPath(ags) }, { label: 'Digitalisierungs-Check' }]}
        />
        <p className="form-error" role="alert">
          Den Check für {name} beantwortet die Kommune selbst.{' '}
          <Link to={consultationPath(ags)}>Zum Ergebnis</Link>
        </p>
      </>
    );

  const choose = (key: string, index: number) => {
    setAnswers((current) => ({ ...current, [key]: index }));
    setMissing((current) => current.filter((k) => k !== key));
  };

  const saveDraft = () => {
    setFeedback(null);
    save.mutate(
      { questionnaireVersion: questionnaire.version, answers, version: draftVersion },
      {
        onSuccess: (draft) => {
          setDraftVersion(draft.version);
          setSavedAt(draft.updatedAt);
          setFeedback({
            kind: 'success',
            text: `Entwurf gespeichert (${progress.answered} von ${progress.total} beantwortet).`,
          });
        },
        onError: (error) => {
          const current = conflictingDraft(error);
          setFeedback({
            kind: 'error',
            text: (
              <>
                Nicht gespeichert: {failureMessage(error)}{' '}
                {current !== undefined ? (
                  <button type="button" className="button button-small" onClick={() => takeOver(current)}>
                    Gespeicherten Stand laden
                  </button>
                ) : null}
              </>
            ),
          });
        },
      },
    );
  };

  /** After a 409: continue from the draft saved elsewhere (or from scratch when it was submitted). */
  const takeOver = (current: CheckSubmission | null) => {
    setAnswers(current ? carryAnswers(current.answers, definition) : {});
    setDraftVersion(current?.version ?? null);
    setSavedAt(current?.updatedAt ?? null);
    setFeedback(null);
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    setFeedback(null);
    const open = definition.dimensions
      .flatMap((d) => d.questions)
      .filter((q) => answers[q.key] === undefined);
    if (open.length > 0) {
      setMissing(open.map((q) => q.key));
      setFeedback({
        kind: 'error',
        text: `Noch ${open.length === 1 ? 'eine Frage' : `${open.length} Fragen`} offen. Sie sind unten markiert; „Keine Angabe“ ist auch eine Antwort.`,
      });
      document.getElementById(questionId(open[0]?.key ?? ''))?.focus();
      return;
    }
    submit.mutate(
      { questionnaireVersion: questionnaire.version, answers, draftVersion },
      {
        onSuccess: (submission) =>
          setFeedback({
            kind: 'success',
            text: (
              <>
                Check eingereicht: {Math.round(submission.scores?.overall ?? 0)} von 100 Punkten.{' '}
                <Link to={`${consultationPath(ags)}#check`}>Ergebnis mit Vergleich ansehen</Link>
              </>
            ),
          }),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 422 && Array.isArray(error.body?.error.details))
            setMissing(
              (error.body.error.details as { path?: string }[])
                .map((detail) => detail.path?.replace(/^answers\./, '') ?? '')
                .filter(Boolean),
            );
          setFeedback({ kind: 'error', text: `Nicht eingereicht: ${failureMessage(error)}` });
        },
      },
    );
  };

  const submitted = submit.isSuccess;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: `Beratung ${name}`, to: consultationPath(ags) },
          { label: 'Digitalisierungs-Check' },
        ]}
      />
      <header className="page-header">
        <h1>Digitalisierungs-Check {name}</h1>
        <p className="lead">
          {definition.title} (Fassung {questionnaire.version}
          {questionnaire.shippedDefault ? ', Vorschlag des Landes' : ''}). {definition.description} Sie können
          jederzeit einen Entwurf speichern und später weitermachen; jede Einreichung bleibt erhalten, ein
          späterer Check zeigt die Entwicklung.
        </p>
        {check.draft && check.draft.questionnaireVersion !== questionnaire.version ? (
          <p className="hint">
            Ihr Entwurf beantwortete Fassung {check.draft.questionnaireVersion}; die Antworten gleicher Fragen
            sind übernommen.
          </p>
        ) : null}
      </header>
      <form className="check-form" onSubmit={send} noValidate aria-describedby="check-progress">
        <p id="check-progress" className="check-progress" aria-live="polite">
          {progress.answered} von {progress.total} Fragen beantwortet
          {savedAt ? ` · Entwurf zuletzt gespeichert ${formatDateTime(savedAt)}` : ''}
        </p>
        {definition.dimensions.map((dimension) => (
          <section
            key={dimension.key}
            className="panel check-dimension"
            aria-labelledby={`dimension-${dimension.key}`}
          >
            <h2 id={`dimension-${dimension.key}`}>{dimension.name}</h2>
            {dimension.description ? <p className="hint">{dimension.description}</p> : null}
            {dimension.questions.map((question) => {
              const isMissing = missing.includes(question.key);
              return (
                <fieldset
                  key={question.key}
                  id={questionId(question.key)}
                  tabIndex={-1}
                  className={`check-question${isMissing ? ' check-question-missing' : ''}`}
                  aria-describedby={
                    [
                      question.help ? `${questionId(question.key)}-hilfe` : '',
                      isMissing ? `${questionId(question.key)}-offen` : '',
                    ]
                      .filter(Boolean)
                      .join(' ') || undefined
                  }
                >
                  <legend>{question.text}</legend>
                  {question.help ? (
                    <p className="hint" id={`${questionId(question.key)}-hilfe`}>
                      {question.help}
                    </p>
                  ) : null}
                  {isMissing ? (
                    <p className="field-error" id={`${questionId(question.key)}-offen`}>
                      Bitte beantworten.
                    </p>
                  ) : null}
                  <div className="check-options">
                    {question.options.map((option, index) => (
                      <label key={option.label} className="check-option">
                        <input
                          type="radio"
                          name={question.key}
                          value={index}
                          checked={answers[question.key] === index}
                          onChange={() => choose(question.key, index)}
                          disabled={submitted}
                        />
                        <span>{option.label}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              );
            })}
          </section>
        ))}
        <div className="check-actions">
          <Feedback message={feedback} />
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={saveDraft}
              disabled={save.isPending || submitted}
            >
              Entwurf speichern
            </button>
            <button type="submit" className="button button-primary" disabled={submit.isPending || submitted}>
              Check einreichen
            </button>
          </div>
        </div>
      </form>
    </>
  );
}
