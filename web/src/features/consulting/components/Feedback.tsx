import type { ReactNode } from 'react';

export type FeedbackMessage = { kind: 'success' | 'error'; text: ReactNode } | null;

/** The outcome of the last action: read out politely on success, as an alert on failure. */
export function Feedback({ message }: { message: FeedbackMessage }) {
  return (
    <div aria-live="polite">
      {message ? (
        <p
          className={message.kind === 'error' ? 'form-error' : 'form-success'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
