/** One labelled choice of a filter bar: "alle" (or no empty choice) and the values with their German names. */
export function SelectFilter<Value extends string>({
  id,
  label,
  value,
  options,
  allLabel,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  /** The chosen value; null or undefined for the empty choice. */
  value: Value | null | undefined;
  options: readonly { value: Value; label: string }[];
  /** The empty choice ("alle", "Alle Themenfelder"); without it one of the options is always chosen. */
  allLabel?: string;
  disabled?: boolean;
  /** The new value, or undefined for the empty choice. */
  onChange: (value: Value | undefined) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        disabled={disabled}
        // The options are exactly `options` and the empty choice, so the value is one of them.
        onChange={(event) => onChange((event.target.value || undefined) as Value | undefined)}
      >
        {allLabel === undefined ? null : <option value="">{allLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Options whose names are the values themselves (e.g. the Themenfelder). */
export const selfLabelled = <Value extends string>(values: readonly Value[]) =>
  values.map((value) => ({ value, label: value }));

/** Options named by a label table (e.g. EXECUTING_LEVEL_LABELS). */
export const labelledBy = <Value extends string>(values: readonly Value[], labels: Record<Value, string>) =>
  values.map((value) => ({ value, label: labels[value] }));
