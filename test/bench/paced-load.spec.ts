import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type autocannon from 'autocannon';
import { arrivals, runPaced } from './paced-load';

// bench:http's open-loop phases, against a real HTTP server whose answers take `delayMs`.
describe('runPaced', () => {
  let server: Server;
  let url: string;
  let delayMs = 0;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      setTimeout(() => {
        res.statusCode = req.url === '/fail' ? 409 : 200;
        res.end(JSON.stringify({ id: String(seen.length) }));
      }, delayMs);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    delayMs = 0;
  });

  const get = (path: string): autocannon.Request => ({ method: 'GET', path });

  it('sends at the mean rate asked for, and counts only what was due after the warm-up', async () => {
    const run = await runPaced(url, [get('/a'), get('/b')], { clients: 5, rate: 100, seconds: 2, warmUpSeconds: 0.5 });
    // 200 expected in the measured 2 s (a Poisson count: standard deviation about 14).
    expect(run.total).toBeGreaterThan(150);
    expect(run.total).toBeLessThan(250);
    expect(run.requestsPerSecond).toBe(run.total / 2);
    // The warm-up's requests were sent, not counted.
    expect(seen.length).toBeGreaterThan(run.total + 20);
    expect(run.errors).toBe(0);
    expect(run.bySteps.map((b) => b.name)).toEqual(['0', '1']);
    expect(run.bySteps[0]!.n + run.bySteps[1]!.n).toBe(run.total);
  });

  it('asks the same arrivals for the same seed, other ones for another', () => {
    const o = { clients: 3, rate: 60, warmUpMs: 100, endMs: 2000 };
    expect(arrivals({ ...o, seed: 7 })).toEqual(arrivals({ ...o, seed: 7 }));
    expect(arrivals({ ...o, seed: 8 })).not.toEqual(arrivals({ ...o, seed: 7 }));
  });

  it('starts the users over the warm-up and spaces their requests at the mean rate, so that they do not move in step', () => {
    // 50 users, 100 requests/s, a loop of 9 steps: a warm-up of 4.5 s, then 60 s.
    const users = arrivals({ clients: 50, rate: 100, warmUpMs: 4500, endMs: 64_500, seed: 1 });
    const firsts = users.map((u) => u[0]!);
    expect(Math.max(...firsts)).toBeLessThan(4500);
    const early = firsts.filter((t) => t < 2250).length;
    expect(early).toBeGreaterThan(15); // uniform over the warm-up: about 25 in each half
    expect(early).toBeLessThan(35);
    // Users started together would make the first 50 requests all first steps.
    const all = users.flatMap((u, k) => u.map((t, i) => ({ t, first: i === 0, k }))).sort((a, b) => a.t - b.t);
    expect(all.slice(0, 50).filter((r) => r.first).length).toBeLessThan(40);
    // After the warm-up, 100 a second on average (a Poisson count over 60 s: 6,000 +- about 78).
    const measured = all.filter((r) => r.t >= 4500).length;
    expect(measured).toBeGreaterThan(5700);
    expect(measured).toBeLessThan(6300);
    for (const u of users) for (let i = 1; i < u.length; i++) expect(u[i]!).toBeGreaterThanOrEqual(u[i - 1]!);
  });

  it('counts the latency from when a request was due: a slow server is not flattered by being sent less', async () => {
    delayMs = 100;
    // One user, a request due every 20 ms on average, each answer 100 ms: they fall further and further behind.
    const run = await runPaced(url, [get('/slow')], { clients: 1, rate: 50, seconds: 0.5, warmUpSeconds: 0 });
    expect(run.total).toBeGreaterThan(15);
    expect(run.late).toBeGreaterThan(10);
    // Lower bounds only (a loaded machine makes every answer slower, never faster): each answer
    // takes at least 100 ms, one after the other, so the last request, due before 500 ms, is
    // answered at least total x 100 ms after the start.
    expect(run.serviceP99).toBeGreaterThanOrEqual(100);
    expect(run.max).toBeGreaterThanOrEqual(run.total * 100 - 500);
    expect(run.p99).toBeGreaterThan(1000);
  });

  it('counts non-2xx answers as errors and gives each step its answer and the loop context', async () => {
    const contexts: Array<Record<string, unknown>> = [];
    const steps: autocannon.Request[] = [
      { method: 'POST', path: '/create', onResponse: (_status, body, context) => void ((context as { id?: string }).id = (JSON.parse(body) as { id: string }).id) },
      { method: 'POST', setupRequest: (req, context) => (contexts.push({ ...context }), { ...req, path: `/things/${(context as { id: string }).id}` }) },
      get('/fail'),
    ];
    const run = await runPaced(url, steps, { clients: 1, rate: 30, seconds: 0.4, warmUpSeconds: 0 });
    expect(run.total).toBe(seen.length);
    expect(run.total).toBeGreaterThanOrEqual(6);
    expect(seen.map((s) => s.replace(/\d+$/, 'N'))).toEqual(seen.map((_, i) => ['POST /create', 'POST /things/N', 'GET /fail'][i % 3]));
    expect(run.errors).toBe(seen.filter((s) => s === 'GET /fail').length);
    // Each loop starts with a fresh context: its id is its own creation's (the server answers how many requests it has seen).
    const creations = seen.flatMap((s, i) => (s === 'POST /create' ? [String(i + 1)] : []));
    expect(contexts.map((c) => c.id)).toEqual(creations.slice(0, contexts.length));
  });

  it('goes back to the first step, with a fresh context, when a step has nothing to send', async () => {
    let first = true;
    const steps: autocannon.Request[] = [
      get('/start'),
      { method: 'GET', setupRequest: (req) => (first ? ((first = false), undefined) : { ...req, path: '/next' }) as autocannon.Request },
    ];
    await runPaced(url, steps, { clients: 1, rate: 40, seconds: 0.5, warmUpSeconds: 0 });
    expect(seen.slice(0, 4)).toEqual(['GET /start', 'GET /start', 'GET /next', 'GET /start']);
  });
});
