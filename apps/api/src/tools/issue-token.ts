/**
 * npm run token -- --role state --country KE --sub focal-point-ke [--hours 8]
 * npm run token -- --role donor --organisation donor-giz --sub giz-officer
 * npm run token -- --role secretariat --sub unodc-officer
 *
 * Prints a bearer token signed with the platform's first signing key, found as the API finds
 * it: AUTH_JWT_KEYS or AUTH_JWT_KEYS_FILE when set, else (outside production) the development
 * key (.data/auth/dev-signing-key.json). In production without keys it refuses, like the API.
 * In the image: `docker compose exec api node dist/apps/api/src/tools/issue-token.js --role …`.
 */
import { parseArgs } from 'node:util';
import { actorFromClaims, loadConfig, requireAuth, signJwt, type JwtClaims } from '@ta/platform';

function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      country: { type: 'string' },
      organisation: { type: 'string' },
      name: { type: 'string' },
      hours: { type: 'string', default: '8' },
    },
  });
  if (!values.role || !values.sub) {
    console.error('usage: npm run token -- --role secretariat|state|donor|authority --sub <id> [--country XX] [--organisation <id>] [--hours 8]');
    process.exit(2);
  }
  const auth = requireAuth(loadConfig());
  const key = auth.keys[0];
  if (!key) {
    console.error('no HS256 key configured (AUTH_JWT_KEYS or AUTH_JWT_KEYS_FILE): in production, tokens come from the identity providers of AUTH_OIDC_ISSUERS');
    process.exit(2);
  }
  const now = Math.floor(Date.now() / 1000);
  const claims: JwtClaims = {
    sub: values.sub,
    role: values.role,
    ...(values.country ? { country: values.country.toUpperCase() } : {}),
    ...(values.organisation ? { organisation: values.organisation } : {}),
    ...(values.name ? { name: values.name } : {}),
    iss: auth.issuer,
    aud: auth.audience,
    iat: now,
    exp: now + Math.round(Number(values.hours) * 3600),
  };
  actorFromClaims(claims); // refuse a token the API would refuse
  console.error(`signed with ${auth.source}`);
  console.log(signJwt(claims, key));
}

try {
  main();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
