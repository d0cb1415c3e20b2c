import { Webhook } from 'standardwebhooks';

/** The Standard Webhooks headers (https://www.standardwebhooks.com), beside the platform's own X-TA-Signature. */
export const STANDARD_WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * A delivery's Standard Webhooks headers, signed with the `standardwebhooks` library: `webhook-id`
 * (the delivery id), `webhook-timestamp` (unix seconds), `webhook-signature` (`v1,<base64
 * HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed by the secret's base64 part). Only for a secret
 * in that specification's form (`whsec_<base64>`, as the platform makes them); none for a secret
 * given otherwise (operators' subscriptions from before), whose receivers check X-TA-Signature.
 */
export function standardWebhookHeaders(secret: string, deliveryId: string, timestampSeconds: number, body: string): Record<string, string> {
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) return {};
  let webhook: Webhook;
  try {
    webhook = new Webhook(secret);
  } catch {
    return {};
  }
  return {
    'webhook-id': deliveryId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': webhook.sign(deliveryId, new Date(timestampSeconds * 1000), body),
  };
}
