// @ta/identity: how people and organisations' systems sign in. The platform as an OpenID
// Connect relying party of several identity providers (openid-client), server-side sessions,
// service accounts (client credentials) for organisations' systems, and the development
// identity provider (oidc-provider, demo accounts) of the embedded default. The HTTP face
// (sign-in routes, the token endpoint, /service-accounts) is `@ta/identity/http`.
export * from './application';
export { DEMO_ACCOUNTS, type DemoAccount } from './dev-provider/demo-accounts';
export { DEV_PROVIDER_ID, startDevProvider, type DevProvider } from './dev-provider/dev-provider';
