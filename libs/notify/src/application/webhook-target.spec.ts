import { isBlockedAddress, postWebhook, webhookUrlProblem } from './webhook-target';

describe('webhook targets (SSRF)', () => {
  it('refuses private, loopback, link-local, reserved and mapped addresses; allows public ones', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1'])
      expect([a, isBlockedAddress(a)]).toEqual([a, true]);
    for (const a of ['8.8.8.8', '151.101.1.69', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect([a, isBlockedAddress(a)]).toEqual([a, false]);
  });

  it('a URL: https only, no credentials, no private literal address; the development setting allows http and loopback', async () => {
    const strict = { allowPrivate: false };
    expect(await webhookUrlProblem('http://example.org/hook', strict)).toBe('the scheme must be https');
    expect(await webhookUrlProblem('https://user:pw@example.org/hook', strict)).toBe('credentials in the URL are not allowed');
    expect(await webhookUrlProblem('https://127.0.0.1/hook', strict)).toBe('the address is private, loopback or reserved');
    expect(await webhookUrlProblem('https://[::1]:8443/hook', strict)).toBe('the address is private, loopback or reserved');
    expect(await webhookUrlProblem('https://169.254.169.254/latest/meta-data', strict)).toBe('the address is private, loopback or reserved');
    expect(await webhookUrlProblem('https://localhost/hook', strict)).toMatch(/private, loopback or reserved|does not resolve/);
    expect(await webhookUrlProblem('https://8.8.8.8/hook', strict)).toBeNull();
    expect(await webhookUrlProblem('not a url', strict)).toBe('not an absolute URL');
    expect(await webhookUrlProblem('http://127.0.0.1:8080/hook', { allowPrivate: true })).toBeNull();
  });

  it('at delivery: the address the connection resolves to is checked (a name resolving to loopback is refused before connecting)', async () => {
    await expect(postWebhook('https://localhost:9/hook', {}, '{}', { allowPrivate: false }, 1_000)).rejects.toThrow(/private, loopback or reserved/);
    await expect(postWebhook('https://127.0.0.1:9/hook', {}, '{}', { allowPrivate: false }, 1_000)).rejects.toThrow('the address is private, loopback or reserved');
    await expect(postWebhook('http://example.org/hook', {}, '{}', { allowPrivate: false }, 1_000)).rejects.toThrow('the scheme must be https');
  });
});
