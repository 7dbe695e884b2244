import {
  MEASURE_STATE_LABELS,
  MEASURE_STATES,
  type Measure,
  MeasureConflictDetailsSchema,
  type MeasureState,
} from '@ozg/shared';
import { type FormEvent, useId, useState } from 'react';
import { MeasureFields } from '../../../components/MeasureFields';
import { conflictCurrent, failureMessage } from '../../../lib/api-errors';
import { formatDate, formatNumber } from '../../../lib/format';
import { useUpdateMeasure } from '../api/update-measure';
import { ConflictNotice } from './ConflictNotice';

/** The measures agreed in one consultation; overdue ones stand out. */
export function MeasureList({
  measures,
  ags,
  canFollowUp,
  onReload,
}: {
  measures: readonly Measure[];
  ags: string;
  canFollowUp: boolean;
  onReload: () => void;
}) {
  if (measures.length === 0) return <p className="state state-empty">Noch keine Maßnahmen vereinbart.</p>;
  const overdue = measures.filter((measure) => measure.overdue).length;
  return (
    <>
      {overdue > 0 ? (
        <p className="overdue-note">
          {overdue === 1 ? 'Eine Maßnahme ist' : `${formatNumber(overdue)} Maßnahmen sind`} überfällig.
        </p>
      ) : null}
      <ul className="measure-list">
        {measures.map((measure) => (
          <MeasureItem
            key={measure.id}
            measure={measure}
            ags={ags}
            canFollowUp={canFollowUp}
            onReload={onReload}
          />
        ))}
      </ul>
    </>
  );
}

function MeasureItem({
  measure,
  ags,
  canFollowUp,
  onReload,
}: {
  measure: Measure;
  ags: string;
  canFollowUp: boolean;
  onReload: () => void;
}) {
  const update = useUpdateMeasure(ags);
  const [editing, setEditing] = useState(false);
  const [owner, setOwner] = useState(measure.owner ?? '');
  const [dueDate, setDueDate] = useState(measure.dueDate ?? '');
  const id = useId();
  const current = conflictCurrent(update.error, MeasureConflictDetailsSchema);

  const changeState = (state: MeasureState) => {
    update.mutate({ id: measure.id, update: { version: measure.version, state } });
  };
  const saveDetails = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        id: measure.id,
        update: { version: measure.version, owner: owner.trim() || null, dueDate: dueDate || null },
      },
      { onSuccess: () => setEditing(false) },
    );
  };
  const reload = () => {
    update.reset();
    setEditing(false);
    onReload();
  };

  return (
    <li className={`measure${measure.overdue ? ' measure-overdue' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="measure-main">
        <h4 id={`${id}-title`} className="measure-title">
          {measure.title}
          {measure.overdue ? <span className="badge badge-overdue">überfällig</span> : null}
        </h4>
        <dl className="facts">
          <div>
            <dt>Verantwortlich</dt>
            <dd>{measure.owner ?? 'nicht benannt'}</dd>
          </div>
          <div>
            <dt>Frist</dt>
            <dd>{measure.dueDate ? formatDate(measure.dueDate) : 'keine'}</dd>
          </div>
          {measure.ozgIds.length > 0 ? (
            <div>
              <dt>Leistungen (OZG-ID)</dt>
              <dd>{measure.ozgIds.join(', ')}</dd>
            </div>
          ) : null}
          {measure.completedAt ? (
            <div>
              <dt>Erledigt am</dt>
              <dd>
                {formatDate(measure.completedAt)}
                {measure.statusEventIds.length > 0
                  ? ` · ${formatNumber(measure.statusEventIds.length)} bewirkte Statusänderungen verknüpft`
                  : ''}
              </dd>
            </div>
          ) : null}
        </dl>
      </div>
      <div className="measure-side">
        {canFollowUp ? (
          <div className="field">
            <label htmlFor={`${id}-state`}>Stand</label>
            <select
              id={`${id}-state`}
              value={measure.state}
              disabled={update.isPending}
              onChange={(event) => changeState(event.target.value as MeasureState)}
            >
              {MEASURE_STATES.map((state) => (
                <option key={state} value={state}>
                  {MEASURE_STATE_LABELS[state]}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className={`state-badge measure-state-${measure.state}`}>
            {MEASURE_STATE_LABELS[measure.state]}
          </p>
        )}
        {canFollowUp && !editing ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              update.reset();
              setOwner(measure.owner ?? '');
              setDueDate(measure.dueDate ?? '');
              setEditing(true);
            }}
          >
            Verantwortung und Frist ändern<span className="visually-hidden">: {measure.title}</span>
          </button>
        ) : null}
      </div>
      {editing ? (
        <form className="form inline-form measure-edit" onSubmit={saveDetails}>
          <MeasureFields
            id={id}
            owner={owner}
            dueDate={dueDate}
            onOwnerChange={setOwner}
            onDueDateChange={setDueDate}
          />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              Speichern
            </button>
            <button type="button" className="button button-quiet" onClick={() => setEditing(false)}>
              Abbrechen
            </button>
          </div>
        </form>
      ) : null}
      {current ? (
        <ConflictNotice
          message={failureMessage(update.error)}
          onReload={reload}
          current={
            <p>
              {MEASURE_STATE_LABELS[current.state]}, verantwortlich {current.owner ?? 'niemand'}, Frist{' '}
              {current.dueDate ? formatDate(current.dueDate) : 'keine'}
            </p>
          }
        />
      ) : update.isError ? (
        <p className="form-error measure-error" role="alert">
          {failureMessage(update.error)}
        </p>
      ) : null}
    </li>
  );
}
