import { MODEL2_PUBLISHED } from '@ozg/shared';
import { navigate, withSearch } from '../lib/navigation';
import './model-switch.css';

export type ModelChoice = '1.1' | '2.0';

/** The model a page shows on a Stichtag: 1.1 on a day before Reifegradmodell 2.0 existed. */
export const modelOnDay = (model: ModelChoice, asOf: string | null | undefined): ModelChoice =>
  asOf && asOf < MODEL2_PUBLISHED ? '1.1' : model;

/**
 * "Reifegradmodell 1.1 | 2.0" as a radio group (arrow keys move between the
 * two, as native radios do), kept in ?modell= so that a link shows the same
 * figures. 1.1 removes the parameter: it is the default.
 */
export function ModelSwitch({ value, asOf }: { value: ModelChoice; asOf?: string | null }) {
  const disabledReason =
    modelOnDay('2.0', asOf) === '1.1' ? 'Reifegradmodell 2.0 gibt es erst seit Juli 2025' : null;
  const choose = (model: ModelChoice) =>
    navigate(withSearch({ modell: model === '1.1' ? null : model, ab: null }), { replace: true });
  return (
    <fieldset className="model-switch" disabled={Boolean(disabledReason)}>
      <legend>Reifegradmodell</legend>
      {(['1.1', '2.0'] as const).map((model) => (
        <label key={model} className={value === model ? 'chosen' : undefined}>
          <input
            type="radio"
            name="modell"
            value={model}
            checked={value === model}
            onChange={() => choose(model)}
          />
          {model}
        </label>
      ))}
      {disabledReason ? (
        <span className="model-switch-note">{disabledReason}</span>
      ) : value === '2.0' ? (
        <span className="model-switch-note badge-provisional">Arbeitsstand, vom Land anpassbar</span>
      ) : null}
    </fieldset>
  );
}
