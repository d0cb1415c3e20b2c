import request from 'supertest';
import type { Pool } from 'pg';
import { authHeaders } from './auth';

/** The test actors, each with a bearer token signed with the test key. */
export const IDENTITIES = {
  state: { sub: 'fp-ke', role: 'state', country: 'KE' },
  otherState: { sub: 'fp-ug', role: 'state', country: 'UG' },
  secretariat: { sub: 'unodc-officer-1', role: 'secretariat' },
  donor: { sub: 'donor-giz-officer', role: 'donor', organisation: 'donor-giz' },
  otherDonor: { sub: 'donor-sida-officer', role: 'donor', organisation: 'donor-sida' },
  authority: { sub: 'ke-eacc-liaison', role: 'authority', organisation: 'authority-ke-eacc' },
} as const;
export const ACTORS = Object.fromEntries(Object.entries(IDENTITIES).map(([name, who]) => [name, authHeaders(who)])) as Record<
  keyof typeof IDENTITIES,
  { Authorization: string }
>;
export type ActorName = keyof typeof ACTORS;

export const requestBody = (overrides: Record<string, unknown> = {}) => ({
  country: 'KE',
  title: { en: 'Verification of asset declarations', fr: 'Vérification des déclarations de patrimoine' },
  description: { en: 'Support to design a risk-based verification of asset declarations of public officials.' },
  suggestedArticles: ['art-8'],
  suggestedTaTypes: ['c2-capacity-building'],
  beneficiaryInstitution: 'Ethics and Anti-Corruption Commission',
  preferredLanguages: ['en'],
  restricted: false,
  statePriority: 'medium',
  contactPerson: { name: 'Amina Njoroge', email: 'amina.njoroge@example.go.ke' },
  ...overrides,
});

export const triageBody = { articles: ['art-8'], taTypes: ['c2-capacity-building'], priority: 'high' };

export const offerBody = (overrides: Record<string, unknown> = {}) => ({
  providerId: 'donor-giz',
  providerKind: 'bilateral',
  taTypes: ['c2-capacity-building'],
  articles: ['art-8', 'art-9'],
  eligibleCountries: ['KE', 'UG'],
  eligibleRegions: [],
  languages: ['en', 'fr'],
  modality: 'hybrid',
  capacity: { kind: 'money', amount: '100000.00', currency: 'EUR' },
  availability: { from: '2020-01-01', to: '2099-12-31' },
  title: { en: 'Asset declaration systems support' },
  description: { en: 'Peer advice and training on asset declaration systems.' },
  ...overrides,
});

export function api(server: Parameters<typeof request>[0]) {
  const post = (actor: ActorName, path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    request(server).post(path).set(ACTORS[actor]).set(headers).send(body as object);
  const get = (actor: ActorName, path: string, headers: Record<string, string> = {}) => request(server).get(path).set(ACTORS[actor]).set(headers);
  return { post, get };
}

/** Events of one stream, straight from the event store's table. */
export async function streamEvents(pool: Pool, streamId: string): Promise<Array<{ type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>> {
  const { rows } = await pool.query('SELECT event_type AS type, data, metadata FROM event_store.events WHERE stream_id = $1 ORDER BY stream_position', [streamId]);
  return rows;
}

export async function countEvents(pool: Pool): Promise<number> {
  return Number((await pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
}

export async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
