import { describe, expect, it } from 'vitest';
import { catalogPath, filtersFromSearch } from './catalog-filters';

describe('catalogue filters in the URL', () => {
  it('round-trips valid filters', () => {
    const filters = filtersFromSearch(
      new URLSearchParams('themenfeld=Bauen+%26+Wohnen&ebene=kreis&relevanz=true&q=Wohngeld'),
    );
    expect(filters).toEqual({
      themenfeld: 'Bauen & Wohnen',
      executingLevel: 'kreis',
      relevant: 'true',
      q: 'Wohngeld',
    });
    expect(catalogPath(filters)).toBe(
      '/leistungen?themenfeld=Bauen+%26+Wohnen&ebene=kreis&relevanz=true&q=Wohngeld',
    );
  });

  it('ignores unknown values instead of sending them to the API', () => {
    expect(filtersFromSearch(new URLSearchParams('themenfeld=Sport&ebene=dorf&relevanz=ja&q=+'))).toEqual({
      themenfeld: undefined,
      executingLevel: undefined,
      relevant: undefined,
      q: undefined,
    });
    expect(catalogPath({})).toBe('/leistungen');
  });
});
