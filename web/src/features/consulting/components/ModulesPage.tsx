import {
  CONSULTING_AREA_LABELS,
  CONSULTING_AREAS,
  type ConsultingArea,
  type ConsultingModule,
  ModuleConflictDetailsSchema,
} from '@ozg/shared';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { conflictCurrent, failureMessage } from '../../../lib/api-errors';
import { useCreateModule } from '../api/create-module';
import { useModules } from '../api/get-modules';
import { useUpdateModule } from '../api/update-module';
import { breakableAreaLabel } from '../consulting-model';
import { CheckMasterData } from './CheckMasterData';
import { ConflictNotice } from './ConflictNotice';
import { Feedback, type FeedbackMessage } from './Feedback';

/** Administration of the consulting modules (master data): list, add, edit name, description, offered. */
export function ModulesPage({
  adminNav,
}: {
  /** The tabs of the administration this page is one of; the app provides them. */
  adminNav: ReactNode;
}) {
  const modules = useModules();
  return (
    <div className="admin-page">
      {adminNav}
      <header className="page-header">
        <h1>Beratungsmodule</h1>
        <p className="lead">
          Die Module des kostenlosen Beratungsangebots. Jedes gehört zu einem Bereich; je Kommune und Bereich
          ist eine Beratung möglich. Nicht angebotene Module bleiben bei bestehenden Beratungen erhalten.
        </p>
      </header>
      <section className="panel" aria-labelledby="module-liste">
        <h2 id="module-liste">Module</h2>
        {modules.isPending ? (
          <Loading label="Die Module" />
        ) : modules.isError ? (
          <ErrorState error={modules.error} onRetry={() => void modules.refetch()} />
        ) : modules.data.length === 0 ? (
          <Empty>Noch keine Module angelegt.</Empty>
        ) : (
          <ul className="module-list">
            {modules.data.map((module) => (
              <ModuleItem key={module.id} module={module} onReload={() => void modules.refetch()} />
            ))}
          </ul>
        )}
      </section>
      <NewModuleForm />
      <CheckMasterData />
    </div>
  );
}

function ModuleItem({ module, onReload }: { module: ConsultingModule; onReload: () => void }) {
  const update = useUpdateModule();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(module.name);
  const [description, setDescription] = useState(module.description);
  const [active, setActive] = useState(module.active);
  const id = useId();
  const current = conflictCurrent(update.error, ModuleConflictDetailsSchema);

  const startEditing = () => {
    update.reset();
    setName(module.name);
    setDescription(module.description);
    setActive(module.active);
    setEditing(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        id: module.id,
        update: { version: module.version, name: name.trim(), description: description.trim(), active },
      },
      { onSuccess: () => setEditing(false) },
    );
  };

  return (
    <li className="module" aria-labelledby={`${id}-name`}>
      <div className="module-head">
        <div>
          <p className="eyebrow">Bereich {breakableAreaLabel(module.area)}</p>
          <h3 id={`${id}-name`}>{module.name}</h3>
        </div>
        <span className={`state-badge${module.active ? '' : ' state-badge-muted'}`}>
          {module.active ? 'wird angeboten' : 'nicht angeboten'}
        </span>
      </div>
      {!editing ? (
        <>
          <p>{module.description || 'Keine Beschreibung.'}</p>
          <button type="button" className="button button-small" onClick={startEditing}>
            Bearbeiten<span className="visually-hidden">: {module.name}</span>
          </button>
        </>
      ) : (
        <form className="form inline-form" onSubmit={submit} aria-label={`${module.name} bearbeiten`}>
          <div className="field">
            <label htmlFor={`${id}-edit-name`}>Name</label>
            <input
              id={`${id}-edit-name`}
              required
              maxLength={200}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-edit-description`}>Beschreibung</label>
            <textarea
              id={`${id}-edit-description`}
              rows={3}
              maxLength={4000}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />{' '}
            Wird angeboten
          </label>
          {current ? (
            <ConflictNotice
              message={failureMessage(update.error)}
              onReload={() => {
                update.reset();
                setEditing(false);
                onReload();
              }}
              current={
                <p>
                  {current.name} ({current.active ? 'wird angeboten' : 'nicht angeboten'}):{' '}
                  {current.description || 'keine Beschreibung'}
                </p>
              }
            />
          ) : update.isError ? (
            <p className="form-error" role="alert">
              Nicht gespeichert: {failureMessage(update.error)}
            </p>
          ) : null}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              Speichern
            </button>
            <button type="button" className="button button-quiet" onClick={() => setEditing(false)}>
              Abbrechen
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function NewModuleForm() {
  const create = useCreateModule();
  const [name, setName] = useState('');
  const [area, setArea] = useState<ConsultingArea>('ozg');
  const [description, setDescription] = useState('');
  const [active, setActive] = useState(true);
  const [feedback, setFeedback] = useState<FeedbackMessage>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFeedback(null);
    create.mutate(
      { name: name.trim(), area, description: description.trim(), active },
      {
        onSuccess: (module) => {
          setFeedback({ kind: 'success', text: `Modul „${module.name}“ angelegt.` });
          setName('');
          setDescription('');
          setActive(true);
        },
        onError: (error) => setFeedback({ kind: 'error', text: `Nicht angelegt: ${failureMessage(error)}` }),
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="neues-modul">
      <h2 id="neues-modul">Modul hinzufügen</h2>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="module-name">Name</label>
          <input
            id="module-name"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="module-area">Bereich</label>
          <select
            id="module-area"
            value={area}
            onChange={(event) => setArea(event.target.value as ConsultingArea)}
          >
            {CONSULTING_AREAS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {CONSULTING_AREA_LABELS[candidate]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="module-description">Beschreibung</label>
          <textarea
            id="module-description"
            rows={3}
            maxLength={4000}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />{' '}
          Wird angeboten
        </label>
        <Feedback message={feedback} />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Modul anlegen
        </button>
      </form>
    </section>
  );
}
