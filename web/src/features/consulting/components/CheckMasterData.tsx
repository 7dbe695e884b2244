import type { RecommendationRule } from '@ozg/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorState, Loading } from '../../../components/States';
import { failureMessage } from '../../../lib/api-errors';
import { formatDateTime } from '../../../lib/format';
import {
  useQuestionnaires,
  useRecommendationRules,
  useSaveRecommendationRules,
  useUploadQuestionnaire,
} from '../api/check-master-data';
import { Feedback, type FeedbackMessage } from './Feedback';

const SOURCE_LABELS = { default: 'Vorschlag des Landes', json: 'JSON', csv: 'CSV' } as const;

/**
 * The ministry's master data of the consultation's basis: questionnaire
 * versions (a new one is loaded as a file; old ones stay with their
 * submissions) and the module recommendation rules (JSON, saved as a new version).
 */
export function CheckMasterData() {
  return (
    <>
      <QuestionnaireVersions />
      <RulesEditor />
    </>
  );
}

function QuestionnaireVersions() {
  const versions = useQuestionnaires();
  const upload = useUploadQuestionnaire();
  const [file, setFile] = useState<File | null>(null);
  const [feedback, setFeedback] = useState<FeedbackMessage>(null);
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setFeedback(null);
    upload.mutate(file, {
      onSuccess: (loaded) =>
        setFeedback({
          kind: 'success',
          text: `Fassung ${loaded.version} „${loaded.title}“ geladen; neue Checks beantworten sie.`,
        }),
      onError: (error) => setFeedback({ kind: 'error', text: failureMessage(error) }),
    });
  };
  return (
    <section className="panel" aria-labelledby="fragebogen">
      <h2 id="fragebogen">Fragebogen zum Digitalisierungs-Check</h2>
      <p className="hint">
        Eine Fassung wird nie geändert: eine neue Fassung gilt für neue Checks, frühere Einreichungen behalten
        ihre Fassung und ihre Punkte. Laden als JSON (wie die API den Fragebogen liefert, Feld „definition“)
        oder als CSV mit den Spalten dimension, dimension_name, dimension_weight, question, text, help,
        weight, answers (z. B. „Nein=0 | Teilweise=1 | Ja=2 | Keine Angabe=“).
      </p>
      {versions.isPending ? (
        <Loading label="Die Fassungen" />
      ) : versions.isError ? (
        <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
      ) : (
        <ul className="link-list">
          {versions.data.versions.map((version) => (
            <li key={version.id}>
              Fassung {version.version}: {version.title} ({SOURCE_LABELS[version.source]}
              {version.createdBy ? `, ${version.createdBy.displayName}` : ''},{' '}
              {formatDateTime(version.createdAt)}) – {version.submissions}{' '}
              {version.submissions === 1 ? 'Einreichung' : 'Einreichungen'}
              {version.version === versions.data.current ? ' – aktuell' : ''}
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={inputId}>Datei mit der neuen Fassung (JSON oder CSV)</label>
          <input
            id={inputId}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="button" disabled={!file || upload.isPending}>
          Neue Fassung laden
        </button>
      </form>
      <Feedback message={feedback} />
    </section>
  );
}

function RulesEditor() {
  const rules = useRecommendationRules();
  if (rules.isPending) return <Loading label="Die Empfehlungsregeln" />;
  if (rules.isError) return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />;
  return <RulesForm key={rules.data.version ?? 0} version={rules.data.version} rules={rules.data.rules} />;
}

function RulesForm({ version, rules }: { version: number | null; rules: RecommendationRule[] }) {
  const save = useSaveRecommendationRules();
  const [text, setText] = useState(() => JSON.stringify(rules, null, 2));
  const [feedback, setFeedback] = useState<FeedbackMessage>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFeedback(null);
    let parsed: RecommendationRule[];
    try {
      parsed = JSON.parse(text) as RecommendationRule[];
    } catch {
      setFeedback({ kind: 'error', text: 'Die Regeln sind kein gültiges JSON (eine Liste von Regeln).' });
      return;
    }
    save.mutate(
      { version, rules: parsed },
      {
        onSuccess: (saved) =>
          setFeedback({ kind: 'success', text: `Regeln als Fassung ${saved.version} gespeichert.` }),
        onError: (error) =>
          setFeedback({ kind: 'error', text: `Nicht gespeichert: ${failureMessage(error)}` }),
      },
    );
  };
  return (
    <section className="panel" aria-labelledby="regeln">
      <h2 id="regeln">Regeln der Modulempfehlung</h2>
      <p className="hint" id={`${id}-hilfe`}>
        {version === null ? 'Noch keine Regeln gespeichert.' : `Fassung ${version}.`} Je Bereich gilt die
        erste Regel, deren Bedingungen alle zutreffen: moduleId (Modul), reason (Begründung), dimensions mit
        dimensionBelow (Punkte 0–100 im letzten Check), overallBelow, ozgShareBelow (Anteil OZG-konform, 0–1),
        ozgGapBelow (Abstand zum Median der Vergleichsgruppe, z. B. -0.05).
      </p>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={id}>Regeln (JSON)</label>
          <textarea
            id={id}
            rows={14}
            className="mono"
            aria-describedby={`${id}-hilfe`}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <Feedback message={feedback} />
        <div className="button-row">
          <button type="submit" className="button" disabled={save.isPending}>
            Als neue Fassung speichern
          </button>
        </div>
      </form>
    </section>
  );
}
