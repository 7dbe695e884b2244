import { describe, expect, it } from 'vitest';
import { type StatusFields, statusProblems } from './status-rules';

const base: StatusFields = {
  maturityLevel: 1,
  maturityModel: '1.1',
  url: null,
  onlineSince: null,
  plannedDate: null,
};
const today = '2026-11-25';
const paths = (status: Partial<StatusFields>) =>
  statusProblems({ ...base, ...status }, today).map((p) => p.path);

describe('status rules', () => {
  it('accepts a plain status and an OZG-konform one with its date and URL', () => {
    expect(paths({})).toEqual([]);
    expect(
      paths({ maturityLevel: 3, onlineSince: '2024-03-01', url: 'https://service.example.de/a' }),
    ).toEqual([]);
  });

  it('requires "online seit" from level 3 and refuses it below', () => {
    expect(paths({ maturityLevel: 3 })).toEqual(['onlineSince']);
    expect(paths({ maturityLevel: 2, onlineSince: '2024-03-01' })).toEqual(['onlineSince']);
  });

  it('refuses a future "online seit", levels outside the model and model 2.0 for now', () => {
    expect(paths({ maturityLevel: 4, onlineSince: '2026-11-26' })).toEqual(['onlineSince']);
    expect(paths({ maturityLevel: 5, onlineSince: '2024-01-01' })).toEqual(['maturityLevel']);
    expect(paths({ maturityLevel: -1 })).toEqual(['maturityLevel']);
    expect(paths({ maturityModel: '2.0', maturityLevel: 2 })).toEqual(['maturityModel']);
  });

  it('refuses URLs that are not http(s) with a domain', () => {
    expect(paths({ url: 'ftp://example.de' })).toEqual(['url']);
    expect(paths({ url: 'javascript:alert(1)' })).toEqual(['url']);
    expect(paths({ url: 'https://localhost' })).toEqual(['url']);
    expect(paths({ url: 'http://www.example.de/formular?id=1' })).toEqual([]);
  });
});
