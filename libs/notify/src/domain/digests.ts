import type { DigestFrequency } from './templates';

/** How often a person is told: each notification at once, or a digest. */
export type DeliveryFrequency = 'immediate' | DigestFrequency;
export const DELIVERY_FREQUENCIES: readonly DeliveryFrequency[] = ['immediate', 'daily', 'weekly'];

/** The channels a person may be told on (organisations' systems have webhooks, per subscription). */
export type PersonChannel = 'email';
export const PERSON_CHANNELS: readonly PersonChannel[] = ['email'];

const DAY_MS = 86_400_000;

/**
 * When the next digest is due after `now`: the next midnight UTC (daily), the next Monday at
 * midnight UTC (weekly). Always strictly after `now`: a digest that fires late (the notifier was
 * down) is followed by the next regular one, never by one per missed period.
 */
export function nextDigestAt(frequency: DigestFrequency, now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const nextMidnight = midnight + DAY_MS;
  if (frequency === 'daily') return new Date(nextMidnight);
  const day = new Date(nextMidnight).getUTCDay(); // 0 Sunday, 1 Monday
  return new Date(nextMidnight + ((8 - day) % 7) * DAY_MS);
}
