import { describe, expect, it } from 'vitest';
import { hintSentence } from './adoption-hints';

const hint = {
  solution: 'civento',
  neighbours: 0,
  peers: 12,
  municipalities: 12,
  since: '2021-03-01',
  averageSince: '2023-05-17',
  examples: [],
};

describe('adoption hint sentences', () => {
  it('names how many comparable municipalities use a solution and since when on average', () => {
    expect(hintSentence(hint)).toBe(
      '12 vergleichbare Kommunen nutzen civento (ekom21) seit durchschnittlich 2023',
    );
  });

  it('says how many of them are neighbours, counts one in the singular and leaves out a missing date', () => {
    expect(hintSentence({ ...hint, neighbours: 3, peers: 10 })).toBe(
      '12 vergleichbare Kommunen (3 davon im selben Kreis) nutzen civento (ekom21) seit durchschnittlich 2023',
    );
    expect(
      hintSentence({
        ...hint,
        solution: null,
        neighbours: 1,
        peers: 0,
        municipalities: 1,
        averageSince: null,
      }),
    ).toBe('1 vergleichbare Kommune im selben Kreis nutzt eine nicht angegebene Lösung');
  });
});
