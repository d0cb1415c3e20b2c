import { randomBytes } from 'node:crypto';
import { openSecret, SecretBox } from './secret-box';

describe('webhook secrets sealed at rest', () => {
  const box = new SecretBox(randomBytes(32).toString('base64'));

  it('seals with a fresh nonce each time and opens what it sealed; a plain value reads as it is', () => {
    const a = box.seal('whsec_abc');
    const b = box.seal('whsec_abc');
    expect(a).toMatch(/^enc:v1:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('whsec_abc');
    expect([box.open(a), box.open(b), box.open('whsec_plain')]).toEqual(['whsec_abc', 'whsec_abc', 'whsec_plain']);
  });

  it('refuses a sealed value altered, another key, or no key', () => {
    const sealed = box.seal('whsec_abc');
    // a character of the ciphertext changed (not the last one, whose low bits are padding)
    const i = sealed.length - 5;
    const altered = sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1);
    expect(() => box.open(altered)).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(sealed)).toThrow();
    expect(() => openSecret(sealed, null)).toThrow('NOTIFY_SECRETS_KEY is not set');
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
