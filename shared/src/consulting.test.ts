import { describe, expect, it } from 'vitest';
import { earliestHeldOn } from './consulting';

describe('earliestHeldOn', () => {
  it('is the day of the request in Germany, not in UTC', () => {
    // 23:30 UTC on 9 March is already 10 March in Berlin.
    expect(earliestHeldOn({ requestedAt: '2026-03-09T23:30:00Z', scheduledFor: null })).toEqual({
      day: '2026-03-10',
      reason: 'angefragt',
    });
  });

  it('is the appointment once one is agreed after the request', () => {
    expect(earliestHeldOn({ requestedAt: '2026-03-09T10:00:00Z', scheduledFor: '2026-04-01' })).toEqual({
      day: '2026-04-01',
      reason: 'terminiert',
    });
  });

  it('stays the request day when the appointment was entered for an earlier day', () => {
    expect(earliestHeldOn({ requestedAt: '2026-03-09T10:00:00Z', scheduledFor: '2026-03-01' })).toEqual({
      day: '2026-03-09',
      reason: 'angefragt',
    });
  });
});
