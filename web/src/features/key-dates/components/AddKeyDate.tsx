import type { KeyDate } from '@ozg/shared';
import { type FormEvent, useId, useState } from 'react';
import { userMessage } from '../../../lib/api-client';
import { ruleProblems } from '../../../lib/api-errors';
import { formatDate } from '../../../lib/format';
import { useAddKeyDate } from '../api/get-key-dates';

/**
 * The ministry adds a key date of its own (e.g. a reporting day of the Land),
 * with the days still waiting to be frozen: a past day is frozen at once, a
 * future one after it has ended (decision 018).
 */
export function AddKeyDate({ pending }: { pending: readonly KeyDate[] }) {
  const add = useAddKeyDate();
  const [day, setDay] = useState('');
  const [label, setLabel] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    add.mutate(
      { day, label },
      {
        onSuccess: (created) => {
          setMessage({
            kind: 'ok',
            text: created.frozenAt
              ? `Stichtag ${formatDate(created.day)} angelegt und festgeschrieben.`
              : `Stichtag ${formatDate(created.day)} angelegt; er wird nach seinem Ende festgeschrieben.`,
          });
          setDay('');
          setLabel('');
        },
        onError: (error) => {
          const problems = ruleProblems(error);
          setMessage({
            kind: 'error',
            text:
              problems.length > 0
                ? problems.map((problem) => problem.message).join(' ')
                : userMessage(error, 'Der Stichtag wurde nicht angelegt.'),
          });
        },
      },
    );
  };

  return (
    <details className="key-date-add">
      <summary>Stichtag ergänzen (Ministerium)</summary>
      <form className="form inline-form" onSubmit={submit} aria-label="Stichtag ergänzen">
        <div className="field">
          <label htmlFor={`${id}-day`}>Tag</label>
          <input
            id={`${id}-day`}
            type="date"
            required
            min="2018-01-01"
            value={day}
            onChange={(event) => setDay(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-label`}>Bezeichnung</label>
          <input
            id={`${id}-label`}
            required
            maxLength={200}
            value={label}
            placeholder="z. B. Landesbericht 2026"
            onChange={(event) => setLabel(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          Stichtag anlegen
        </button>
      </form>
      {message ? (
        <p
          className={message.kind === 'error' ? 'form-error' : 'form-success'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
      {pending.length > 0 ? (
        <p className="hint">
          Noch nicht festgeschrieben:{' '}
          {pending.map((keyDate) => `${formatDate(keyDate.day)} (${keyDate.label})`).join(', ')}.
        </p>
      ) : null}
    </details>
  );
}
