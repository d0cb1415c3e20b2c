import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a webhook may be sent (server-side request forgery): never to an address of the platform's
 * own networks. Refused: the IANA special-purpose addresses that are not globally reachable
 * (IANA IPv4 and IPv6 Special-Purpose Address Registries, RFC 6890 and its updates: "this network",
 * private, shared (CGN), loopback, link-local, IETF protocol assignments, documentation,
 * benchmarking, 6to4 relay, reserved, multicast, broadcast; IPv6 unspecified, loopback,
 * IPv4-mapped (checked as their IPv4), NAT64, discard, 2001::/23, 6to4, unique local, link-local).
 * Checked when a subscription is made (its host's addresses) and again at each delivery, on the
 * address actually connected to (a DNS answer that changes to a private address is refused).
 * A development setting (NOTIFY_WEBHOOK_ALLOW_PRIVATE=on) allows them, and plain http.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is one a webhook may not reach (IPv4-mapped IPv6 checked as IPv4). */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) return BLOCKED.check(address, 'ipv6');
  return true;
}

export interface WebhookTargetPolicy {
  /** Development only: private and loopback addresses, and plain http, allowed. */
  readonly allowPrivate: boolean;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Why a URL may not be a webhook's (a sentence), or null when it may: https, no credentials, a host whose every address is public. */
export async function webhookUrlProblem(raw: string, policy: WebhookTargetPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'https:' && !(policy.allowPrivate && url.protocol === 'http:')) return 'the scheme must be https';
  if (url.username || url.password) return 'credentials in the URL are not allowed';
  if (policy.allowPrivate) return null;
  const host = hostOf(url);
  if (isIP(host)) return isBlockedAddress(host) ? 'the address is private, loopback or reserved' : null;
  let addresses: LookupAddress[];
  try {
    addresses = await new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(host, { all: true }, (e, a) => (e ? reject(e) : resolve(a))));
  } catch {
    return 'the host name does not resolve';
  }
  return addresses.some((a) => isBlockedAddress(a.address)) ? 'the host resolves to a private, loopback or reserved address' : null;
}

/** A DNS lookup that refuses private addresses: used for the connection itself. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as LookupAddress[];
    const allowed = list.filter((a) => !isBlockedAddress(a.address));
    if (allowed.length === 0 || allowed.length !== list.length) {
      return callback(Object.assign(new Error(`webhook host ${hostname} resolves to a private, loopback or reserved address`), { code: 'EBLOCKED' }), '', 0);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    return callback(null, allowed[0]!.address, allowed[0]!.family);
  });
};

/**
 * POSTs a delivery and resolves with the HTTP status (the body is not read). Refuses a blocked
 * address (unless the policy allows it), follows no redirect, and gives up after `timeoutMs`.
 */
export function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, policy: WebhookTargetPolicy, timeoutMs: number): Promise<number> {
  const url = new URL(rawUrl);
  if (!policy.allowPrivate) {
    if (url.protocol !== 'https:') return Promise.reject(new Error('the scheme must be https'));
    const host = hostOf(url);
    if (isIP(host) && isBlockedAddress(host)) return Promise.reject(new Error('the address is private, loopback or reserved'));
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
        ...(policy.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res: IncomingMessage) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
