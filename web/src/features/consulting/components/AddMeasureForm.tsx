import { type FormEvent, useDeferredValue, useId, useState } from 'react';
import { MeasureFields } from '../../../components/MeasureFields';
import { failureMessage } from '../../../lib/api-errors';
import { useCreateMeasure } from '../api/create-measure';
import { useServiceSearch } from '../api/search-services';

type LinkedService = { ozgId: number; name: string };

/** Records a measure agreed in a held consultation, optionally linked to OZG services. */
export function AddMeasureForm({ consultationId, ags }: { consultationId: number; ags: string }) {
  const create = useCreateMeasure(ags);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [services, setServices] = useState<LinkedService[]>([]);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim());
  const search = useServiceSearch(ags, deferredQuery, open && deferredQuery.length >= 2);
  const [saved, setSaved] = useState<string | null>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        consultationId,
        measure: {
          title: title.trim(),
          owner: owner.trim() || null,
          dueDate: dueDate || null,
          ozgIds: services.map((service) => service.ozgId),
        },
      },
      {
        onSuccess: (measure) => {
          setSaved(`Maßnahme „${measure.title}“ erfasst.`);
          setTitle('');
          setOwner('');
          setDueDate('');
          setServices([]);
          setQuery('');
        },
      },
    );
  };

  const toggle = (service: LinkedService) =>
    setServices((current) =>
      current.some((linked) => linked.ozgId === service.ozgId)
        ? current.filter((linked) => linked.ozgId !== service.ozgId)
        : [...current, service],
    );

  return (
    <div className="add-measure">
      <div aria-live="polite">
        {saved ? (
          <p className="form-success" role="status">
            {saved}
          </p>
        ) : null}
      </div>
      {!open ? (
        <button type="button" className="button button-small" onClick={() => setOpen(true)}>
          Maßnahme hinzufügen
        </button>
      ) : (
        <form className="form inline-form" onSubmit={submit} aria-label="Maßnahme hinzufügen">
          <div className="field">
            <label htmlFor={`${id}-title`}>Titel der Maßnahme</label>
            <input
              id={`${id}-title`}
              required
              maxLength={300}
              value={title}
              onChange={(event) => {
                setSaved(null);
                setTitle(event.target.value);
              }}
            />
          </div>
          <div className="field-row">
            <MeasureFields
              id={id}
              owner={owner}
              dueDate={dueDate}
              onOwnerChange={setOwner}
              onDueDateChange={setDueDate}
            />
          </div>
          <fieldset className="service-picker">
            <legend>Verknüpfte OZG-Leistungen (optional)</legend>
            {services.length > 0 ? (
              <ul className="chips">
                {services.map((service) => (
                  <li key={service.ozgId}>
                    {service.name} ({service.ozgId})
                    <button
                      type="button"
                      className="chip-remove"
                      aria-label={`${service.name} entfernen`}
                      onClick={() => toggle(service)}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="field">
              <label htmlFor={`${id}-search`}>Leistung suchen (Name oder OZG-ID)</label>
              <input
                id={`${id}-search`}
                type="search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
            {deferredQuery.length >= 2 ? (
              search.isError ? (
                <p className="field-error">
                  Die Leistungen konnten nicht gesucht werden: {failureMessage(search.error)}
                </p>
              ) : search.data ? (
                search.data.length === 0 ? (
                  <p className="hint">Keine Leistung der Kommune passt zu „{deferredQuery}“.</p>
                ) : (
                  <ul className="service-results">
                    {search.data.map((status) => (
                      <li key={status.ozgId}>
                        <label>
                          <input
                            type="checkbox"
                            checked={services.some((service) => service.ozgId === status.ozgId)}
                            onChange={() => toggle({ ozgId: status.ozgId, name: status.serviceName })}
                          />{' '}
                          {status.serviceName} <span className="mono">({status.ozgId})</span>
                        </label>
                      </li>
                    ))}
                  </ul>
                )
              ) : (
                <p className="hint">Suche läuft …</p>
              )
            ) : null}
          </fieldset>
          {create.isError ? (
            <p className="form-error" role="alert">
              Nicht erfasst: {failureMessage(create.error)}
            </p>
          ) : null}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              {create.isPending ? 'Wird gespeichert …' : 'Maßnahme speichern'}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
              Schließen
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
