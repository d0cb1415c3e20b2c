import { DEMO_ACCOUNTS } from '@ta/identity';
import { RequestIdLogger } from '@ta/platform/http';
import { startTestApp, type TestApp } from '../support/app';
import { authHeaders } from '../support/auth';
import { CookieClient } from '../support/browser-like';

// Every line the API logs while serving a request names the request's id (X-Request-Id, also
// the problems' traceId): the access line, and what the routes log on the way (here the
// sign-in's), with the API's own logger writing to the real stdout.
describe('request ids in the log', () => {
  let t: TestApp;
  const lines: string[] = [];
  let restore: () => void;

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    const capture = (chunk: unknown, ...rest: unknown[]) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    };
    process.stdout.write = capture as typeof process.stdout.write;
    restore = () => (process.stdout.write = write);
    t = await startTestApp({ AUTH_DEV_PROVIDER: 'on' }, { logger: new RequestIdLogger() });
  });
  afterAll(async () => {
    restore?.();
    await t?.close();
  });

  it('tags the access line with the caller’s X-Request-Id, and a new id when the caller sent none or a malformed one', async () => {
    await fetch(`${t.url}/coordination/summary`, { headers: { ...authHeaders({ sub: 'me', role: 'secretariat' }), 'X-Request-Id': 'trace-logs-0000001' } });
    const bad = await fetch(`${t.url}/coordination/summary`, { headers: { 'X-Request-Id': 'no spaces allowed' } });
    const given = bad.headers.get('x-request-id')!;
    expect(given).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await bad.json()) as { traceId: string }).traceId).toBe(given);
    await eventually(() => lines.some((l) => l.includes(`[req ${given}] GET /coordination/summary 401`)));
    expect(lines.filter((l) => l.includes('GET /coordination/summary 200'))).toEqual([expect.stringContaining('[req trace-logs-0000001] GET /coordination/summary 200 ')]);
  });

  it('tags what a route logs while serving the request with the same id as its access line', async () => {
    const browser = new CookieClient();
    const start = await browser.follow(`${t.url}/auth/sign-in/dev`);
    const action = /action="([^"]+)"/.exec(await start.res.text())![1]!;
    const a = DEMO_ACCOUNTS.find((x) => x.role === 'secretariat')!;
    const submitted = await browser.fetch(new URL(action, start.url).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: a.login, password: a.password }).toString(),
    });
    const landed = await browser.follow(new URL(submitted.headers.get('location')!, start.url).toString());
    expect(landed.url).toBe(`${t.url}/app/work`);
    await eventually(() => lines.some((l) => / GET \/auth\/callback\/dev 302 /.test(l)));
    const signedIn = lines.find((l) => l.includes(`signed in: dev:${a.login}`))!;
    const id = /\[req ([^\]]+)\]/.exec(signedIn)?.[1];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.filter((l) => / GET \/auth\/callback\/dev 302 /.test(l))).toEqual([expect.stringContaining(`[req ${id}] GET /auth/callback/dev 302 `)]);
    // no line of the serving of a request goes without its id
    const served = lines.filter((l) => /(GET|POST) \/(auth|coordination)\//.test(l) || l.includes('signed in:'));
    expect(served.filter((l) => !/\[req [A-Za-z0-9._:-]{8,128}\]/.test(l))).toEqual([]);
  });
});

async function eventually(ok: () => boolean): Promise<void> {
  for (const until = Date.now() + 5000; !ok(); ) {
    if (Date.now() > until) throw new Error('the line never came');
    await new Promise((r) => setTimeout(r, 20));
  }
}
