import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature (docs/api.md, "Webhooks"): header `X-TA-Signature: t=<unix seconds>,v1=<hex>`,
 * `<hex>` being HMAC-SHA256 with the subscription's secret over `<t>.<raw body>`. A receiver
 * recomputes it over the raw body, compares in constant time and refuses a timestamp older
 * than its tolerance (replays).
 */
export const SIGNATURE_HEADER = 'x-ta-signature';
export const DELIVERY_HEADER = 'x-ta-delivery';

export function signPayload(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/** Whether a signature header is valid for the body and recent enough (tolerance in seconds). */
export function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts['t']);
  const v1 = parts['v1'];
  if (!Number.isInteger(t) || !v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const given = Buffer.from(v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Exponential backoff with full jitter: the wait before attempt `attempts + 1` (ms). */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
