import type * as Oidc from 'openid-client';
import type { IdentityProvider } from './identity-providers';

type OidcClient = typeof Oidc;

/** What the relying party needs to send a browser to a provider and back. */
export interface AuthorizationRequest {
  readonly url: URL;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/**
 * The platform as an OpenID Connect relying party of one provider, with `openid-client`:
 * discovery (once, retried on failure), the authorization code flow with PKCE (S256), state
 * and nonce, the ID token verified (signature against the provider's JWKS, issuer, audience,
 * expiry, nonce), userinfo merged when the provider has it, and RP-initiated logout where the
 * provider publishes an end_session_endpoint.
 */
export class RelyingParty {
  private configuration: Promise<Oidc.Configuration> | undefined;

  constructor(readonly provider: IdentityProvider) {}

  async authorizationRequest(redirectUri: string): Promise<AuthorizationRequest> {
    const oidc = await openidClient();
    const config = await this.config();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.provider.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** The provider's answer at the callback: the verified claims (ID token, then userinfo) and the ID token. */
  async complete(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<{ claims: Record<string, unknown>; idToken: string | undefined }> {
    const oidc = await openidClient();
    const config = await this.config();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...claims };
    }
    return { claims, idToken: tokens.id_token };
  }

  /** Where to send the browser to end the provider's session too; undefined when the provider does not support it. */
  async endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string | undefined> {
    const oidc = await openidClient();
    const config = await this.config().catch(() => undefined);
    if (!config?.serverMetadata().end_session_endpoint) return undefined;
    return oidc
      .buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri, client_id: this.provider.clientId, ...(idToken ? { id_token_hint: idToken } : {}) })
      .toString();
  }

  private config(): Promise<Oidc.Configuration> {
    if (!this.configuration) {
      this.configuration = (async () => {
        const oidc = await openidClient();
        const issuer = new URL(this.provider.issuer);
        const auth = this.provider.clientSecret ? oidc.ClientSecretBasic(this.provider.clientSecret) : oidc.None();
        return oidc.discovery(issuer, this.provider.clientId, this.provider.clientSecret, auth, {
          // http only for a provider on this machine (parseIdentityProviders refuses it elsewhere)
          ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
          timeout: 10,
        });
      })();
      // a provider that was down is asked again next time
      this.configuration.catch(() => (this.configuration = undefined));
    }
    return this.configuration;
  }
}

// openid-client is an ES module; loaded on first use.
let loaded: Promise<OidcClient> | undefined;
function openidClient(): Promise<OidcClient> {
  loaded ??= import('openid-client');
  return loaded;
}
