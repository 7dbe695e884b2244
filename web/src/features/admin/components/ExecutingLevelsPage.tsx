import {
  EXECUTING_LEVEL_LABELS,
  EXECUTING_LEVELS,
  type ExecutingLevel,
  type Service,
  THEMENFELDER,
} from '@ozg/shared';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { ApiError, userMessage } from '../../../lib/api-client';
import { countOf, formatDate, formatNumber } from '../../../lib/format';
import type { ServiceFilters } from '../../../lib/queries/services';
import {
  useDeleteException,
  useExceptions,
  useServices,
  useSetExceptions,
  useSetExecutingLevels,
} from '../api/catalog';
import { parseRegionKeys } from '../api/users';
import '../admin.css';
import { labelledBy, SelectFilter, selfLabelled } from '../../../components/SelectFilter';
import { AdminNav } from './AdminNav';

type LevelChoice = ExecutingLevel | 'none';
const LEVEL_CHOICES: { value: LevelChoice; label: string }[] = [
  ...labelledBy(EXECUTING_LEVELS, EXECUTING_LEVEL_LABELS),
  { value: 'none', label: 'keine' },
];
const levelLabel = (level: ExecutingLevel | null) => (level ? EXECUTING_LEVEL_LABELS[level] : 'keine');

/** Executing levels of the services (one by one or for a selection) and the exceptions of single Kommunen. */
export function ExecutingLevelsPage() {
  return (
    <div className="admin-page">
      <AdminNav />
      <h1>Ausführende Ebenen und Ausnahmen</h1>
      <p className="lead">
        Die ausführende Ebene bestimmt, welche Kommunen eine Leistung anbieten müssen: jede Gemeinde die
        Gemeindeleistungen, jeder Landkreis die Kreisleistungen, eine kreisfreie Stadt beide. Änderungen
        wirken sofort auf die Zielmengen. Ausnahmen nehmen eine Leistung für einzelne Kommunen hinzu oder
        heraus.
      </p>
      <LevelsSection />
      <ExceptionsSection />
    </div>
  );
}

function LevelsSection() {
  const id = useId();
  const [filters, setFilters] = useState<ServiceFilters>({});
  const services = useServices(filters);
  const save = useSetExecutingLevels();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  /** Changes not yet saved, by OZG-ID. */
  const [pending, setPending] = useState<Map<number, ExecutingLevel | null>>(new Map());
  const [bulkLevel, setBulkLevel] = useState<LevelChoice>('gemeinde');
  const items = services.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((service) => selected.has(service.ozgId));

  const stage = (ozgIds: number[], level: ExecutingLevel | null) => {
    setPending((current) => {
      const next = new Map(current);
      for (const ozgId of ozgIds) {
        const original = items.find((service) => service.ozgId === ozgId)?.executingLevel ?? null;
        if (original === level) next.delete(ozgId);
        else next.set(ozgId, level);
      }
      return next;
    });
  };
  const submit = () =>
    save.mutate(
      [...pending].map(([ozgId, executingLevel]) => ({ ozgId, executingLevel })),
      {
        onSuccess: () => {
          setPending(new Map());
          setSelected(new Set());
        },
      },
    );

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Ausführende Ebene je Leistung</h2>
      <div className="filter-bar">
        <div className="field">
          <label htmlFor={`${id}-q`}>Suche</label>
          <input
            id={`${id}-q`}
            type="search"
            placeholder="Name oder OZG-ID"
            onChange={(event) => {
              const q = event.target.value.trim();
              setFilters(({ q: _q, ...rest }) => (q ? { ...rest, q } : rest));
            }}
          />
        </div>
        <SelectFilter
          id={`${id}-themenfeld`}
          label="Themenfeld"
          allLabel="alle"
          options={selfLabelled(THEMENFELDER)}
          value={filters.themenfeld}
          onChange={(themenfeld) =>
            setFilters(({ themenfeld: _t, ...rest }) => (themenfeld ? { ...rest, themenfeld } : rest))
          }
        />
        <SelectFilter
          id={`${id}-level`}
          label="Ebene"
          allLabel="alle"
          options={LEVEL_CHOICES}
          value={filters.executingLevel}
          onChange={(level) =>
            setFilters(({ executingLevel: _l, ...rest }) =>
              level ? { ...rest, executingLevel: level } : rest,
            )
          }
        />
        <a className="button" href="/api/v1/services/executing-levels.csv" download>
          Als CSV herunterladen
        </a>
      </div>

      <div className="bulk-bar" aria-live="polite">
        <span>
          {formatNumber(selected.size)} ausgewählt · {formatNumber(pending.size)} ungespeicherte Änderungen
        </span>
        <label htmlFor={`${id}-bulk`}>Ebene für die Auswahl</label>
        <select
          id={`${id}-bulk`}
          value={bulkLevel}
          onChange={(event) => setBulkLevel(event.target.value as LevelChoice)}
        >
          {EXECUTING_LEVELS.map((level) => (
            <option key={level} value={level}>
              {EXECUTING_LEVEL_LABELS[level]}
            </option>
          ))}
          <option value="none">keine</option>
        </select>
        <button
          type="button"
          className="button button-small"
          disabled={selected.size === 0}
          onClick={() => stage([...selected], bulkLevel === 'none' ? null : bulkLevel)}
        >
          Für Auswahl setzen
        </button>
        <button
          type="button"
          className="button button-primary button-small"
          disabled={pending.size === 0 || save.isPending}
          onClick={submit}
        >
          {save.isPending ? 'Wird gespeichert …' : `Änderungen speichern (${formatNumber(pending.size)})`}
        </button>
        {pending.size > 0 ? (
          <button type="button" className="button button-small" onClick={() => setPending(new Map())}>
            Verwerfen
          </button>
        ) : null}
      </div>
      {save.isError ? (
        <p className="form-error" role="alert">
          {save.error instanceof ApiError
            ? save.error.message
            : 'Speichern fehlgeschlagen; nichts wurde geändert.'}
        </p>
      ) : null}
      {save.isSuccess ? (
        <p className="import-success" role="status">
          {countOf(save.data.updated, 'Leistung', 'Leistungen')} geändert. Zielmengen:{' '}
          {formatNumber(save.data.statusesCreated)} Status angelegt, {formatNumber(save.data.statusesChanged)}{' '}
          geändert.
        </p>
      ) : null}

      {services.isPending ? (
        <Loading label="Der Leistungskatalog" />
      ) : services.isError ? (
        <ErrorState error={services.error} onRetry={() => void services.refetch()} />
      ) : items.length === 0 ? (
        <Empty>Keine Leistung passt zu den Filtern.</Empty>
      ) : (
        <div className="table-scroll levels-table">
          <table className="data-table">
            <caption className="visually-hidden">Leistungen mit ihrer ausführenden Ebene</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Alle angezeigten Leistungen auswählen"
                    checked={allSelected}
                    onChange={(event) =>
                      setSelected(
                        event.target.checked ? new Set(items.map((service) => service.ozgId)) : new Set(),
                      )
                    }
                  />
                </th>
                <th scope="col" className="hide-narrow">
                  OZG-ID
                </th>
                <th scope="col">Leistung</th>
                <th scope="col" className="hide-narrow">
                  Themenfeld
                </th>
                <th scope="col" className="hide-narrow">
                  Kommunal relevant
                </th>
                <th scope="col">Ausführende Ebene</th>
              </tr>
            </thead>
            <tbody>
              {items.map((service) => (
                <ServiceRow
                  key={service.ozgId}
                  service={service}
                  selected={selected.has(service.ozgId)}
                  pendingLevel={pending.has(service.ozgId) ? (pending.get(service.ozgId) ?? null) : undefined}
                  onSelect={(checked) =>
                    setSelected((current) => {
                      const next = new Set(current);
                      if (checked) next.add(service.ozgId);
                      else next.delete(service.ozgId);
                      return next;
                    })
                  }
                  onLevel={(level) => stage([service.ozgId], level)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ServiceRow({
  service,
  selected,
  pendingLevel,
  onSelect,
  onLevel,
}: {
  service: Service;
  selected: boolean;
  /** The staged level; undefined when unchanged. */
  pendingLevel: ExecutingLevel | null | undefined;
  onSelect: (checked: boolean) => void;
  onLevel: (level: ExecutingLevel | null) => void;
}) {
  const level = pendingLevel === undefined ? service.executingLevel : pendingLevel;
  return (
    <tr className={pendingLevel === undefined ? undefined : 'row-changed'}>
      <td>
        <input
          type="checkbox"
          checked={selected}
          aria-label={`${service.name} auswählen`}
          onChange={(event) => onSelect(event.target.checked)}
        />
      </td>
      <td className="mono hide-narrow">{service.ozgId}</td>
      <th scope="row">{service.name}</th>
      <td className="hide-narrow">{service.themenfeld}</td>
      <td className="hide-narrow">{service.municipallyRelevant ? 'ja' : 'nein'}</td>
      <td>
        <select
          aria-label={`Ausführende Ebene von ${service.name}`}
          value={level ?? 'none'}
          onChange={(event) =>
            onLevel(event.target.value === 'none' ? null : (event.target.value as ExecutingLevel))
          }
        >
          {EXECUTING_LEVELS.map((candidate) => (
            <option key={candidate} value={candidate}>
              {EXECUTING_LEVEL_LABELS[candidate]}
            </option>
          ))}
          <option value="none">keine</option>
        </select>
        {pendingLevel !== undefined ? (
          <span className="hint"> bisher: {levelLabel(service.executingLevel)}</span>
        ) : null}
      </td>
    </tr>
  );
}

function ExceptionsSection() {
  const id = useId();
  const [regionKey, setRegionKey] = useState<string | null>(null);
  const exceptions = useExceptions(regionKey);
  const services = useServices({});
  const setExceptions = useSetExceptions();
  const remove = useDeleteException();
  const serviceName = useMemo(
    () => new Map((services.data?.items ?? []).map((service) => [service.ozgId, service.name])),
    [services.data],
  );

  const show = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const key = String(new FormData(event.currentTarget).get('key') ?? '').trim();
    setRegionKey(key || null);
  };
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const keys = parseRegionKeys(String(form.get('keys') ?? ''));
    setExceptions.mutate({
      keys,
      exception: {
        ozgId: Number(form.get('ozgId')),
        applies: form.get('applies') === 'true',
        reason: String(form.get('reason') ?? ''),
      },
    });
  };
  const failed = setExceptions.data?.filter((outcome) => outcome.error) ?? [];
  const succeeded = setExceptions.data?.filter((outcome) => !outcome.error) ?? [];

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Ausnahmen einer Kommune</h2>
      <form className="inline-form" onSubmit={show}>
        <div className="field">
          <label htmlFor={`${id}-key`}>Kommune (AGS)</label>
          <input id={`${id}-key`} name="key" inputMode="numeric" placeholder="06435014" />
        </div>
        <button type="submit" className="button">
          Ausnahmen anzeigen
        </button>
      </form>
      {regionKey === null ? (
        <p className="hint">
          Geben Sie den Schlüssel einer Gemeinde (8 Ziffern) oder eines Kreises (5 Ziffern) ein.
        </p>
      ) : exceptions.isPending ? (
        <Loading label="Die Ausnahmen" />
      ) : exceptions.isError ? (
        <ErrorState error={exceptions.error} onRetry={() => void exceptions.refetch()} />
      ) : exceptions.data.items.length === 0 ? (
        <Empty>Für {regionKey} gibt es keine Ausnahmen: es gilt die ausführende Ebene.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Ausnahmen von {regionKey}</caption>
            <thead>
              <tr>
                <th scope="col">Leistung</th>
                <th scope="col">Ausnahme</th>
                <th scope="col">Begründung</th>
                <th scope="col">Seit</th>
                <th scope="col">
                  <span className="visually-hidden">Aktionen</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {exceptions.data.items.map((exception) => (
                <tr key={exception.ozgId}>
                  <th scope="row">
                    {serviceName.get(exception.ozgId) ?? 'Leistung'}{' '}
                    <span className="mono">({exception.ozgId})</span>
                  </th>
                  <td>{exception.applies ? 'muss anbieten' : 'muss nicht anbieten'}</td>
                  <td>{exception.reason}</td>
                  <td>{formatDate(exception.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate({ key: regionKey, ozgId: exception.ozgId })}
                    >
                      Entfernen
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {remove.isError ? (
        <p className="form-error" role="alert">
          {remove.error instanceof ApiError ? remove.error.message : 'Entfernen fehlgeschlagen.'}
        </p>
      ) : null}

      <h3>Ausnahme festlegen</h3>
      <form className="form form-wide" onSubmit={add} key={regionKey ?? ''}>
        <div className="field">
          <label htmlFor={`${id}-keys`}>Kommunen (AGS)</label>
          <input
            id={`${id}-keys`}
            name="keys"
            defaultValue={regionKey ?? ''}
            required
            aria-describedby={`${id}-keys-hint`}
          />
          <span id={`${id}-keys-hint`} className="hint">
            Mehrere Kommunen durch Komma getrennt: die Ausnahme gilt dann für jede von ihnen.
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-service`}>Leistung</label>
          <select id={`${id}-service`} name="ozgId" required>
            {(services.data?.items ?? []).map((service) => (
              <option key={service.ozgId} value={service.ozgId}>
                {service.name} ({service.ozgId})
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field radio-group">
          <legend>Die Kommunen …</legend>
          <label>
            <input type="radio" name="applies" value="true" defaultChecked /> müssen die Leistung anbieten
          </label>
          <label>
            <input type="radio" name="applies" value="false" /> müssen die Leistung nicht anbieten
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Begründung</label>
          <textarea id={`${id}-reason`} name="reason" rows={2} required minLength={3} />
        </div>
        <button type="submit" className="button button-primary" disabled={setExceptions.isPending}>
          {setExceptions.isPending ? 'Wird gespeichert …' : 'Ausnahme speichern'}
        </button>
      </form>
      {setExceptions.isError ? (
        <p className="form-error" role="alert">
          {userMessage(setExceptions.error, 'Speichern fehlgeschlagen.')}
        </p>
      ) : null}
      {succeeded.length > 0 ? (
        <p className="import-success" role="status">
          Gespeichert für {succeeded.map((outcome) => outcome.key).join(', ')}.
        </p>
      ) : null}
      {failed.length > 0 ? (
        <div className="import-failure" role="alert">
          <p className="import-failure-title">Nicht gespeichert:</p>
          <ul>
            {failed.map((outcome) => (
              <li key={outcome.key}>
                {outcome.key}: {outcome.error}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
