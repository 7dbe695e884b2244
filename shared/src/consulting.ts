import { todayInGermany } from './dates';

/**
 * The earliest day a consultation can have been held: the day it was
 * requested (in Germany) and, once scheduled, the agreed date. A consultation
 * held earlier than its appointment is rescheduled first, so that the record
 * never shows a consultation held before it was asked for or agreed.
 */
export function earliestHeldOn(consultation: {
  /** ISO timestamp of the request. */
  requestedAt: string;
  /** YYYY-MM-DD, null while not scheduled. */
  scheduledFor: string | null;
}): { day: string; reason: 'angefragt' | 'terminiert' } {
  const requested = todayInGermany(new Date(consultation.requestedAt));
  return consultation.scheduledFor !== null && consultation.scheduledFor > requested
    ? { day: consultation.scheduledFor, reason: 'terminiert' }
    : { day: requested, reason: 'angefragt' };
}
