import { describe, expect, it } from 'vitest';
import { mayOpenWorkspace } from './workspace-access';

const gemeinde = { ags: '06435901', level: 'gemeinde' as const };

describe('mayOpenWorkspace', () => {
  it('lets the ministry open every Gemeinde and Kreis, but no Land or Regierungsbezirk', () => {
    const admin = { role: 'admin' as const, regions: [] };
    expect(mayOpenWorkspace(admin, gemeinde)).toBe(true);
    expect(mayOpenWorkspace(admin, { ags: '06435', level: 'kreis' })).toBe(true);
    expect(mayOpenWorkspace(admin, { ags: '064', level: 'bezirk' })).toBe(false);
    expect(mayOpenWorkspace(admin, { ags: '06', level: 'land' })).toBe(false);
  });

  it('lets an officer open only their own regions, and nobody else any', () => {
    const officer = { role: 'officer' as const, regions: [{ ags: '06435901' }] };
    expect(mayOpenWorkspace(officer, gemeinde)).toBe(true);
    expect(mayOpenWorkspace(officer, { ags: '06435902', level: 'gemeinde' })).toBe(false);
    expect(mayOpenWorkspace({ role: 'consultant', regions: [] }, gemeinde)).toBe(false);
    expect(mayOpenWorkspace({ role: 'viewer', regions: [{ ags: '06435901' }] }, gemeinde)).toBe(false);
    expect(mayOpenWorkspace(null, gemeinde)).toBe(false);
  });
});
