import { Client, IDENTITIES, type Actors } from './journeys';
import { issueToken } from './platform-process';

/** The four actors of the journeys, with tokens from `npm run token` run in the platform's environment. */
export async function actorsFor(base: string, env: NodeJS.ProcessEnv): Promise<Actors> {
  const client = async (name: keyof typeof IDENTITIES) => new Client(base, await issueToken(env, IDENTITIES[name]), name);
  return { state: await client('state'), otherState: await client('otherState'), donor: await client('donor'), secretariat: await client('secretariat') };
}

/** Every consumer the process is configured to run is running, and /health/ready says so. */
export async function expectReadyWithConsumers(base: string, consumers: readonly string[]): Promise<void> {
  const ready = await fetch(`${base}/health/ready`);
  const body = (await ready.json()) as { status: string; checks: Record<string, { status: string }> };
  expect({ status: ready.status, consumers: Object.keys(body.checks).filter((k) => k.startsWith('consumer:')).sort() }).toEqual({
    status: 200,
    consumers: consumers.map((c) => `consumer:${c}`).sort(),
  });
  const listed = (await (await fetch(`${base}/health/consumers`)).json()) as { consumers: Array<{ name: string; running: boolean }> };
  expect(listed.consumers.map((c) => [c.name, c.running]).sort()).toEqual(consumers.map((c) => [c, true]).sort());
}
