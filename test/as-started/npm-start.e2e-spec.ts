// `npm ci && npm start` on a fresh clone, as the README says: the built API on the embedded
// PostgreSQL (data under DATA_DIR), its development signing key, tokens from `npm run token`,
// nothing else configured. A whole case must run to closure, the platform's own steps
// (activation, capacity, cancellations, delivery) must happen, and the log must get sealed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CookieClient } from '../support/browser-like';
import { offer, overCapacity, request, triage, wholeCase, withdrawal, type Actors } from './support/journeys';
import { actorsFor, expectReadyWithConsumers } from './support/platform';
import { assertBuildIsCurrent, ENTRY, freePort, PlatformProcess, userEnvironment } from './support/platform-process';

let api: PlatformProcess;
let base: string;
let actors: Actors;
let dataDir: string;

beforeAll(async () => {
  assertBuildIsCurrent();
  dataDir = mkdtempSync(join(tmpdir(), 'ta-npm-start-'));
  const port = await freePort();
  // What differs from a user's `npm start`: ports that are free on a shared machine, the data
  // folder, and a seal age of 1 s instead of 60 so that the test sees seals appear.
  const env = userEnvironment({ PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), DATA_DIR: dataDir, AUDIT_SEAL_MAX_AGE_SECONDS: '1' });
  api = new PlatformProcess('api', ENTRY.api, env);
  await api.waitForLine(/listening on http:\/\//, 120_000);
  base = `http://127.0.0.1:${port}`;
  await api.waitHealthy(`${base}/health/ready`);
  actors = await actorsFor(base, env);
}, 180_000);

afterAll(async () => {
  const code = await api?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  expect(code).toBe(0);
}, 60_000);

describe('the platform as `npm start` runs it (embedded PostgreSQL, development key)', () => {
  it('runs the development identity provider: a demo account signs in on its page and lands on its own work', async () => {
    const browser = new CookieClient();
    const page = await browser.follow(`${base}/auth/sign-in/dev`);
    expect(new URL(page.url).port).not.toBe(new URL(base).port); // the provider, beside the API
    const action = new URL(/action="([^"]+)"/.exec(await page.res.text())![1]!, page.url).toString();
    const submitted = await browser.fetch(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: 'focal-point-ke', password: 'demo-state' }).toString(),
    });
    const landed = await browser.follow(new URL(submitted.headers.get('location')!, action).toString());
    expect(landed.url).toBe(`${base}/app/work`);
    const session = (await (await browser.fetch(`${base}/auth/session`)).json()) as { actor: unknown };
    expect(session.actor).toEqual({ id: 'dev:focal-point-ke', role: 'state', country: 'KE' });
    // its start-up line says where it runs
    await api.waitForLine(/development identity provider at http:\/\//, 1000);
  });

  it('runs every consumer it is configured to run, and says so on /health/ready', async () => {
    await expectReadyWithConsumers(base, ['coordination', 'directory-projector', 'practices-projector', 'iati-projector', 'case-process-managers', 'case-offer-expiry', 'audit-sealer', 'notify']);
  });

  it('takes a case from submission to closure, with the platform activating, matching and delivering on its own', async () => {
    const { requestId, engagementId } = await wholeCase(actors);
    const detail = await actors.state.get(`/requests/${requestId}`);
    expect(detail.history.map((h: { type: string }) => h.type).filter((t: string) => t.startsWith('Request'))).toEqual([
      'RequestSubmitted',
      'RequestReturnedForClarification',
      'RequestClarificationProvided',
      'RequestTriaged',
      'RequestMatched',
      'RequestDeliveryStarted',
      'RequestDelivered',
      'RequestFollowUpRecorded',
      'RequestClosed',
    ]);
    expect((await actors.donor.get(`/engagements/${engagementId}`)).status).toBe('acknowledged');
  }, 120_000);

  it('expires an offer whose availability window has ended, on its own, and its provider can no longer extend it', async () => {
    const offerId: string = (await actors.donor.post('/offers', { ...offer('1000.00'), availability: { from: '2020-01-01', to: '2020-12-31' } }, 201)).id;
    const expired = await actors.donor.until(`/offers/${offerId}`, (o) => o.status === 'expired', 30_000);
    expect(expired.endedAt).toEqual(expect.any(String));
    await actors.donor.post(`/offers/${offerId}/extend`, { to: '2030-12-31' }, 409);
  }, 60_000);

  it('cancels the engagements of a withdrawn request', async () => {
    await withdrawal(actors);
  }, 60_000);

  it("commits an offer's capacity to as many engagements as it covers and cancels the others, saying why", async () => {
    const { offerId, active, cancelled } = await overCapacity(actors);
    expect([active.length, cancelled.length]).toEqual([4, 16]);
    expect(await actors.donor.get(`/offers/${offerId}`)).toMatchObject({ capacity: 4_000_000, committed: 4_000_000, remaining: 0 });
  }, 120_000);

  it('publishes open needs without a token (the public view is on with the embedded PostgreSQL), and search finds them', async () => {
    const id: string = (await actors.state.post('/requests', request('KE', { title: { en: 'Tide-gauge procurement integrity' } }), 201)).id;
    await actors.secretariat.post(`/requests/${id}/triage`, triage);
    const hits = await actors.donor.until(`/search?q=${encodeURIComponent('tide-gauge')}`, (r) => r.items.length > 0, 10_000);
    expect(hits.items.map((h: { id: string }) => h.id)).toEqual([id]);
    // The public view has no read-your-writes (an anonymous reader wrote nothing): it shows the
    // request once the triage (open for offers) is projected.
    const listed = async () => {
      const res = await fetch(`${base}/public/requests?limit=200`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: Array<{ requestId: string }> }).items.map((r) => r.requestId);
    };
    const until = Date.now() + 10_000;
    let ids = await listed();
    while (!ids.includes(id) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      ids = await listed();
    }
    expect(ids).toContain(id);
  }, 60_000);

  it('seals the log, and the seals verify', async () => {
    // A partial block is sealed once its oldest event is AUDIT_SEAL_MAX_AGE_SECONDS old.
    // The newest seal's own LogSealed event waits for the next block: at most one event unsealed.
    const report = await actors.secretariat.until('/audit/verify', (r) => r.checkedSeals >= 1 && r.unsealedEvents <= 1, 30_000);
    expect(report).toMatchObject({ ok: true, brokenLinks: 0, problems: [] });
    expect(report.checkedEvents).toBeGreaterThan(150);
  }, 60_000);
});
