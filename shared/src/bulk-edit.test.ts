import { describe, expect, it } from 'vitest';
import { planBulkEdit } from './bulk-edit';

const TODAY = '2026-12-02';
const request = { maturityLevel: 3, onlineSince: TODAY };

describe('planBulkEdit', () => {
  it('by default leaves a service at level 4 online since 2022 untouched by "Reifegrad 3, online seit heute"', () => {
    expect(planBulkEdit({ maturityLevel: 4, onlineSince: '2022-12-30' }, request)).toEqual({
      changes: {},
      downgrade: true,
      onlineSinceAffected: true,
      kept: ['maturityLevel', 'onlineSince'],
    });
  });

  it('by default keeps the date of a service already at the chosen level', () => {
    const plan = planBulkEdit({ maturityLevel: 3, onlineSince: '2022-12-30' }, request);
    expect(plan.changes).toEqual({ maturityLevel: 3 });
    expect(plan.kept).toEqual(['onlineSince']);
    expect(plan.downgrade).toBe(false);
  });

  it('raises a lower service with the chosen date', () => {
    expect(planBulkEdit({ maturityLevel: 1, onlineSince: null }, request)).toEqual({
      changes: request,
      downgrade: false,
      onlineSinceAffected: false,
      kept: [],
    });
  });

  it('lowers and overwrites only when chosen explicitly', () => {
    const status = { maturityLevel: 4, onlineSince: '2022-12-30' };
    expect(planBulkEdit(status, request, { levels: 'lower', onlineSince: 'overwrite' }).changes).toEqual(
      request,
    );
    expect(planBulkEdit(status, request, { levels: 'lower', onlineSince: 'keep' }).changes).toEqual({
      maturityLevel: 3,
    });
  });

  it('clears the date when a service is lowered below Reifegrad 3, and keeps both when the level is kept', () => {
    const status = { maturityLevel: 4, onlineSince: '2022-12-30' };
    const down = { maturityLevel: 1, onlineSince: null };
    expect(planBulkEdit(status, down, { levels: 'lower', onlineSince: 'keep' }).changes).toEqual(down);
    expect(planBulkEdit(status, down).changes).toEqual({});
    expect(planBulkEdit({ maturityLevel: 2, onlineSince: null }, down).changes).toEqual({});
  });

  it('passes other fields through unchanged', () => {
    const plan = planBulkEdit(
      { maturityLevel: 4, onlineSince: '2022-12-30' },
      { plannedDate: '2027-06-30', note: 'x' },
    );
    expect(plan).toEqual({
      changes: { plannedDate: '2027-06-30', note: 'x' },
      downgrade: false,
      onlineSinceAffected: false,
      kept: [],
    });
  });
});
