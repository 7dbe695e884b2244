/** Wire schemas of key dates (issue 17, item 5; decision 018). */
import { z } from 'zod';
import { THEMENFELDER } from './catalog';
import { REGION_LEVELS } from './regions';
import { ProgressFiguresSchema } from './wire';
import { plausibleDate, safeText } from './wire-primitives';

export const KeyDateSchema = z
  .object({
    day: z.string().meta({ description: 'ISO date (German calendar day)' }),
    label: z.string(),
    isDefault: z.boolean().meta({ description: 'one of the three days every installation has' }),
    frozenAt: z
      .string()
      .nullable()
      .meta({ description: 'when its figures were computed and stored; null until the day has ended' }),
    createdBy: z.string().nullable().meta({ description: 'who added it (null for the default days)' }),
    createdAt: z.string(),
  })
  .meta({ id: 'KeyDate' });
export type KeyDate = z.infer<typeof KeyDateSchema>;

export const KeyDateInputSchema = z
  .object({
    day: plausibleDate(),
    label: safeText()
      .trim()
      .min(1, 'Bezeichnung fehlt')
      .max(200, 'Bezeichnung zu lang (höchstens 200 Zeichen)'),
  })
  .strict()
  .meta({ id: 'KeyDateInput' });
export type KeyDateInput = z.infer<typeof KeyDateInputSchema>;

const CorrectionSchema = z
  .object({ figures: ProgressFiguresSchema, administrations: z.number().int() })
  .nullable()
  .meta({
    description:
      'the same day computed today from the events, when it differs from the frozen figures (a later correction of history); null when equal',
  });

const KeyDateRowSchema = z.object({
  region: z.object({ ags: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) }),
  administrations: z.number().int(),
  figures: ProgressFiguresSchema.meta({ description: 'frozen on frozenAt, never changed' }),
  recomputed: CorrectionSchema,
});
export type KeyDateRow = z.infer<typeof KeyDateRowSchema>;

const KeyDateThemenfeldSchema = z.object({
  themenfeld: z.enum(THEMENFELDER),
  figures: ProgressFiguresSchema,
  recomputed: CorrectionSchema,
});

export const KeyDateReportSchema = z
  .object({
    keyDate: KeyDateSchema,
    land: KeyDateRowSchema,
    bezirke: z.array(KeyDateRowSchema),
    kreise: z.array(KeyDateRowSchema),
    themenfelder: z.array(KeyDateThemenfeldSchema),
    corrected: z
      .boolean()
      .meta({ description: 'whether any figure computed today differs from the frozen one' }),
  })
  .meta({ id: 'KeyDateReport' });
export type KeyDateReport = z.infer<typeof KeyDateReportSchema>;

const ChangeRowSchema = z.object({
  name: z.string(),
  ags: z.string().nullable(),
  level: z.enum(REGION_LEVELS).nullable().meta({ description: 'null for a Themenfeld' }),
  from: z
    .object({ conformant: z.number().int(), targetServices: z.number().int(), share: z.number().nullable() })
    .nullable(),
  to: z
    .object({ conformant: z.number().int(), targetServices: z.number().int(), share: z.number().nullable() })
    .nullable(),
  changePoints: z
    .number()
    .nullable()
    .meta({ description: 'OZG-konform share, to minus from, in percentage points' }),
});
export type KeyDateChangeRow = z.infer<typeof ChangeRowSchema>;

export const KeyDateChangeSchema = z
  .object({
    from: KeyDateSchema,
    to: KeyDateSchema,
    land: ChangeRowSchema,
    bezirke: z.array(ChangeRowSchema),
    kreise: z.array(ChangeRowSchema),
    themenfelder: z.array(ChangeRowSchema),
  })
  .meta({ id: 'KeyDateChange' });
export type KeyDateChange = z.infer<typeof KeyDateChangeSchema>;
