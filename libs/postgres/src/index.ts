export * from './pool';
export * from './migrations';
export * from './embedded';
export * from './transaction';
export * from './unavailable';
