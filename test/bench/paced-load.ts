import { Agent, request } from 'node:http';
import type autocannon from 'autocannon';
import { percentile } from './stats';

/**
 * An open-loop load: requests arrive at a fixed mean rate, whatever the server's speed, the way
 * independent users' requests do (autocannon's `overallRate` sends each connection's share as a
 * burst at the start of every second instead). Each of `clients` keep-alive connections is one
 * user going through the same steps as autocannon's (`setupRequest`, `onResponse`, and back to
 * the first step when `setupRequest` gives nothing), its requests a Poisson process of rate
 * `rate / clients` (exponential gaps), so together they arrive at `rate` per second.
 * - The users start at random instants over a warm-up (by default one loop's length at that
 *   rate: steps x clients / rate), not counted: users who all started together would stay in
 *   step, all submitting, then all triaging, a wave of each step in turn.
 * - A user still waiting for its previous answer sends late; the latency is counted from when
 *   the request was due, so that a slow server is not flattered by being sent less (coordinated
 *   omission). The time from sending is kept too, and by step.
 * - The random draws come from `seed`: runs with the same seed ask the same arrivals.
 */
export interface PacedRun {
  /** The mean rate asked for, and the one achieved (answers due in the measured time, over it). */
  readonly rate: number;
  readonly requestsPerSecond: number;
  /** Requests due in the measured time (after the warm-up). */
  readonly total: number;
  readonly errors: number;
  /** From when each request was due to its answer. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  /** From when each request was sent to its answer. */
  readonly serviceP99: number;
  /** Requests sent more than 10 ms after they were due (their user still waiting). */
  readonly late: number;
  /** Each step's latency from sent, in the loop's order (`nameOf` names them). */
  readonly bySteps: ReadonlyArray<{ readonly name: string; readonly p50: number; readonly p99: number; readonly n: number }>;
}

export interface PacedOptions {
  readonly clients: number;
  /** Requests per second, all users together. */
  readonly rate: number;
  /** The measured time, after the warm-up. */
  readonly seconds: number;
  /** Default: one loop's length at this rate (steps x clients / rate). */
  readonly warmUpSeconds?: number;
  readonly seed?: number;
  readonly nameOf?: (step: autocannon.Request) => string;
}

export async function runPaced(url: string, steps: readonly autocannon.Request[], options: PacedOptions): Promise<PacedRun> {
  const { clients, rate, seconds } = options;
  const warmUpMs = (options.warmUpSeconds ?? (steps.length * clients) / rate) * 1000;
  const schedule = arrivals({ clients, rate, warmUpMs, endMs: warmUpMs + seconds * 1000, seed: options.seed ?? 1 });
  const target = new URL(url);
  const start = performance.now();
  const measuredFrom = start + warmUpMs;
  const fromDue: number[] = [];
  const fromSent: number[] = [];
  let errors = 0;
  let late = 0;
  const byStep: number[][] = [];

  async function client(k: number): Promise<void> {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let context: Record<string, unknown> = {};
    let i = 0;
    try {
      for (const offset of schedule[k]!) {
        const due = start + offset;
        const measured = due >= measuredFrom;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else if (wait < -10 && measured) late++;
        let built: autocannon.Request | undefined;
        for (let tries = 0; tries < steps.length && !built; tries++) {
          const step = steps[i]!;
          built = typeof step.setupRequest === 'function' ? (step.setupRequest({ method: step.method, headers: step.headers, body: step.body, path: step.path } as autocannon.Request, context) as autocannon.Request | undefined) : step;
          if (!built) [i, context] = [0, {}]; // as autocannon does: back to the first step, a fresh context
        }
        if (!built) throw new Error('no step could be built');
        const sent = performance.now();
        const answer = await send(agent, target, built).catch(() => null); // no answer (reset, timeout): an error
        const now = performance.now();
        if (measured) {
          fromDue.push(now - due);
          fromSent.push(now - sent);
          (byStep[i] ??= []).push(now - sent);
          if (!answer || answer.status < 200 || answer.status >= 300) errors++;
        }
        const onResponse = steps[i]!.onResponse;
        if (answer && typeof onResponse === 'function') onResponse(answer.status, answer.body, context, undefined);
        i = answer ? (i + 1) % steps.length : 0;
        if (i === 0) context = {};
      }
    } finally {
      agent.destroy();
    }
  }

  await Promise.all(Array.from({ length: clients }, (_, k) => client(k)));
  fromDue.sort((a, b) => a - b);
  fromSent.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    rate,
    requestsPerSecond: r(fromDue.length / seconds),
    total: fromDue.length,
    errors,
    p50: r(percentile(fromDue, 50)),
    p95: r(percentile(fromDue, 95)),
    p99: r(percentile(fromDue, 99)),
    max: r(fromDue.at(-1) ?? NaN),
    serviceP99: r(percentile(fromSent, 99)),
    late,
    bySteps: steps.map((step, i) => {
      const l = (byStep[i] ?? []).sort((a, b) => a - b);
      return { name: options.nameOf?.(step) ?? String(i), p50: r(percentile(l, 50)), p99: r(percentile(l, 99)), n: l.length };
    }),
  };
}

/**
 * When each user's requests are due, in ms from the start, before `endMs`: a Poisson process of
 * `rate / clients` per user (exponential gaps), each starting at a random instant over the
 * warm-up (or the first mean gap, if longer). Each user its own draws from `seed`.
 */
export function arrivals(o: { clients: number; rate: number; warmUpMs: number; endMs: number; seed: number }): number[][] {
  const meanGapMs = (o.clients * 1000) / o.rate;
  return Array.from({ length: o.clients }, (_, k) => {
    const random = mulberry32(o.seed * 100_003 + k);
    const dues: number[] = [];
    for (let due = random() * Math.max(o.warmUpMs, meanGapMs); due < o.endMs; due += -Math.log(1 - random()) * meanGapMs) dues.push(due);
    return dues;
  });
}

/** A small seeded generator of uniform numbers in [0, 1) (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function send(agent: Agent, target: URL, req: autocannon.Request): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : undefined;
    const headers: Record<string, string | number> = { ...(req.headers as Record<string, string>) };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const r = request({ agent, host: target.hostname, port: target.port, method: req.method ?? 'GET', path: req.path ?? '/', headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error('timed out after 30 s')));
    r.on('error', reject);
    r.end(body);
  });
}

