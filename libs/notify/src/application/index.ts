export * from './notifier';
export { createNotifier } from './create-notifier';
