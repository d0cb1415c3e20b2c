import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientErrors } from '../client-errors';
import type { Infrastructure } from '../infrastructure';
import { checkReadiness, LagWatch, notReadyProblem } from './readiness';

/**
 * `/health/live`, `/health/ready` and `/health/consumers` for a process without an API (the
 * projector, the relay), with the same answers as the API's: plain node:http, nothing else.
 */
export async function serveHealth(infra: Infrastructure, port: number, host: string): Promise<{ url: string; close(): Promise<void> }> {
  const watch = new LagWatch(infra.config.readiness);
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { status: 405, title: 'Method not allowed' }, 'application/problem+json');
    if (path === '/health/live') return send(200, { status: 'up' });
    if (path === '/health/consumers') {
      return void infra.consumers.statuses().then(
        (consumers) => send(200, { consumers }),
        (e: unknown) => send(503, { status: 503, title: 'Unavailable', code: 'health.unavailable', detail: (e as Error).message }, 'application/problem+json'),
      );
    }
    if (path === '/health/ready') {
      return void checkReadiness({ pool: infra.pool, migrationSets: infra.migrationSets, consumers: () => infra.consumers.statuses(), watch }).then((r) =>
        r.ready ? send(200, { status: 'up', checks: r.checks }) : send(503, notReadyProblem(r, path), 'application/problem+json'),
      );
    }
    return send(404, { status: 404, title: 'Not found', code: 'request.unknown_route' }, 'application/problem+json');
  });
  answerClientErrors(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shown}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
