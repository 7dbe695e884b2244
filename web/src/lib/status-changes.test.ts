import { describe, expect, it } from 'vitest';
import { describeChanges } from './status-changes';

describe('describeChanges', () => {
  it('names each changed field in German with its old and new value', () => {
    expect(
      describeChanges(
        { maturityLevel: 1, onlineSince: null, workflowState: 'planned' },
        { maturityLevel: 3, onlineSince: '2024-03-01', workflowState: 'online' },
      ),
    ).toEqual([
      expect.stringMatching(/^Reifegrad: 1 – .+ → 3 – .+$/),
      'Online seit: – → 01.03.2024',
      'Bearbeitungsstand: Geplant → Online',
    ]);
  });

  it('shows a field it does not know by its name', () => {
    expect(describeChanges({}, { extra: 'x' })).toEqual(['extra: – → x']);
  });
});
