import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { todayInGermany } from './dates';
import {
  asOfDate,
  dateRangeProblem,
  INT32_MAX,
  idParamSchema,
  idSchema,
  plausibleDate,
  safeText,
  textProblem,
} from './wire-primitives';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('safeText', () => {
  it('refuses the NUL character and lone UTF-16 surrogates, and keeps emoji and umlauts', () => {
    const note = safeText().trim().max(20);
    expect(messages(note.safeParse('a\u0000b'))).toEqual(['Enthält das unzulässige Zeichen NUL (U+0000).']);
    expect(messages(note.safeParse('a\uD800b'))[0]).toContain('Surrogat');
    expect(messages(note.safeParse('\uDC00'))[0]).toContain('Surrogat');
    expect(messages(note.safeParse('x\uD83D'))[0]).toContain('Surrogat');
    expect(note.parse('  Größe 😀 ')).toBe('Größe 😀');
    expect(textProblem('Öffnungszeiten 🕒')).toBeNull();
  });
});

describe('int32 ids', () => {
  it('accept 1 to 2^31 - 1 and refuse 2^31, in bodies and in paths', () => {
    expect(idSchema().parse(INT32_MAX)).toBe(INT32_MAX);
    expect(messages(idSchema().safeParse(2 ** 31))).toEqual([`Zahl zu groß (höchstens ${INT32_MAX})`]);
    expect(messages(idSchema().safeParse(0))).toEqual(['Positive Zahl erwartet']);
    expect(idParamSchema().parse('2147483647')).toBe(INT32_MAX);
    expect(idParamSchema().safeParse('2147483648').success).toBe(false);
    expect(idParamSchema().safeParse('x').success).toBe(false);
  });
});

describe('plausible dates', () => {
  it('refuses year 0000 and dates before 2000 or after 2099, with the reason in German', () => {
    expect(messages(plausibleDate().safeParse('0000-01-01'))).toEqual([
      'Datum vor dem 01.01.2000 ist nicht plausibel.',
    ]);
    expect(plausibleDate().safeParse('0001-01-01').success).toBe(false);
    expect(plausibleDate().safeParse('2100-01-01').success).toBe(false);
    expect(plausibleDate().parse('2030-06-30')).toBe('2030-06-30');
    expect(messages(plausibleDate().safeParse('2024-02-30'))).toEqual([
      'Datum im Format JJJJ-MM-TT erwartet',
    ]);
  });

  it('asOf may be today in Germany but not tomorrow, and says that there are no figures for the future', () => {
    const today = todayInGermany();
    expect(asOfDate().parse(today)).toBe(today);
    const tomorrow = new Date(`${today}T12:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    const [message] = messages(asOfDate().safeParse(tomorrow.toISOString().slice(0, 10)));
    expect(message).toContain('liegt in der Zukunft');
    expect(message).toContain('Stände gibt es nur bis heute');
  });

  it('compares with the given day, the calendar day in Germany', () => {
    expect(dateRangeProblem('2026-11-26', 'today', '2026-11-25')).toContain('Zukunft');
    expect(dateRangeProblem('2026-11-25', 'today', '2026-11-25')).toBeNull();
    expect(dateRangeProblem('2026-11-26', 'any', '2026-11-25')).toBeNull();
  });
});

describe('messages of zod itself', () => {
  it('are German', () => {
    expect(messages(z.object({ a: z.number() }).safeParse({ a: 'x' }))[0]).toMatch(/^Ungültige Eingabe/);
  });
});
