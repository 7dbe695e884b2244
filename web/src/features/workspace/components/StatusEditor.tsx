import { type Status, type StatusChanges, todayInGermany } from '@ozg/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { conflictRecords, errorMessage, ruleProblems } from '../../../lib/api-errors';
import { useProvenance } from '../../../lib/queries/freshness';
import { useUpdateStatus } from '../api/update-status';
import { changesFrom, draftOf, draftProblems, type EditableField, type StatusDraft } from '../status-fields';
import { ConflictResolver } from './ConflictResolver';
import { StatusFields } from './StatusFields';

type Props = {
  regionKey: string;
  status: Status;
  onClose: (saved: boolean) => void;
};

/**
 * The inline editor of one status (an expanded table row). Checks the status
 * rules while typing, saves with the version read, and on 409 shows both
 * versions so the officer decides field by field.
 */
export function StatusEditor({ regionKey, status, onClose }: Props) {
  const [base, setBase] = useState(status);
  const [draft, setDraft] = useState<StatusDraft>(() => draftOf(status));
  const [conflict, setConflict] = useState<{ mine: StatusChanges; current: Status } | null>(null);
  const [serverProblems, setServerProblems] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const update = useUpdateStatus(regionKey);
  const provenance = useProvenance(status.id);
  const stored = draftOf(base);

  // The first field takes the focus; the editor scrolls into view from its left edge, so that on a
  // phone the wide table does not scroll sideways away from the service's name.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('select, input')?.focus({ preventScroll: true });
    formRef.current?.scrollIntoView({ block: 'nearest', inline: 'start' });
  }, []);

  const localProblems = touched ? draftProblems(base, draft, todayInGermany()) : {};
  const problems = { ...serverProblems, ...localProblems };
  const prefix = `status-${status.id}`;

  const save = (changes: StatusChanges, against: Status) => {
    setFailure(null);
    setServerProblems({});
    update.mutate(
      { id: against.id, version: against.version, changes },
      {
        onSuccess: () => onClose(true),
        onError: (error) => {
          const current = conflictRecords(error)?.[0];
          if (current) {
            setConflict({ mine: changes, current });
            return;
          }
          const rules = ruleProblems(error);
          setServerProblems(Object.fromEntries(rules.map((problem) => [problem.path, problem.message])));
          setFailure(errorMessage(error));
        },
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(draftProblems(base, draft, todayInGermany())).length > 0) {
      setFailure('Bitte die markierten Felder korrigieren.');
      return;
    }
    const changes = changesFrom(base, draft);
    if (Object.keys(changes).length === 0) {
      onClose(false);
      return;
    }
    save(changes, base);
  };

  if (conflict) {
    return (
      <ConflictResolver
        base={base}
        mine={conflict.mine}
        current={conflict.current}
        pending={update.isPending}
        onApply={(changes) => {
          const current = conflict.current;
          setConflict(null);
          setBase(current);
          if (Object.keys(changes).length === 0) {
            onClose(true);
            return;
          }
          // Continue editing on the current record, in case the rules refuse the combination.
          setDraft({ ...draftOf(current), ...draftFromChanges(changes) });
          save(changes, current);
        }}
        onCancel={() => onClose(true)}
      />
    );
  }

  return (
    <form
      ref={formRef}
      className="status-editor"
      aria-label={`${status.serviceName} bearbeiten`}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose(false);
        }
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
      }}
      noValidate
    >
      <StatusFields
        idPrefix={prefix}
        draft={draft}
        problems={problems}
        // Sources belong to the stored record; after a conflict the base is another version, so they would mislead.
        provenance={provenance.data?.version === base.version ? provenance.data.fields : undefined}
        stored={stored}
        onChange={(field: EditableField, value) => {
          setTouched(true);
          setDraft((previous) => ({ ...previous, [field]: value }));
        }}
      />
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Wird gespeichert …' : 'Speichern'}
        </button>
        <button type="button" className="button" onClick={() => onClose(false)}>
          Abbrechen
        </button>
        <span className="hint">Strg+Enter speichert, Esc bricht ab.</span>
      </div>
    </form>
  );
}

function draftFromChanges(changes: StatusChanges): Partial<StatusDraft> {
  return Object.fromEntries(
    Object.entries(changes).map(([field, value]) => [field, value === null ? '' : String(value)]),
  );
}
