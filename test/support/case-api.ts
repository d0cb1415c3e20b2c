import request from 'supertest';
import type { Pool } from 'pg';

/** Actors for the case API while identity comes from headers. */
export const ACTORS = {
  state: { 'X-Actor-Id': 'fp-ke', 'X-Actor-Role': 'state', 'X-Actor-Country': 'KE' },
  otherState: { 'X-Actor-Id': 'fp-ug', 'X-Actor-Role': 'state', 'X-Actor-Country': 'UG' },
  secretariat: { 'X-Actor-Id': 'unodc-officer-1', 'X-Actor-Role': 'secretariat' },
  donor: { 'X-Actor-Id': 'donor-giz-officer', 'X-Actor-Role': 'donor', 'X-Actor-Organisation': 'donor-giz' },
} as const;
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
  return { post };
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
