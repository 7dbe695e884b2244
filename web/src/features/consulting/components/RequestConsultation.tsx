import { CONSULTING_AREA_LABELS, type ConsultingArea, type ConsultingModule } from '@ozg/shared';
import { type FormEvent, useState } from 'react';
import { activeModulesOf } from '../consulting-model';

/**
 * The municipality asks for a consultation itself: the area (only those still
 * open), a module of that area and a note on what it needs. Reports the choice.
 */
export function RequestConsultation({
  areas,
  modules,
  pending,
  onRequest,
}: {
  areas: readonly ConsultingArea[];
  modules: readonly ConsultingModule[];
  pending: boolean;
  onRequest: (request: { module: ConsultingModule; note: string }) => void;
}) {
  const [area, setArea] = useState<ConsultingArea | null>(null);
  const [moduleId, setModuleId] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const chosenArea = areas.find((candidate) => candidate === area) ?? areas[0];
  const choices = chosenArea ? activeModulesOf(modules, chosenArea) : [];
  const chosen = choices.find((module) => module.id === moduleId) ?? choices[0];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) onRequest({ module: chosen, note: note.trim() });
  };

  return (
    <form className="form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="request-area">Bereich</label>
        <select
          id="request-area"
          value={chosenArea}
          onChange={(event) => {
            setArea(event.target.value as ConsultingArea);
            setModuleId(null);
          }}
        >
          {areas.map((candidate) => (
            <option key={candidate} value={candidate}>
              {CONSULTING_AREA_LABELS[candidate]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="request-module">Modul</label>
        {chosen ? (
          <select
            id="request-module"
            value={chosen.id}
            onChange={(event) => setModuleId(Number(event.target.value))}
          >
            {choices.map((module) => (
              <option key={module.id} value={module.id}>
                {module.name}
              </option>
            ))}
          </select>
        ) : (
          <p className="hint" id="request-module">
            In diesem Bereich wird derzeit kein Modul angeboten.
          </p>
        )}
        {chosen?.description ? <p className="hint">{chosen.description}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="request-note">Notiz an die Beratung (optional)</label>
        <textarea
          id="request-note"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={pending || !chosen}>
        Beratung anfragen
      </button>
    </form>
  );
}
