export * from './jwt';
export * from './auth-config';
export * from './signing-keys';
export * from './actor-from-claims';
export * from './trusted-issuers';
export * from './token-verifier';
export * from './request-authenticator';
