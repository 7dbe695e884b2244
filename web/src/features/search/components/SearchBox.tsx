import { type FormEvent, useState } from 'react';
import { navigate, parseSearch, useLocation } from '../../../lib/navigation';
import { searchPageSearch } from '../search-params';

/** The search field in the header: regions by name, AGS or ARS, services by name or OZG-ID. */
export function SearchBox() {
  const { pathname, search } = useLocation();
  const current = pathname === '/suche' ? parseSearch(searchPageSearch, search).q : '';
  const [value, setValue] = useState(current);
  const [lastCurrent, setLastCurrent] = useState(current);
  // Follows the URL (back button, a new search from the results page) without an effect.
  if (current !== lastCurrent) {
    setLastCurrent(current);
    setValue(current);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = value.trim();
    navigate(`/suche?q=${encodeURIComponent(q)}`);
  };

  return (
    <search className="search-box">
      <form onSubmit={submit}>
        <label htmlFor="global-search" className="visually-hidden">
          Gebiet oder Leistung suchen
        </label>
        <input
          id="global-search"
          type="search"
          placeholder="Gebiet, AGS oder Leistung"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          autoComplete="off"
        />
        <button type="submit" className="header-button">
          Suchen
        </button>
      </form>
    </search>
  );
}
