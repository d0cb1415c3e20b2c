import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type autocannon from 'autocannon';
import { runPaced } from './paced-load';

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

  it('sends at the rate asked for, spread over the clients, not faster', async () => {
    const run = await runPaced(url, [get('/a'), get('/b')], { clients: 5, rate: 50, seconds: 1 });
    expect(run.total).toBe(50);
    expect(seen).toHaveLength(50);
    expect(run.requestsPerSecond).toBeGreaterThan(40);
    expect(run.requestsPerSecond).toBeLessThanOrEqual(52); // 50 requests, the last due at 980 ms
    expect(run.errors).toBe(0);
    expect(run.late).toBe(0);
    // Each client goes through the loop's steps in order.
    expect(seen.filter((s) => s === 'GET /a')).toHaveLength(25);
    expect(run.bySteps.map((b) => [b.name, b.n])).toEqual([
      ['0', 25],
      ['1', 25],
    ]);
  });

  it('counts the latency from when a request was due: a slow server is not flattered by sending late', async () => {
    delayMs = 100;
    // One client, a request due every 20 ms, each answer 100 ms: the requests fall further and further behind.
    const run = await runPaced(url, [get('/slow')], { clients: 1, rate: 50, seconds: 0.5 });
    expect(run.total).toBe(25);
    expect(run.late).toBeGreaterThan(20);
    expect(run.serviceP99).toBeLessThan(200);
    // The last request was due at 480 ms and answered after 25 answers of 100 ms each.
    expect(run.p99).toBeGreaterThan(1500);
    expect(run.max).toBeGreaterThan(run.serviceP99);
  });

  it('counts non-2xx answers as errors and gives each step its answer and the loop context', async () => {
    const contexts: Array<Record<string, unknown>> = [];
    const steps: autocannon.Request[] = [
      { method: 'POST', path: '/create', onResponse: (_status, body, context) => void ((context as { id?: string }).id = (JSON.parse(body) as { id: string }).id) },
      { method: 'POST', setupRequest: (req, context) => (contexts.push({ ...context }), { ...req, path: `/things/${(context as { id: string }).id}` }) },
      get('/fail'),
    ];
    const run = await runPaced(url, steps, { clients: 1, rate: 30, seconds: 0.2 });
    expect(run.total).toBe(6);
    expect(run.errors).toBe(2);
    expect(seen.map((s) => s.replace(/\d+$/, 'N'))).toEqual(['POST /create', 'POST /things/N', 'GET /fail', 'POST /create', 'POST /things/N', 'GET /fail']);
    // The second loop starts with a fresh context: its id is its own creation's.
    expect(contexts.map((c) => c.id)).toEqual(['1', '4']);
  });

  it('goes back to the first step, with a fresh context, when a step has nothing to send', async () => {
    let first = true;
    const steps: autocannon.Request[] = [
      get('/start'),
      { method: 'GET', setupRequest: (req) => (first ? ((first = false), undefined) : { ...req, path: '/next' }) as autocannon.Request },
    ];
    await runPaced(url, steps, { clients: 1, rate: 40, seconds: 0.1 });
    expect(seen).toEqual(['GET /start', 'GET /start', 'GET /next', 'GET /start']);
  });
});
