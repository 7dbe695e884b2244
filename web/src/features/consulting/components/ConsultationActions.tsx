import {
  CONSULTATION_STATE_LABELS,
  type Consultation,
  ConsultationConflictDetailsSchema,
  type ConsultationUpdate,
  earliestHeldOn,
  todayInGermany,
} from '@ozg/shared';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { conflictCurrent, failureMessage } from '../../../lib/api-errors';
import { formatDate } from '../../../lib/format';
import { useConsultants } from '../api/get-consultants';
import { useUpdateConsultation } from '../api/update-consultation';
import { ConflictNotice } from './ConflictNotice';

type Step = 'schedule' | 'hold' | 'cancel';

const STEP_LABELS: Record<Step, string> = {
  schedule: 'Termin vereinbaren',
  hold: 'Als durchgeführt erfassen',
  cancel: 'Absagen',
};

/** The next steps of a requested or scheduled consultation, each in a small form. */
export function ConsultationActions({
  consultation,
  ags,
  myUserId,
  onReload,
}: {
  consultation: Consultation;
  ags: string;
  myUserId: number;
  onReload: () => void;
}) {
  const [step, setStep] = useState<Step | null>(null);
  const update = useUpdateConsultation(ags);
  const consultants = useConsultants(step === 'schedule');
  const today = todayInGermany();
  const [scheduledFor, setScheduledFor] = useState(consultation.scheduledFor ?? '');
  const [consultantId, setConsultantId] = useState<number | null>(consultation.consultant?.id ?? null);
  const [heldOn, setHeldOn] = useState(today);
  // Not before the request or the agreed appointment; an appointment still ahead is the server's message to explain.
  const earliest = earliestHeldOn(consultation).day;
  const [outcomeNotes, setOutcomeNotes] = useState('');
  const [reason, setReason] = useState('');
  const formId = useId();

  const open = (next: Step) => {
    update.reset();
    setStep((current) => (current === next ? null : next));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!step) return;
    const version = consultation.version;
    const body: ConsultationUpdate =
      step === 'schedule'
        ? { action: 'schedule', version, scheduledFor, consultantUserId: consultantId ?? myUserId }
        : step === 'hold'
          ? { action: 'hold', version, heldOn, outcomeNotes }
          : { action: 'cancel', version, reason };
    update.mutate({ id: consultation.id, update: body }, { onSuccess: () => setStep(null) });
  };

  const current = conflictCurrent(update.error, ConsultationConflictDetailsSchema);
  const reload = () => {
    update.reset();
    setStep(null);
    onReload();
  };

  let fields: ReactNode = null;
  if (step === 'schedule') {
    const chosen = consultantId ?? myUserId;
    fields = (
      <>
        <div className="field">
          <label htmlFor={`${formId}-date`}>Termin</label>
          <input
            id={`${formId}-date`}
            type="date"
            required
            value={scheduledFor}
            onChange={(event) => setScheduledFor(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-consultant`}>Beraterin oder Berater</label>
          <select
            id={`${formId}-consultant`}
            value={chosen}
            disabled={!consultants.data}
            onChange={(event) => setConsultantId(Number(event.target.value))}
          >
            {(consultants.data ?? []).map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
              </option>
            ))}
          </select>
          {consultants.isError ? (
            <span className="field-error">Die Liste der Beratenden konnte nicht geladen werden.</span>
          ) : null}
        </div>
      </>
    );
  } else if (step === 'hold') {
    fields = (
      <>
        <div className="field">
          <label htmlFor={`${formId}-held`}>Durchgeführt am</label>
          <input
            id={`${formId}-held`}
            type="date"
            required
            {...(earliest <= today ? { min: earliest } : {})}
            max={today}
            value={heldOn}
            onChange={(event) => setHeldOn(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-notes`}>Ergebnis</label>
          <textarea
            id={`${formId}-notes`}
            rows={4}
            maxLength={10_000}
            value={outcomeNotes}
            onChange={(event) => setOutcomeNotes(event.target.value)}
          />
          <span className="hint">Der Stand der Kommune an diesem Tag wird mit der Beratung gespeichert.</span>
        </div>
      </>
    );
  } else if (step === 'cancel') {
    fields = (
      <div className="field">
        <label htmlFor={`${formId}-reason`}>Grund der Absage</label>
        <textarea
          id={`${formId}-reason`}
          rows={3}
          required
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <span className="hint">
          Nach einer Absage kann im selben Bereich erneut eine Beratung angeboten werden.
        </span>
      </div>
    );
  }

  return (
    <div className="consultation-actions">
      <div className="button-row">
        {(Object.keys(STEP_LABELS) as Step[]).map((candidate) => (
          <button
            key={candidate}
            type="button"
            className={`button button-small${step === candidate ? ' button-primary' : ''}`}
            aria-expanded={step === candidate}
            onClick={() => open(candidate)}
          >
            {STEP_LABELS[candidate]}
          </button>
        ))}
      </div>
      {step ? (
        <form className="form inline-form" onSubmit={submit} aria-label={STEP_LABELS[step]}>
          {fields}
          {current ? (
            <ConflictNotice
              message={failureMessage(update.error)}
              onReload={reload}
              current={
                <p>
                  {CONSULTATION_STATE_LABELS[current.state]}
                  {current.scheduledFor ? `, Termin ${formatDate(current.scheduledFor)}` : ''}
                  {current.consultant ? ` mit ${current.consultant.displayName}` : ''}
                  {current.heldOn ? `, durchgeführt am ${formatDate(current.heldOn)}` : ''}
                  {current.cancelledReason ? `, abgesagt: ${current.cancelledReason}` : ''}
                </p>
              }
            />
          ) : update.isError ? (
            <p className="form-error" role="alert">
              {failureMessage(update.error)}
            </p>
          ) : null}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              {update.isPending ? 'Wird gespeichert …' : step === 'cancel' ? 'Beratung absagen' : 'Speichern'}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setStep(null)}>
              Abbrechen
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
