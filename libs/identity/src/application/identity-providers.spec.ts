import { actorFromProviderClaims, parseIdentityProviders, type IdentityProvider } from './identity-providers';

const entra = { id: 'unodc', name: 'UN staff', issuer: 'https://login.microsoftonline.com/t/v2.0', clientId: 'app-1', clientSecret: 's' };

describe('AUTH_OIDC_PROVIDERS', () => {
  const refusal = (raw: unknown) => {
    try {
      parseIdentityProviders(JSON.stringify(raw));
      return 'accepted';
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('reads several providers, with default scopes and claim names', () => {
    const [a, b] = parseIdentityProviders(
      JSON.stringify([entra, { id: 'giz', issuer: 'http://127.0.0.1:8080/realms/giz', clientId: 'ta', claims: { fixed: { role: 'donor', organisation: 'donor-giz' } } }]),
    );
    expect(a).toEqual({
      ...entra,
      scopes: ['openid', 'profile'],
      claims: { role: 'role', roles: {}, organisation: 'organisation', country: 'country', name: 'name', fixed: {} },
    });
    expect(b).toMatchObject({ id: 'giz', name: 'giz', claims: { fixed: { role: 'donor', organisation: 'donor-giz' } } });
    expect(b).not.toHaveProperty('clientSecret');
    expect(parseIdentityProviders(undefined)).toEqual([]);
    expect(parseIdentityProviders('  ')).toEqual([]);
  });

  it('refuses what it cannot use, naming the entry and the field', () => {
    expect(refusal([])).toBe('AUTH_OIDC_PROVIDERS: expected a non-empty array of providers');
    expect(refusal([{ ...entra, secret: 'x' }])).toBe('AUTH_OIDC_PROVIDERS: entry 1 has unknown fields: secret');
    expect(refusal([{ ...entra, id: 'UN staff' }])).toBe('AUTH_OIDC_PROVIDERS: entry 1: "id" must be 1 to 40 lower-case letters, digits or -');
    expect(refusal([entra, entra])).toBe('AUTH_OIDC_PROVIDERS: names the provider "unodc" twice');
    expect(refusal([{ ...entra, issuer: 'http://login.example.org' }])).toBe('AUTH_OIDC_PROVIDERS: entry 1: "issuer" must use https (http only on localhost)');
    expect(refusal([{ ...entra, clientId: '' }])).toBe('AUTH_OIDC_PROVIDERS: entry 1 needs "clientId" (a non-empty string)');
    expect(refusal([{ ...entra, scopes: ['profile'] }])).toBe('AUTH_OIDC_PROVIDERS: entry 1: "scopes" must be a list of strings including "openid"');
    expect(refusal([{ ...entra, claims: { roles: { Admin: 'admin' } } }])).toMatch(/^AUTH_OIDC_PROVIDERS: entry 1: "claims.roles" maps "Admin" to "admin", not one of secretariat, state, donor, authority$/);
    expect(refusal([{ ...entra, claims: { fixed: { role: 'system' } } }])).toMatch(/"claims.fixed.role" must be one of/);
    expect(refusal([{ ...entra, claims: { email: 'mail' } }])).toBe('AUTH_OIDC_PROVIDERS: entry 1: "claims" has unknown fields: email');
    expect(() => parseIdentityProviders('[')).toThrow(/^AUTH_OIDC_PROVIDERS: is not JSON/);
  });
});

describe('a provider’s claims as the platform’s actor', () => {
  const provider = (claims: Record<string, unknown> = {}): IdentityProvider => parseIdentityProviders(JSON.stringify([{ ...entra, claims }]))[0]!;

  it('maps a role from a list claim through the provider’s values, and names the actor after the provider', () => {
    const p = provider({ role: 'roles', roles: { 'TA.Secretariat': 'secretariat' } });
    expect(actorFromProviderClaims(p, { sub: 'abc', roles: ['Other', 'TA.Secretariat'], name: 'A. Officer' })).toEqual({
      actor: { id: 'unodc:abc', role: 'secretariat' },
      name: 'A. Officer',
    });
    // a value that is a platform role stands for itself
    expect(actorFromProviderClaims(p, { sub: 'abc', roles: 'secretariat' })).toEqual({ actor: { id: 'unodc:abc', role: 'secretariat' }, name: 'abc' });
    expect(actorFromProviderClaims(p, { sub: 'abc', roles: ['Other'] })).toBe('sign_in.no_role');
    expect(actorFromProviderClaims(p, { sub: 'abc', roles: ['constructor', '__proto__', 'toString'] })).toBe('sign_in.no_role');
  });

  it('needs a State focal point’s country (ISO alpha-2) and a donor’s or authority’s organisation', () => {
    const p = provider({ role: 'ta_role', country: 'ta_country', organisation: 'ta_org' });
    expect(actorFromProviderClaims(p, { sub: 'x', ta_role: 'state', ta_country: 'ke' })).toEqual({ actor: { id: 'unodc:x', role: 'state', country: 'KE' }, name: 'x' });
    expect(actorFromProviderClaims(p, { sub: 'x', ta_role: 'state', ta_country: 'Kenya' })).toBe('sign_in.no_country');
    expect(actorFromProviderClaims(p, { sub: 'x', ta_role: 'state' })).toBe('sign_in.no_country');
    expect(actorFromProviderClaims(p, { sub: 'x', ta_role: 'donor' })).toBe('sign_in.no_organisation');
    expect(actorFromProviderClaims(p, { sub: 'x', ta_role: 'authority', ta_org: 'authority-ke-eacc' })).toEqual({
      actor: { id: 'unodc:x', role: 'authority', organisation: 'authority-ke-eacc' },
      name: 'x',
    });
  });

  it('gives every user of a donor’s own provider its fixed role and organisation, whatever the claims say', () => {
    const p = provider({ fixed: { role: 'donor', organisation: 'donor-giz' } });
    expect(actorFromProviderClaims(p, { sub: 'x', role: 'secretariat', organisation: 'donor-sida' })).toEqual({
      actor: { id: 'unodc:x', role: 'donor', organisation: 'donor-giz' },
      name: 'x',
    });
  });
});
