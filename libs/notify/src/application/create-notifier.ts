import { createTransport } from 'nodemailer';
import type { Pool } from 'pg';
import { envInt, type Infrastructure } from '@ta/platform';
import { Notifier, type NotifierOptions } from './notifier';
import { SecretBox } from './secret-box';
import type { WebhookTargetPolicy } from './webhook-target';

/** What the notifications' HTTP routes need: the database, the secrets' key, where webhooks may go. */
export interface NotifyServices {
  readonly pool: Pool;
  readonly secrets: SecretBox | null;
  readonly webhookTargets: WebhookTargetPolicy;
}

/**
 * From the environment: NOTIFY_SECRETS_KEY (32 bytes in base64) seals webhook secrets at rest;
 * NOTIFY_WEBHOOK_ALLOW_PRIVATE=on (development only) lets webhooks reach private and loopback
 * addresses over plain http.
 */
export function createNotifyServices(infra: Infrastructure): NotifyServices {
  const env = infra.config.env;
  return {
    pool: infra.pool,
    secrets: env.NOTIFY_SECRETS_KEY ? new SecretBox(env.NOTIFY_SECRETS_KEY) : null,
    webhookTargets: { allowPrivate: env.NOTIFY_WEBHOOK_ALLOW_PRIVATE === 'on' },
  };
}

/**
 * The notifier for this process, registered with its consumers, configured by the environment
 * (docs/architecture.md, "Notifications"; docs/operations.md lists the variables): NOTIFY=off runs
 * none here; NOTIFY_SMTP_URL (e.g. `smtp://user:pass@mail.example.org:587`) turns e-mail on, sent as
 * NOTIFY_FROM; links lead to NOTIFY_WEB_BASE_URL (default: this API's own web app). Returns the
 * lines the process prints at start.
 */
export function createNotifier(infra: Infrastructure, options: Partial<NotifierOptions> = {}, services: NotifyServices = createNotifyServices(infra)): string[] {
  const env = infra.config.env;
  if (env.NOTIFY === 'off') return ['NOTIFY=off: this process sends no notifications'];
  const smtp = env.NOTIFY_SMTP_URL;
  const webBaseUrl = env.NOTIFY_WEB_BASE_URL ?? `http://localhost:${env.PORT ?? '3000'}/app`;
  infra.consumers.register(
    new Notifier(infra.pool, infra.eventStore, {
      webBaseUrl,
      email: smtp ? { transport: createTransport(smtp), from: env.NOTIFY_FROM ?? 'noreply@localhost' } : null,
      pollIntervalMs: envInt(env, 'NOTIFY_POLL_MS', 5_000),
      retry: { deadAfterMs: envInt(env, 'NOTIFY_DEAD_AFTER_SECONDS', 3 * 86_400) * 1000 },
      secrets: services.secrets,
      allowPrivateWebhookTargets: services.webhookTargets.allowPrivate,
      reminders: { gapDays: envInt(env, 'COORDINATION_GAP_DAYS', 90, 0), offerExpiryNoticeDays: envInt(env, 'NOTIFY_OFFER_EXPIRY_NOTICE_DAYS', 30, 0) },
      ...options,
    }),
  );
  const lines = [smtp ? `notifications: e-mail through ${new URL(smtp).host}, signed webhooks` : 'notifications: signed webhooks (NOTIFY_SMTP_URL is not set: no e-mail)'];
  if (!services.secrets) lines.push('NOTIFY_SECRETS_KEY is not set: webhook secrets are stored unencrypted');
  if (services.webhookTargets.allowPrivate) lines.push('NOTIFY_WEBHOOK_ALLOW_PRIVATE=on: webhooks may reach private and loopback addresses (development only)');
  return lines;
}
