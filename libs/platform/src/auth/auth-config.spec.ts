import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { ConfigError } from '../config-error';
import { loadAuthConfig, NO_KEYS_IN_PRODUCTION, requireAuth } from './auth-config';
import { formatSigningKeys, newSigningKey, parseSigningKeys } from './signing-keys';

const SECRET_A = 'a'.repeat(32);
const SECRET_B = 'b'.repeat(40);

describe('the signing keys (AUTH_JWT_KEYS, AUTH_JWT_KEYS_FILE, the development key)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ta-auth-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const kidsOf = (env: NodeJS.ProcessEnv) => loadAuthConfig(env, join(dir, '.data'))?.keys.map((k) => [k.kid, k.secret.toString('utf8')]);

  it('reads AUTH_JWT_KEYS: the first key signs, all verify, and the log names their ids', () => {
    const auth = loadAuthConfig({ AUTH_JWT_KEYS: ` new:${SECRET_B} , old:${SECRET_A} `, NODE_ENV: 'production' }, dir);
    expect(auth?.keys.map((k) => [k.kid, k.secret.toString('utf8')])).toEqual([
      ['new', SECRET_B],
      ['old', SECRET_A],
    ]);
    expect(auth?.source).toBe('AUTH_JWT_KEYS (new, old)');
  });

  it('reads the file AUTH_JWT_KEYS_FILE names (one key a line, or commas), and names it in the log', () => {
    const file = join(dir, 'jwt-keys');
    writeFileSync(file, `new:${SECRET_B}\r\n\nold:${SECRET_A}, older:${SECRET_A}\n`);
    const auth = loadAuthConfig({ AUTH_JWT_KEYS_FILE: file, NODE_ENV: 'production' }, dir);
    expect(auth?.keys.map((k) => k.kid)).toEqual(['new', 'old', 'older']);
    expect(auth?.source).toBe(`AUTH_JWT_KEYS_FILE ${file} (new, old, older)`);
  });

  it('refuses both at once, a file it cannot read, and keys it cannot use, saying which setting', () => {
    const file = join(dir, 'jwt-keys');
    writeFileSync(file, `k:${SECRET_A}`);
    const refusal = (env: NodeJS.ProcessEnv) => {
      try {
        loadAuthConfig(env, dir);
        return 'accepted';
      } catch (e) {
        return `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
    };
    expect(refusal({ AUTH_JWT_KEYS: `k:${SECRET_A}`, AUTH_JWT_KEYS_FILE: file })).toBe('ConfigError: AUTH_JWT_KEYS and AUTH_JWT_KEYS_FILE are both set: set one of them');
    expect(refusal({ AUTH_JWT_KEYS_FILE: join(dir, 'missing') })).toBe(`ConfigError: AUTH_JWT_KEYS_FILE: cannot read ${join(dir, 'missing')} (ENOENT)`);
    expect(refusal({ AUTH_JWT_KEYS: 'k:short' })).toMatch(/^ConfigError: AUTH_JWT_KEYS must hold "kid:secret" entries with secrets of at least 32 characters$/);
    expect(refusal({ AUTH_JWT_KEYS: SECRET_A })).toMatch(/^ConfigError: AUTH_JWT_KEYS must hold "kid:secret"/);
    expect(refusal({ AUTH_JWT_KEYS: `k:${SECRET_A},k:${SECRET_B}` })).toBe('ConfigError: AUTH_JWT_KEYS names the key id "k" twice');
    writeFileSync(file, '\n \n');
    expect(refusal({ AUTH_JWT_KEYS_FILE: file })).toBe(`ConfigError: AUTH_JWT_KEYS_FILE ${file} holds no keys: expected "kid:secret" entries`);
  });

  it('in production without keys: none, nothing written, and the processes that need keys refuse to start', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }, dir);
    expect(config.auth).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
    expect(() => requireAuth(config)).toThrow(new ConfigError(NO_KEYS_IN_PRODUCTION));
    expect(NO_KEYS_IN_PRODUCTION).toMatch(/AUTH_JWT_KEYS .* AUTH_JWT_KEYS_FILE/);
    expect(NO_KEYS_IN_PRODUCTION).not.toContain('\n');
  });

  it('in production with trusted issuers and no keys: their tokens only, no HS256 key, nothing written, and the log names them', () => {
    const issuers = JSON.stringify([{ issuer: 'https://idp.example.org', audience: 'api', jwksUri: 'https://idp.example.org/jwks', algorithms: ['RS256'] }]);
    const auth = loadAuthConfig({ NODE_ENV: 'production', AUTH_OIDC_ISSUERS: issuers }, dir);
    expect(auth?.keys).toEqual([]);
    expect(auth?.issuers.map((i) => i.issuer)).toEqual(['https://idp.example.org']);
    expect(auth?.source).toBe('RS256 tokens of https://idp.example.org (JWKS https://idp.example.org/jwks)');
    expect(readdirSync(dir)).toEqual([]);
    const both = loadAuthConfig({ NODE_ENV: 'production', AUTH_OIDC_ISSUERS: issuers, AUTH_JWT_KEYS: `k:${SECRET_A}` }, dir);
    expect(both?.source).toBe('AUTH_JWT_KEYS (k); RS256 tokens of https://idp.example.org (JWKS https://idp.example.org/jwks)');
  });

  it('outside production without keys: a development key made once under the data folder, readable by its owner only', () => {
    const first = kidsOf({ NODE_ENV: 'development' });
    const file = join(dir, '.data', 'auth', 'dev-signing-key.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toEqual([[expect.stringMatching(/^dev-[0-9a-f]{8}$/), expect.any(String)]]);
    expect(first![0]![1]!.length).toBeGreaterThanOrEqual(32);
    expect(kidsOf({})).toEqual(first);
    expect(loadAuthConfig({}, join(dir, '.data'))?.source).toMatch(/^development key .*dev-signing-key\.json \(NODE_ENV is not production; set AUTH_JWT_KEYS or AUTH_JWT_KEYS_FILE in production\)$/);
  });

  it('says what to set when the development key cannot be written', () => {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, '');
    expect(() => loadAuthConfig({}, notAFolder)).toThrow(/^cannot keep the development signing key at .* \(ENOTDIR\): set AUTH_JWT_KEYS or AUTH_JWT_KEYS_FILE, or DATA_DIR to a writable folder$/);
    expect(existsSync(join(notAFolder, 'auth'))).toBe(false);
  });
});

describe('key files (the signing-keys tool)', () => {
  it('writes one key a line, the signing key first, and reads back what it wrote', () => {
    const keys = [newSigningKey(new Date('2025-03-01T23:59:59Z')), newSigningKey(new Date('2024-12-31T00:00:00Z'))];
    const text = formatSigningKeys(keys);
    expect(text.split('\n')).toHaveLength(3);
    expect(parseSigningKeys(text, 'file')).toEqual(keys);
  });

  it('makes 32 random bytes a key, its id naming the day', () => {
    const [a, b] = [newSigningKey(new Date('2025-03-01T12:00:00Z')), newSigningKey(new Date('2025-03-01T12:00:00Z'))];
    expect(a.kid).toMatch(/^k20250301-[0-9a-f]{8}$/);
    expect(Buffer.from(a.secret.toString('utf8'), 'base64url')).toHaveLength(32);
    expect(a.secret.equals(b.secret)).toBe(false);
    expect(a.kid).not.toBe(b.kid);
  });
});
