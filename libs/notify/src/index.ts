// @ta/notify: tells people what needs them. A durable consumer of the event store writes
// notifications into its own outbox; a dispatcher sends them by e-mail (SMTP) and signed
// webhooks (docs/architecture.md, "Notifications"). Framework-free.
export * from './domain';
export * from './application';
