export * from './identity-providers';
export * from './identity-services';
export * from './relying-party';
export * from './service-accounts';
export * from './session-store';
export { cookiesOf } from './secrets';
