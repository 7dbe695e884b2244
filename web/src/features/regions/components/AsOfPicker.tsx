import { type FormEvent, useState } from 'react';
import { formatDate } from '../../../lib/format';
import { navigate, withSearch } from '../../../lib/navigation';

/** The first day with history in the data: the picker offers nothing before it. */
const EARLIEST = '2020-01-01';

/** Chooses the day whose figures the page shows (?stand=YYYY-MM-DD); empty means today. */
export function AsOfPicker({ asOf, today }: { asOf: string | null; today: string }) {
  const [value, setValue] = useState(asOf ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const go = (date: string | null) => navigate(withSearch({ stand: date }), { replace: true });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value !== '' && (value < EARLIEST || value > today)) {
      setProblem(`Bitte ein Datum zwischen ${formatDate(EARLIEST)} und heute (${formatDate(today)}) wählen.`);
      return;
    }
    setProblem(null);
    go(value === '' || value === today ? null : value);
  };

  return (
    <form className="as-of" onSubmit={submit} aria-label="Stichtag wählen">
      <label htmlFor="as-of-date">Stand am</label>
      <input
        id="as-of-date"
        type="date"
        min={EARLIEST}
        max={today}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'as-of-problem' : undefined}
      />
      <button type="submit" className="button">
        Anzeigen
      </button>
      {asOf ? (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setValue('');
            go(null);
          }}
        >
          Heute
        </button>
      ) : null}
      {problem ? (
        <p id="as-of-problem" className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
