export * from './event-hash';
export * from './merkle';
export * from './seal';
export * from './log-sealed.event';
