export * from './notifier';
export * from './recipients';
export * from './webhook-subscriptions';
export { SecretBox, isSealed } from './secret-box';
export { isBlockedAddress, webhookUrlProblem, type WebhookTargetPolicy } from './webhook-target';
export { createNotifier, createNotifyServices, type NotifyServices } from './create-notifier';
export { standardWebhookHeaders, STANDARD_WEBHOOK_HEADERS } from './standard-webhooks';
