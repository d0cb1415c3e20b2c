export * from './hashing';
export * from './merkle';
export * from './seal';
export * from './log-sealed.event';
