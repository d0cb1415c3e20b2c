import { Webhook } from 'standardwebhooks';
import { newWebhookSecret } from './webhook-subscriptions';
import { standardWebhookHeaders } from './standard-webhooks';

describe('Standard Webhooks headers', () => {
  it("a platform-made secret signs a delivery that the specification's library verifies; a changed body is refused", () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ deliveryId: 'd1', type: 'engagement.proposed', data: {} });
    const now = Math.floor(Date.now() / 1000);
    const headers = standardWebhookHeaders(secret, 'd1', now, body);
    expect(Object.keys(headers)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('d1', 'd2'), headers)).toThrow();
  });

  it('none for a secret not in that form (subscriptions from before): X-TA-Signature only', () => {
    expect(standardWebhookHeaders('whsec-test-norad', 'd1', 1, '{}')).toEqual({});
  });
});
