import type { Status } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import {
  bulkChangesFromForm,
  changesFrom,
  conflictFields,
  displayValue,
  draftOf,
  draftProblems,
  EMPTY_BULK_FORM,
  othersChanges,
  provenanceText,
} from './status-fields';

const status = (overrides: Partial<Status> = {}): Status => ({
  id: 7,
  regionId: 3,
  ozgId: 99001,
  serviceName: 'Wohngeld',
  themenfeld: 'Bauen & Wohnen',
  inTarget: true,
  maturityLevel: 1,
  maturityModel: '1.1',
  workflowState: 'planned',
  solution: null,
  url: null,
  plannedDate: '2026-06-30',
  onlineSince: null,
  contact: null,
  note: null,
  version: 4,
  updatedAt: '2026-11-01T10:00:00.000Z',
  confirmedAt: null,
  updatedBy: 'Anna Beispiel',
  ...overrides,
});

describe('the inline editor of a status', () => {
  it('sends only the fields the officer changed, typed, with empty text as null', () => {
    const base = status({ contact: 'Amt 1' });
    const draft = {
      ...draftOf(base),
      maturityLevel: '3',
      onlineSince: '2026-10-01',
      solution: 'civento',
      contact: ' ',
    };
    expect(changesFrom(base, draft)).toEqual({
      maturityLevel: 3,
      onlineSince: '2026-10-01',
      solution: 'civento',
      contact: null,
    });
    expect(changesFrom(base, draftOf(base))).toEqual({});
  });

  it('applies the shared status rules to the draft before anything is sent', () => {
    const base = status();
    expect(draftProblems(base, { ...draftOf(base), maturityLevel: '3' }, '2026-11-25')).toEqual({
      onlineSince: 'Ab Reifegrad 3 ist das Datum „online seit“ anzugeben.',
    });
    expect(
      draftProblems(base, { ...draftOf(base), maturityLevel: '3', onlineSince: '2026-12-01' }, '2026-11-25'),
    ).toHaveProperty('onlineSince');
    expect(draftProblems(base, { ...draftOf(base), url: 'portal' }, '2026-11-25')).toHaveProperty('url');
    expect(draftProblems(base, draftOf(base), '2026-11-25')).toEqual({});
  });

  it('shows codes as German labels and dates the German way', () => {
    expect(displayValue('maturityLevel', 3)).toBe('3 – Online-Leistung (RGM 1.1)');
    expect(displayValue('maturityLevel', 5, '2.0')).toBe('5 – Digitale Bearbeitung (RGM 2.0)');
    expect(
      displayValue('criteria', [
        { modelId: 2, criterion: 'e_akte', answer: { level: 7 } },
        { modelId: 2, criterion: 'noots', answer: null },
      ]),
    ).toBe('E-Akte (RGM 2.0): Stufe 7; Nachweise once-only (NOOTS) (RGM 2.0): nicht bewertet');
    expect(displayValue('workflowState', 'in_progress')).toBe('In Umsetzung');
    expect(displayValue('solution', 'efa')).toBe('EfA-Dienst');
    expect(displayValue('onlineSince', '2022-12-31')).toBe('31.12.2022');
    expect(displayValue('note', null)).toBe('–');
  });
});

describe('a conflict after someone else saved', () => {
  const base = status();
  const current = status({ version: 5, workflowState: 'in_progress', contact: 'Bürgerbüro', note: 'neu' });

  it('asks only about fields the officer changed to something other than what is stored', () => {
    const mine = { workflowState: 'online' as const, note: 'neu', solution: 'efa' as const };
    expect(conflictFields(base, mine, current)).toEqual([
      { field: 'workflowState', base: 'planned', mine: 'online', theirs: 'in_progress' },
      { field: 'solution', base: null, mine: 'efa', theirs: null },
    ]);
  });

  it('names the fields the other person changed that the officer left alone', () => {
    expect(othersChanges(base, { workflowState: 'online' }, current)).toEqual(['contact', 'note']);
  });
});

describe('bulkChangesFromForm', () => {
  it('sends every field a single edit can set, "geplant bis" included, and clears only what is ticked', () => {
    expect(
      bulkChangesFromForm({
        ...EMPTY_BULK_FORM,
        workflowState: 'planned',
        solution: 'none',
        texts: { plannedDate: '2027-06-30', url: ' https://a.example.de ', contact: '', note: '' },
        cleared: { plannedDate: false, url: false, contact: true, note: false },
      }),
    ).toEqual({
      workflowState: 'planned',
      solution: null,
      plannedDate: '2027-06-30',
      url: 'https://a.example.de',
      contact: null,
    });
  });

  it('pairs Reifegrad and "online seit": a date from level 3, none below', () => {
    expect(
      bulkChangesFromForm({ ...EMPTY_BULK_FORM, maturityLevel: '3', onlineSince: '2026-12-01' }),
    ).toEqual({
      maturityLevel: 3,
      onlineSince: '2026-12-01',
    });
    expect(
      bulkChangesFromForm({ ...EMPTY_BULK_FORM, maturityLevel: '2', onlineSince: '2026-12-01' }),
    ).toEqual({
      maturityLevel: 2,
      onlineSince: null,
    });
    expect(bulkChangesFromForm(EMPTY_BULK_FORM)).toEqual({});
  });
});

describe('provenanceText', () => {
  const event = {
    source: 'datahub' as const,
    at: '2026-11-11T23:30:00.000Z',
    actor: 'Anna Beispiel',
    eventId: 7,
    matchesCurrent: true,
  };
  it('names the source, the person and the German day (23:30 UTC is the next day in Germany)', () => {
    expect(provenanceText(event)).toBe('Quelle: Data Hub (Bund), 12.11.2026 · Anna Beispiel');
  });
  it('says nothing without an event and admits a change outside the audit trail', () => {
    expect(provenanceText(null)).toBeNull();
    expect(provenanceText({ ...event, matchesCurrent: false })).toMatch(/außerhalb des Protokolls/);
  });
});
