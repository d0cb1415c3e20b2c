export * from './jwt';
export * from './auth-config';
export * from './auth.guard';
export * from './signing-keys';
