import { CONSULTING_AREA_LABELS, type ConsultingArea, type ConsultingModule } from '@ozg/shared';
import { type FormEvent, useId, useState } from 'react';
import { activeModulesOf } from '../consulting-model';

/**
 * One click offers a consultation in an area: the module is preselected (the
 * first active one) and can be changed before. Reports the choice to the parent.
 */
export function OfferConsultation({
  municipalityName,
  area,
  modules,
  pending,
  onOffer,
  suggestedModuleId = null,
}: {
  municipalityName: string;
  area: ConsultingArea;
  modules: readonly ConsultingModule[];
  pending: boolean;
  onOffer: (module: ConsultingModule) => void;
  /** The module the recommendation suggests: preselected instead of the first one. */
  suggestedModuleId?: number | null;
}) {
  const choices = activeModulesOf(modules, area);
  const [moduleId, setModuleId] = useState<number | null>(suggestedModuleId);
  const selectId = useId();
  const chosen = choices.find((module) => module.id === moduleId) ?? choices[0];
  if (!chosen)
    return <span className="hint">Kein Modul im Bereich {CONSULTING_AREA_LABELS[area]} aktiv.</span>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onOffer(chosen);
  };
  return (
    <form className="offer" onSubmit={submit}>
      <label htmlFor={selectId} className="visually-hidden">
        Modul {CONSULTING_AREA_LABELS[area]} für {municipalityName}
      </label>
      <select id={selectId} value={chosen.id} onChange={(event) => setModuleId(Number(event.target.value))}>
        {choices.map((module) => (
          <option key={module.id} value={module.id}>
            {module.name}
            {module.id === suggestedModuleId ? ' (empfohlen)' : ''}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button-small"
        disabled={pending}
        aria-label={`Beratung anbieten: ${CONSULTING_AREA_LABELS[area]} für ${municipalityName}`}
      >
        Beratung anbieten
      </button>
    </form>
  );
}
