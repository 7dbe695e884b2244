import { todayInGermany } from './dates';

/** The day a consultation was requested, in Germany: nothing about it can be dated earlier. */
export function requestDay(requestedAt: string): string {
  return todayInGermany(new Date(requestedAt));
}

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
  const requested = requestDay(consultation.requestedAt);
  return consultation.scheduledFor !== null && consultation.scheduledFor > requested
    ? { day: consultation.scheduledFor, reason: 'terminiert' }
    : { day: requested, reason: 'angefragt' };
}
