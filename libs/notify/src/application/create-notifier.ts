import { createTransport } from 'nodemailer';
import { envInt, type Infrastructure } from '@ta/platform';
import { Notifier, type NotifierOptions } from './notifier';

/**
 * The notifier for this process, registered with its consumers, configured by the environment
 * (docs/architecture.md, "Notifications"): NOTIFY=off runs none here; NOTIFY_SMTP_URL (e.g.
 * `smtp://user:pass@mail.example.org:587`) turns e-mail on, sent as NOTIFY_FROM; links lead to
 * NOTIFY_WEB_BASE_URL (default: this API's own web app). Returns the line the process prints at start.
 */
export function createNotifier(infra: Infrastructure, options: Partial<NotifierOptions> = {}): string {
  const env = infra.config.env;
  if (env.NOTIFY === 'off') return 'NOTIFY=off: this process sends no notifications';
  const smtp = env.NOTIFY_SMTP_URL;
  const webBaseUrl = env.NOTIFY_WEB_BASE_URL ?? `http://localhost:${env.PORT ?? '3000'}/app`;
  infra.consumers.register(
    new Notifier(infra.pool, infra.eventStore, {
      webBaseUrl,
      email: smtp ? { transport: createTransport(smtp), from: env.NOTIFY_FROM ?? 'noreply@localhost' } : null,
      pollIntervalMs: envInt(env, 'NOTIFY_POLL_MS', 5_000),
      retry: { deadAfterMs: envInt(env, 'NOTIFY_DEAD_AFTER_SECONDS', 3 * 86_400) * 1000 },
      ...options,
    }),
  );
  return smtp ? `notifications: e-mail through ${new URL(smtp).host}, signed webhooks` : 'notifications: signed webhooks (NOTIFY_SMTP_URL is not set: no e-mail)';
}
